"""Serving the WSGI app: waitress for one process, gunicorn for several.

One process (the default, and the only choice on Windows) is waitress: pure Python,
production-grade, with a pool of threads.  Python runs one thread at a time, so on a busier
server ``processes`` > 1 starts gunicorn's pre-forked "sync" workers instead: each takes a
connection only when it is free, answers one request and closes the connection.  A request
thus always goes to an idle process, never queues behind a slow page in a busy one; with
waitress's processes each kept-alive browser connection stayed with the process that first
took it, and under load one core idled while the other had a queue (p95 twice the median).
"""

from __future__ import annotations

# A page that takes longer is stuck; exports and imports of a million rows stay well below.
WORKER_TIMEOUT_SECONDS = 900


def run(host: str = "127.0.0.1", port: int = 8000, threads: int = 8, processes: int = 1) -> None:
    import os

    from marsad.wsgi import application

    if processes <= 1 or not hasattr(os, "fork"):
        from waitress import serve

        serve(application, host=host, port=port, threads=threads, ident="marsad")
        return
    _serve_prefork(application, host, port, processes)


def _close_database_connections(server, worker) -> None:
    """Runs in the parent before each fork: a connection must never be shared."""
    from django.db import connections

    connections.close_all()


def _serve_prefork(application, host: str, port: int, processes: int) -> None:
    from gunicorn.app.base import BaseApplication

    options = {
        "bind": [f"[{host}]:{port}" if ":" in host else f"{host}:{port}"],
        "workers": processes,
        "worker_class": "sync",
        "timeout": WORKER_TIMEOUT_SECONDS,
        "backlog": 1024,
        "pre_fork": _close_database_connections,
        "proc_name": "marsad",
        "errorlog": "-",
        "loglevel": "warning",
    }

    class Prefork(BaseApplication):
        def load_config(self) -> None:
            for name, value in options.items():
                self.cfg.set(name, value)

        def load(self):
            return application

    Prefork().run()
