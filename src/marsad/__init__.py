"""Marsad (مرصد): a security observatory for research centres that document conflict."""

__version__ = "0.1.0"
