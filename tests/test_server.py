"""`marsad serve --processes N`: several server processes answer on one port."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (Linux, macOS)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def test_two_processes_share_the_port_and_stop_together(tmp_path):
    marsad = str(Path(sys.executable).with_name("marsad"))
    env = {**os.environ, "MARSAD_DATA_DIR": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("MARSAD_DATABASE_URL", None)
    subprocess.run([marsad, "init"], env=env, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen(
        [marsad, "serve", "--port", str(port), "--processes", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(120):
            try:
                answers = [
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5).status
                    for _ in range(10)
                ]
                break
            except OSError:
                time.sleep(0.5)
        assert answers == [200] * 10
        workers = children_of(server.pid)
        assert len(workers) == 2
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    assert server.returncode is not None
    time.sleep(0.5)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]
