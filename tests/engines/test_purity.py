"""The engines never import Django: the CLI, notebooks and tests use them without a server."""

import subprocess
import sys
from pathlib import Path

import marsad.engines

ENGINES = sorted(
    p.stem for p in Path(marsad.engines.__file__).parent.glob("*.py") if p.stem != "__init__"
)


def test_there_are_engines_to_check():
    assert {"arabic", "codebook", "gazetteer", "control", "demo"} <= set(ENGINES)


def test_importing_every_engine_does_not_import_django():
    imports = "; ".join(f"import marsad.engines.{name}" for name in ENGINES)
    code = f"import sys; {imports}; print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == "[]"
