"""Pure computation: codebook validation, place matching, control-layer checks, demo data.

Nothing under ``marsad.engines`` imports Django, so the CLI, notebooks and tests can use these
modules without a configured server (``tests/engines/test_purity.py`` enforces it).
"""
