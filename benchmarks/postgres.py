"""A throw-away PostgreSQL 15 cluster on loopback for the benchmarks (not used by the app)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

PGBIN = Path("/usr/lib/postgresql/15/bin")


class Postgres:
    """initdb'd in a temporary directory, run as the postgres user, one fresh database per
    measurement; ``stop()`` removes it all."""

    def __init__(self, port: int = 54391, settings: str = "") -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="marsad-bench-pg-"))
        self.port = port
        shutil.chown(self.dir, "postgres")
        data = str(self.dir / "data")
        self._pg(
            "initdb", "-D", data, "-U", "marsad", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"
        )
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} {settings}".strip()
        self._pg("pg_ctl", "-D", data, "-l", str(self.dir / "log"), "-w", "-o", options, "start")
        self.count = 0

    @staticmethod
    def available() -> bool:
        return (PGBIN / "initdb").exists()

    def _pg(self, tool: str, *args: str) -> None:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", str(PGBIN / tool), *args],
            check=True,
            capture_output=True,
        )

    def fresh_database(self) -> str:
        self.count += 1
        name = f"bench{self.count}"
        self._pg("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "marsad", name)
        return f"postgresql://marsad@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        self._pg("pg_ctl", "-D", str(self.dir / "data"), "-m", "fast", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)
