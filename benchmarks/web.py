"""Web latency under load: the desk's busiest pages with 100k incidents and 250k reports in
PostgreSQL, 20 concurrent clients on loopback, against /healthz in the same run as baseline.

    python benchmarks/web.py                                 # 100k incidents, 250k reports
    python benchmarks/web.py --incidents 10000 --reports 25000 --clients 20 --requests 200
    python benchmarks/web.py --database-url postgresql://marsad@127.0.0.1:5432/bench

It starts a throw-away PostgreSQL 15 cluster (unless --database-url is given), runs
``marsad init``, bulk-loads synthetic incidents and accounts over real gazetteer places, starts
``marsad serve --processes 2`` (gunicorn workers; one process is waitress with ``--threads``),
signs in as a reviewer who is also an analyst, and requests each page from ``--clients``
threads, each with its own connection.  Target: p95 under 300 ms on a 2-core machine.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from itertools import cycle
from pathlib import Path

from postgres import Postgres

LOADER = Path(__file__).with_name("web_data.py")
# Many users, many views: the lists and the map cycle through these filters (and pages), so
# the server's caches meet the variety of a working day rather than one URL asked 400 times.
FILTERS = [
    f"type={kind}&date_from={start}&date_to={end}&party={party}"
    for kind in ("explosion", "assassination", "detention", "abduction")
    for party in ("regime", "opposition", "aa")
    for start, end in (("2019-07-01", "2020-06-30"), ("2020-01-01", "2020-12-31"))
]
SEARCHES = ["درعا", "الرقة", "حلب", "دير الزور", "Raqqa", "Daraa"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Client:
    """One keep-alive connection with a session cookie, like one browser tab."""

    def __init__(self, port: int, cookie: str = "") -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.cookie = cookie

    def get(self, path: str) -> tuple[int, bytes]:
        self.connection.request("GET", path, headers={"Cookie": self.cookie})
        response = self.connection.getresponse()
        return response.status, response.read()


def sign_in(port: int, username: str, password: str) -> str:
    client = Client(port)
    client.connection.request("GET", "/accounts/login/")
    response = client.connection.getresponse()
    body = response.read().decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    cookie = response.getheader("Set-Cookie").split(";")[0]
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": csrf, "username": username, "password": password, "next": "/"}
    )
    client.connection.request(
        "POST",
        "/accounts/login/",
        body=form,
        headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
    )
    response = client.connection.getresponse()
    response.read()
    if response.status != 302:
        raise SystemExit(f"sign-in failed with HTTP {response.status}")
    session = [c.split(";")[0] for c in response.headers.get_all("Set-Cookie")]
    return "; ".join([cookie, *session])


def hammer(port: int, cookie: str, paths: list[str], clients: int) -> list[float]:
    """Request ``paths`` (spread over ``clients`` threads); latencies in milliseconds."""
    latencies: list[float] = []
    lock = threading.Lock()
    failures: list[str] = []

    def work(share: list[str]) -> None:
        client = Client(port, cookie)
        for path in share:
            start = time.perf_counter()
            status, _ = client.get(path)
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    failures.append(f"{path}: HTTP {status}")

    threads = [threading.Thread(target=work, args=(paths[i::clients],)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise SystemExit("requests failed: " + "; ".join(failures[:5]))
    return latencies


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--reports", type=int, default=250_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=400, help="per page")
    parser.add_argument("--threads", type=int, default=16, help="server threads (one process)")
    parser.add_argument("--database-url", help="use this database instead of a temporary one")
    parser.add_argument(
        "--loaded",
        action="store_true",
        help="the --database-url database already holds a previous run's data: skip loading",
    )
    parser.add_argument("--processes", type=int, default=2, help="server processes")
    args = parser.parse_args()

    postgres = None if args.database_url else Postgres(port=54395, settings="-c fsync=off")
    database_url = args.database_url or postgres.fresh_database()
    data_dir = Path(tempfile.mkdtemp(prefix="marsad-bench-web-"))
    env = {**os.environ, "MARSAD_DATA_DIR": str(data_dir), "MARSAD_DATABASE_URL": database_url}
    marsad = str(Path(sys.executable).with_name("marsad"))
    server = None
    try:
        subprocess.run([marsad, "init"], env=env, check=True, capture_output=True)
        started = time.perf_counter()
        loaded = subprocess.run(
            [sys.executable, str(LOADER), str(args.incidents), str(args.reports)]
            + (["--loaded"] if args.loaded else []),
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        ids, username, password = loaded.stdout.split()[-3:]
        first_id, last_id = (int(n) for n in ids.split("-"))
        print(
            f"loaded {args.incidents:,} incidents and {args.reports:,} reports "
            f"in {time.perf_counter() - started:.0f} s"
        )
        port = free_port()
        server = subprocess.Popen(
            [marsad, "serve", "--port", str(port), "--threads", str(args.threads)]
            + ["--processes", str(args.processes)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(120):
            try:
                Client(port).get("/healthz")
                break
            except OSError:
                time.sleep(0.5)
        cookie = sign_in(port, username, password)
        step = max(1, (last_id - first_id) // args.requests)
        incident_pages = [f"/incidents/{n}/" for n in range(first_id, last_id + 1, step)]
        pages = {
            "healthz (baseline)": ["/healthz"] * args.requests,
            "incident list, filtered": [
                f"/incidents/?{filters}&page={1 + n // len(FILTERS) % 5}"
                for n, filters in zip(range(args.requests), cycle(FILTERS))
            ],
            "incident list, search": [
                f"/incidents/?q={urllib.parse.quote(term)}&page={1 + n // len(SEARCHES) % 3}"
                for n, term in zip(range(args.requests), cycle(SEARCHES))
            ],
            "incident page": incident_pages[: args.requests],
            "map data, filtered": [
                f"/map/data.json?{filters}"
                for _, filters in zip(range(args.requests), cycle(FILTERS))
            ],
            "home dashboard": [
                "/" if n % 4 == 0 else f"/?month=2020-{1 + n % 12:02d}"
                for n in range(args.requests)
            ],
        }
        rows = []
        for name, paths in pages.items():
            hammer(port, cookie, paths[: args.clients], args.clients)  # warm caches
            wall = time.perf_counter()
            latencies = hammer(port, cookie, paths, args.clients)
            wall = time.perf_counter() - wall
            rows.append(
                (
                    name,
                    statistics.median(latencies),
                    percentile(latencies, 0.95),
                    len(latencies) / wall,
                )
            )
        baseline = rows[0][1]
        server_kind = (
            f"{args.processes} server processes"
            if args.processes > 1
            else f"1 server process × {args.threads} threads"
        )
        print(
            f"\n{args.clients} concurrent clients, {args.requests} requests per page, "
            f"{server_kind}\n"
        )
        print(
            f"{'page':<26}{'URLs':>6}{'median ms':>10}{'p95 ms':>9}{'req/s':>8}"
            f"{'× healthz':>11}  p95<300"
        )
        for (name, median, p95, rate), paths in zip(rows, pages.values(), strict=True):
            verdict = "yes" if p95 < 300 else "NO"
            print(
                f"{name:<26}{len(set(paths)):>6}{median:>10.1f}{p95:>9.1f}{rate:>8.1f}"
                f"{median / baseline:>11.1f}  {verdict}"
            )
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if postgres is not None:
            postgres.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
