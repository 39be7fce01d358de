"""Serving the WSGI app with waitress: pure Python, production-grade, runs the same on every OS.

One process runs Python on one core at a time; with ``processes`` > 1 (on systems with
``fork``) several waitress processes share one listening socket and the kernel hands each new
connection to whichever is free, so a two-core server answers about twice as many requests.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket


def run(host: str = "127.0.0.1", port: int = 8000, threads: int = 8, processes: int = 1) -> None:
    from waitress import serve

    from marsad.wsgi import application

    if processes <= 1 or not hasattr(os, "fork"):
        serve(application, host=host, port=port, threads=threads, ident="marsad")
        return
    family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    listener = socket.create_server((host, port), family=family, backlog=1024)
    _serve_forked(application, listener, threads, processes)


def _serve_forked(application, listener: socket.socket, threads: int, processes: int) -> None:
    from django.db import connections
    from waitress import serve

    # A database connection must never be shared between processes.
    connections.close_all()
    children = []
    for _ in range(processes):
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            try:
                serve(application, sockets=[listener], threads=threads, ident="marsad")
            finally:
                os._exit(0)
        children.append(pid)

    def stop(signum, frame):
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for child in children:
        while True:
            try:
                os.waitpid(child, 0)
                break
            except InterruptedError:
                continue
            except ChildProcessError:
                break
    listener.close()
