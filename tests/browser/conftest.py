import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
# Without these, Chromium keeps trying to reach Google's services, which a closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    """`marsad demo` exactly as a new user runs it, in its own data directory."""
    data_dir = tmp_path_factory.mktemp("demo-data")
    env = {**os.environ, "MARSAD_DATA_DIR": str(data_dir)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    marsad = str(Path(sys.executable).with_name("marsad"))
    port = free_port()
    log = open(data_dir / "server.log", "w")  # noqa: SIM115 - closed at teardown
    server = subprocess.Popen(
        [marsad, "demo", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError((data_dir / "server.log").read_text())
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        server.kill()
        raise RuntimeError("marsad demo did not start serving in time")
    password = (data_dir / "admin-password.txt").read_text().strip()
    users = json.loads((data_dir / "demo-passwords.json").read_text())
    yield {
        "url": base,
        "user": "admin",
        "password": password,
        "users": {"admin": password, **users},  # monitor, reviewer, analyst: one role each
        "data_dir": data_dir,
        "log": data_dir / "server.log",
    }
    server.terminate()
    server.wait(timeout=20)
    log.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    # An Arabic-speaking monitor's browser: pages follow the browser's language until the user
    # picks one with the switcher.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar-SY")
    page = context.new_page()
    page.requested_urls = []
    page.on("request", lambda request: page.requested_urls.append(request.url))
    yield page
    context.close()


@pytest.fixture
def screenshots():
    """Where screenshots go: MARSAD_SCREENSHOTS when set (to look at them), else a temp dir."""
    folder = Path(os.environ.get("MARSAD_SCREENSHOTS") or "/tmp/marsad-screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
