"""Serving the WSGI app with waitress: pure Python, production-grade, runs the same on every OS."""

from __future__ import annotations


def run(host: str = "127.0.0.1", port: int = 8000, threads: int = 8) -> None:
    from waitress import serve

    from marsad.wsgi import application

    serve(application, host=host, port=port, threads=threads, ident="marsad")
