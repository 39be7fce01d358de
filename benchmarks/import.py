"""Import speed and memory: `marsad import reports` against a naive one-save()-per-row loop.

    python benchmarks/import.py                       # SQLite, 100k rows
    python benchmarks/import.py --rows 100000 1000000 --postgres

Each measurement runs in a fresh process (so peak memory is that run's own) on a fresh database
(SQLite in a temp data dir; PostgreSQL in a throw-away cluster when --postgres is given and the
PostgreSQL 15 binaries are installed). The figure is the ratio of rows per second of the real
import to the naive loop (parse each row, then SourceReport.save() it), measured in the same run
on the first rows of the same file. Peak memory staying flat as the file grows shows the import
streams rather than loading the file.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from postgres import Postgres

NAIVE_ROWS = 3000
PLACES = [
    "جاسم",
    "Douma",
    "البوكمال",
    "Raqqa",
    "عفرين",
    "Jarablus",
    "نوى بريف درعا الغربي",
    "Tafas",
    "الميادين",
    "Qamishli",
    "Saraqib",
    "Al-Bab",
    "Azaz",
    "تل أبيض",
    "Tabqa",
]
TYPES = [  # (type, method, operation type)
    ("assassination", "gunfire", ""),
    ("explosion", "ied", ""),
    ("explosion", "car_bomb", ""),
    ("detention", "", "arrest"),
    ("abduction", "", "abduction"),
]


def generate(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    columns = [
        "report_id",
        "source_name",
        "source_type",
        "date",
        "type",
        "method",
        "operation_type",
        "place",
        "killed",
        "injured",
        "narrative",
    ]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for n in range(rows):
            kind, method, operation = rng.choice(TYPES)
            day = f"2020-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            writer.writerow(
                [
                    f"B-{n}",
                    f"Bench source {n % 20}",
                    "activist_social_media",
                    day,
                    kind,
                    method,
                    operation,
                    rng.choice(PLACES),
                    rng.randint(0, 5),
                    rng.randint(0, 9),
                    f"حادثة رقم {n} في المنطقة",
                ]
            )


def measure(rows_file: str, naive: bool) -> dict:
    """Runs in the child process: one import into the database the environment names."""
    from marsad.bootstrap import initialise, setup_django

    setup_django()
    initialise(report=lambda message: None)
    if naive:
        from marsad.codebook.services import active_codebook, active_version
        from marsad.engines.gazetteer import default_gazetteer
        from marsad.engines.report_rows import RowParser, map_columns
        from marsad.engines.tabular import open_table
        from marsad.places.models import Place
        from marsad.records.models import Source, SourceReport
        from marsad.transfer.writer import field_values

        table = open_table(rows_file)
        parser = RowParser(
            active_codebook(),
            default_gazetteer(),
            map_columns(table.columns, codebook=active_codebook()),
        )
        version = active_version()
        started = time.perf_counter()
        for raw in table.rows:
            draft, problems = parser.parse(raw)
            if problems:
                raise SystemExit(f"generated row {raw.number} does not parse: {problems}")
            fields = dict(draft.fields)
            pcode = fields.pop("place_pcode", None)
            source, _ = Source.objects.get_or_create(
                name=draft.source_name, source_type=draft.source_type
            )
            SourceReport(
                codebook_version=version,
                source=source,
                report_id=draft.report_id,
                place=Place.objects.filter(pcode=pcode).first(),
                raw=draft.raw,
                **field_values(fields),
            ).save()
        seconds = time.perf_counter() - started
        count = SourceReport.objects.count()
    else:
        from marsad.transfer.importing import import_reports

        started = time.perf_counter()
        summary = import_reports(rows_file)
        seconds = time.perf_counter() - started
        count = summary.created
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "rows": count,
        "seconds": seconds,
        "rows_per_second": count / seconds,
        "peak_mb": peak_mb,
    }


def run_child(rows_file: Path, naive: bool, database_url: str | None) -> dict:
    data_dir = tempfile.mkdtemp(prefix="marsad-bench-")
    env = {**os.environ, "MARSAD_DATA_DIR": data_dir}
    if database_url:
        env["MARSAD_DATABASE_URL"] = database_url
    else:
        env.pop("MARSAD_DATABASE_URL", None)
    code = (
        f"import json, sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); from importlib import import_module; "
        f"print(json.dumps(import_module('import').measure({str(rows_file)!r}, {naive})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    shutil.rmtree(data_dir, ignore_errors=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000])
    parser.add_argument("--postgres", action="store_true", help="also measure on PostgreSQL 15")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="marsad-bench-files-"))
    postgres = Postgres() if args.postgres else None
    try:
        backends = [("sqlite", lambda: None)] + (
            [("postgresql", postgres.fresh_database)] if postgres else []
        )
        naive_file = work / "naive.csv"
        generate(naive_file, NAIVE_ROWS)
        print(
            f"{'database':<11}{'rows':>10}{'import rows/s':>15}{'naive rows/s':>14}{'ratio':>8}{'peak MB':>9}"
        )
        for name, database in backends:
            naive = run_child(naive_file, True, database())
            for rows in args.rows:
                rows_file = work / f"rows-{rows}.csv"
                if not rows_file.exists():
                    generate(rows_file, rows)
                real = run_child(rows_file, False, database())
                ratio = real["rows_per_second"] / naive["rows_per_second"]
                print(
                    f"{name:<11}{real['rows']:>10}{real['rows_per_second']:>15.0f}"
                    f"{naive['rows_per_second']:>14.0f}{ratio:>8.1f}{real['peak_mb']:>9.0f}",
                    flush=True,
                )
    finally:
        if postgres:
            postgres.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
