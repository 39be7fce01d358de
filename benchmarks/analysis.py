"""Dashboard queries: DuckDB over the analysis snapshot against the Django ORM on SQLite and on
PostgreSQL, on the same synthetic incidents, in one run.

    python benchmarks/analysis.py                               # 1M incidents
    python benchmarks/analysis.py --sizes 1000000,10000000
    MARSAD_DATABASE_URL=postgresql://u@host/db python benchmarks/analysis.py   # that server

Incidents are synthetic but shaped like the real thing: real gazetteer P-codes (communities
mostly, some known only to a sub-district, district or governorate), dates over 2019-2020 with
a precision mix (day 85 %, week 5 %, month 6 %, range 4 %), the controlling party looked up in
the shipped control layer, review statuses and confidence grades including rejected and
discounted ones, 0.1 % restricted to a group; no linked accounts (the timed queries do not
use them, so report counts and source types stay empty). They are bulk-loaded with
executemany (SQLite) or COPY (PostgreSQL), never one save() each. Without --postgres-url or MARSAD_DATABASE_URL a
throw-away PostgreSQL 15 cluster is started (fsync off; shared_buffers 1GB, work_mem 64MB).

Each database is measured in a child process of its own. The figure is the median time of each
query; the ratio is ORM time / DuckDB time. The DuckDB queries run on the snapshot as loaded in
memory (``marsad.analysis.snapshot``), the ORM ones straight on the database; both answers are
checked to be the same. ORM queries on SQLite above 2M incidents run once (--slow-repeat).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from postgres import Postgres

NEW_INCIDENTS = 1000
FIRST_DAY, DAYS = dt.date(2019, 1, 1), 731
PERIOD_A = (dt.date(2019, 7, 1), dt.date(2019, 12, 31))
PERIOD_B = (dt.date(2020, 1, 1), dt.date(2020, 6, 30))


def _choice(rng, values, weights, n):
    import numpy as np

    p = np.asarray(weights, dtype=float)
    return np.asarray(values, dtype=object)[rng.choice(len(values), size=n, p=p / p.sum())]


def generate(n: int, first_id: int = 1, seed: int = 7, stamp: dt.datetime | None = None):
    """``n`` synthetic incidents as an Arrow table (pure: gazetteer and control layer engines)."""
    import numpy as np
    import pyarrow as pa

    from marsad.engines.control import ControlLayer, default_control_path, parse_control_csv
    from marsad.engines.gazetteer import default_gazetteer

    rng, gz = np.random.default_rng(seed), default_gazetteer()
    layer = ControlLayer(parse_control_csv(default_control_path()))
    subs = gz.places_at("subdistrict")
    sub_index = {p.pcode: i for i, p in enumerate(subs)}
    days = [FIRST_DAY + dt.timedelta(days=d) for d in range(DAYS)]
    control = [[layer.party_on(s.pcode, day) for day in days] for s in subs]
    levels = {lv: gz.places_at(lv) for lv in ("community", "district", "governorate")}
    level = _choice(rng, ["community", "subdistrict", "district", "governorate"], [80, 10, 3, 7], n)
    places = np.empty(n, dtype=object)
    sub_of = np.full(n, -1)
    for name, pool in (*levels.items(), ("subdistrict", subs)):
        rows = np.flatnonzero(level == name)
        weights = rng.pareto(1.2, len(pool)) + 0.05  # a few places see most incidents
        picked = rng.choice(len(pool), size=len(rows), p=weights / weights.sum())
        places[rows] = [pool[i].pcode for i in picked]
        if name in ("community", "subdistrict"):
            parent = [
                sub_index.get(p.pcode if name == "subdistrict" else p.parent, -1) for p in pool
            ]
            sub_of[rows] = np.asarray(parent)[picked]
    precision = level.copy()
    community = np.flatnonzero(level == "community")
    precision[community] = _choice(
        rng, ["community", "point", "subdistrict"], [85, 5, 10], len(community)
    )
    day = rng.integers(0, DAYS, n)
    date_precision = _choice(rng, ["day", "week", "month", "range"], [85, 5, 6, 4], n)
    dates = np.asarray(days, dtype=object)[day]
    for i in np.flatnonzero(date_precision == "week"):
        dates[i] = dates[i] - dt.timedelta(days=dates[i].weekday())
    for i in np.flatnonzero(date_precision == "month"):
        dates[i] = dates[i].replace(day=1)
    ends = np.full(n, None, dtype=object)
    for i in np.flatnonzero(date_precision == "range"):
        ends[i] = dates[i] + dt.timedelta(days=int(rng.integers(1, 21)))
    periods = [control[s][d] if s >= 0 else None for s, d in zip(sub_of, day, strict=True)]
    kind = _choice(
        rng, ["assassination", "explosion", "detention", "abduction"], [30, 35, 20, 15], n
    )
    violent = np.isin(kind, ["assassination", "explosion"])
    method = np.where(
        kind == "assassination", _choice(rng, ["gunfire", "ied", "other"], [70, 20, 10], n), ""
    )
    method = np.where(
        kind == "explosion",
        _choice(rng, ["ied", "car_bomb", "mine", "grenade"], [55, 20, 15, 10], n),
        method,
    )
    killed, injured = rng.poisson(1.5, n), rng.poisson(2.0, n)
    known = violent & (rng.random(n) > 0.1)
    text = {
        "type": kind,
        "method": method,
        "operation_type": np.where(
            violent, "", np.where(kind == "detention", "arrest", "abduction")
        ),
        "target_status": _choice(rng, ["civilian", "military", "unknown"], [55, 35, 10], n),
        "perpetrator_type": _choice(rng, ["local", "foreign", "unknown"], [30, 25, 45], n),
        "status": _choice(
            rng,
            ["published", "verified", "in_review", "submitted", "draft", "rejected"],
            [40, 25, 12, 10, 8, 5],
            n,
        ),
        "confidence": _choice(
            rng, ["confirmed", "corroborated", "single_source", "discounted"], [40, 30, 27, 3], n
        ),
        "date_precision": date_precision,
        "place_precision": precision,
        "pcode": places,
        "controlling_party": [p.party if p else "" for p in periods],
        "controlling_sub_label": [p.sub_label if p else "" for p in periods],
    }
    columns = {"id": pa.array(np.arange(first_id, first_id + n), pa.int64())}
    columns |= {k: pa.array(list(v), pa.string()) for k, v in text.items()}
    columns["date"] = pa.array(list(dates), pa.date32())
    columns["date_end"] = pa.array(list(ends), pa.date32())
    for name, values, mask in (
        ("killed_best", killed, known),
        ("killed_low", np.maximum(killed - 1, 0), known),
        ("killed_high", killed + 2, known),
        ("injured_best", injured, known),
        ("injured_low", np.maximum(injured - 1, 0), known),
        ("injured_high", injured + 3, known),
        ("number_targeted", 1 + rng.poisson(1.5, n), ~violent),
    ):
        columns[name] = pa.array(values, pa.int64(), mask=~mask)
    if stamp is None:  # entered within a month of the event, as a desk would
        epoch = (FIRST_DAY - dt.date(1970, 1, 1)).days
        entered = (day + epoch).astype("datetime64[D]").astype("datetime64[us]")
        entered = entered + rng.integers(0, 30 * 86_400 * 10**6, n).astype("timedelta64[us]")
    else:
        entered = np.datetime64(stamp, "us") + np.arange(n).astype("timedelta64[us]")
    columns["created_at"] = columns["updated_at"] = pa.array(entered).cast(pa.string())
    return pa.table(columns)


# -- loading ----------------------------------------------------------------------------------


def _insert_table(rows):
    """``rows`` as the full column list of records_incident (blank or NULL where not generated)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from marsad.codebook.services import active_version
    from marsad.places.models import Place
    from marsad.records.models import Incident

    places = dict(Place.objects.values_list("pcode", "pk"))
    keys = pa.array(list(places), pa.string())
    position = pc.index_in(rows["pcode"], value_set=keys)
    generated = {name: rows[name] for name in rows.column_names if name != "pcode"}
    generated["place_id"] = pa.array(list(places.values()), pa.int64()).take(position)
    generated["codebook_version_id"] = pa.repeat(pa.scalar(active_version().pk), len(rows))
    columns = {}
    for field in Incident._meta.concrete_fields:
        if field.column in generated:
            columns[field.column] = generated[field.column]
        elif field.null:
            columns[field.column] = pa.nulls(len(rows), pa.string())
        else:
            columns[field.column] = pa.repeat(pa.scalar(""), len(rows))
    return pa.table(columns)


def load(rows) -> None:
    """Bulk-load generated incidents: executemany on SQLite, COPY on PostgreSQL."""
    import io

    import pyarrow as pa
    import pyarrow.csv as pcsv
    from django.db import connection, transaction

    from marsad.records.models import Incident

    table_name = Incident._meta.db_table
    for batch in rows.to_batches(max_chunksize=200_000):
        table = _insert_table(pa.Table.from_batches([batch]))
        names = ", ".join(table.column_names)
        with transaction.atomic():
            if connection.vendor == "sqlite":
                table = table.cast(
                    pa.schema([(f.name, _sqlite_type(f.type)) for f in table.schema])
                )
                values = [table[c].to_pylist() for c in table.column_names]
                marks = ", ".join("?" for _ in values)
                connection.connection.executemany(
                    f"INSERT INTO {table_name} ({names}) VALUES ({marks})",
                    zip(*values, strict=True),
                )
            else:
                buffer = io.BytesIO()
                pcsv.write_csv(table, buffer, pcsv.WriteOptions(include_header=False))
                with connection.connection.cursor() as cursor:
                    cursor.execute("SET TIME ZONE 'UTC'")
                    with cursor.copy(
                        f"COPY {table_name} ({names}) FROM STDIN (FORMAT csv)"
                    ) as copy:
                        copy.write(buffer.getvalue())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table_name}', 'id'), max(id)) FROM {table_name}"
            )
        cursor.execute(f"ANALYZE {table_name}")


def _sqlite_type(kind):
    import pyarrow as pa

    return pa.string() if pa.types.is_date(kind) else kind


def restrict(share: float = 0.001) -> int:
    """Restrict every 1/share-th incident to a group (through rows written in one statement)."""
    from django.contrib.auth.models import Group
    from django.db import connection

    from marsad.records.models import Incident

    group = Group.objects.create(name="benchmark investigators")
    through = Incident.restricted_to.through._meta.db_table
    step = int(1 / share)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {through} (incident_id, group_id) "
            f"SELECT id, %s FROM {Incident._meta.db_table} WHERE id %% %s = 0",
            [group.pk, step],
        )
        return cursor.rowcount


# -- the three dashboard queries, each as DuckDB over the snapshot and as the Django ORM ---------


def duckdb_queries(table):
    from marsad.engines import analysis

    def by_party_month_type():
        result = analysis.analyse(
            table, by=["controlling_party", "month", "type"], measures=["incidents", "killed_best"]
        )
        return {
            (r["controlling_party"], r["month"], r["type"]): (r["incidents"], r["killed_best"])
            for r in result.to_pylist()
        }

    def by_subdistrict():
        result = analysis.analyse(table, by=["subdistrict"], measures=["incidents", "killed_best"])
        return {
            (r["subdistrict"], r["subdistrict_name_en"]): (r["incidents"], r["killed_best"])
            for r in result.to_pylist()
        }

    def period_comparison():
        result = analysis.compare(
            table,
            by=["type"],
            measures=["incidents", "killed_best"],
            period_a=PERIOD_A,
            period_b=PERIOD_B,
        )
        return {
            r["type"]: (r["incidents_a"], r["incidents_b"], r["killed_best_a"], r["killed_best_b"])
            for r in result.to_pylist()
        }

    return {
        "party × month × type": by_party_month_type,
        "sub-district": by_subdistrict,
        "Jul–Dec 2019 vs Jan–Jun 2020": period_comparison,
    }


def orm_queries():
    from django.db.models import Case, Count, DateField, F, Q, Sum, When
    from django.db.models.functions import TruncMonth

    from marsad.records.models import Incident

    def counted():  # what the analysis counts: neither rejected nor discounted
        return (
            Incident.objects.exclude(status="rejected").exclude(confidence="discounted").order_by()
        )

    def by_party_month_type():
        month = Case(  # precision respected as the snapshot does: no month for a cross-month range
            When(date_precision__in=["day", "week", "month"], then=F("starts")),
            When(date_precision="range", starts=F("ends"), then=F("starts")),
            output_field=DateField(),
        )
        rows = (
            counted()
            .annotate(starts=TruncMonth("date"), ends=TruncMonth("date_end"))
            .annotate(month=month)
            .values("controlling_party", "month", "type")
            .annotate(n=Count("pk"), killed=Sum("killed_best"))
        )
        return {
            (
                r["controlling_party"] or None,
                r["month"].strftime("%Y-%m") if r["month"] else None,
                r["type"],
            ): (r["n"], r["killed"] or 0)
            for r in rows
        }

    def by_subdistrict():
        fine = ["subdistrict", "community", "point"]

        def unit(field):
            return Case(
                When(
                    place__level="subdistrict", place_precision__in=fine, then=F(f"place__{field}")
                ),
                When(
                    place__level="community",
                    place_precision__in=fine,
                    then=F(f"place__parent__{field}"),
                ),
            )

        rows = (
            counted()
            .annotate(sub=unit("pcode"), sub_en=unit("name_en"))
            .values("sub", "sub_en")
            .annotate(n=Count("pk"), killed=Sum("killed_best"))
        )
        return {(r["sub"], r["sub_en"]): (r["n"], r["killed"] or 0) for r in rows}

    def period_comparison():
        end = Case(
            When(date_precision="range", date_end__isnull=False, then=F("date_end")),
            default=F("date"),
        )
        inside = {
            key: Q(date__gte=start, last__lte=stop)
            for key, (start, stop) in (("a", PERIOD_A), ("b", PERIOD_B))
        }
        rows = (
            counted()
            .annotate(last=end)
            .values("type")
            .annotate(
                a=Count("pk", filter=inside["a"]),
                b=Count("pk", filter=inside["b"]),
                ka=Sum("killed_best", filter=inside["a"]),
                kb=Sum("killed_best", filter=inside["b"]),
            )
        )
        return {
            r["type"]: (r["a"], r["b"], r["ka"] or 0, r["kb"] or 0)
            for r in rows
            if r["a"] or r["b"]
        }

    return {
        "party × month × type": by_party_month_type,
        "sub-district": by_subdistrict,
        "Jul–Dec 2019 vs Jan–Jun 2020": period_comparison,
    }


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)  # every thread of the process
    return usage.ru_utime + usage.ru_stime


def median_ms(run, repeat: int, warm_up: bool) -> tuple[float, float, object]:
    """Median wall-clock and CPU milliseconds of ``run`` (CPU shows the cost on a busy host)."""
    answer = run() if warm_up else None
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), _cpu()
        answer = run()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((_cpu() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus), answer


# -- one database, in a child process ---------------------------------------------------------


def measure(rows_file: str, with_duckdb: bool, orm_repeat: int, repeat: int) -> dict:
    import pyarrow.parquet as pq

    from marsad.bootstrap import initialise, setup_django

    setup_django()
    initialise(report=lambda message: None)
    from django.contrib.auth.models import AnonymousUser

    from marsad.analysis import snapshot, snapshot_file

    out: dict = {"timings": {}, "orm": {}, "duckdb": {}, "duckdb_cpu": {}}

    def timed(label, run):
        started, cpu = time.perf_counter(), _cpu()
        result = run()
        out["timings"][label] = (time.perf_counter() - started, _cpu() - cpu)
        return result

    size = pq.read_metadata(rows_file).num_rows
    timed("bulk load", lambda: load(pq.read_table(rows_file)))
    out["restricted"] = restrict()
    timed("snapshot: full build", lambda: snapshot.refresh_snapshot(full=True))
    out["snapshot_mb"] = snapshot.snapshot_path().stat().st_size / 1e6
    snapshot_file.forget()
    table = timed("snapshot: load into memory", lambda: snapshot.snapshot_table(refresh=False))
    answers = {}
    if with_duckdb:
        for label, run in duckdb_queries(table).items():
            wall, cpu, answers[label] = median_ms(run, repeat, warm_up=True)
            out["duckdb"][label], out["duckdb_cpu"][label] = wall, cpu
    del table
    for label, run in orm_queries().items():
        out["orm"][label], _, answer = median_ms(run, orm_repeat, warm_up=False)
        if label in answers and answer != answers[label]:
            raise SystemExit(f"{label}: the ORM and DuckDB answers differ")
    timed(
        "incidents_for(anonymous), nothing changed", lambda: snapshot.incidents_for(AnonymousUser())
    )
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    load(generate(NEW_INCIDENTS, first_id=size + 1, seed=11, stamp=now))
    refresh = timed(
        f"refresh after {NEW_INCIDENTS:,} new (snapshot in memory)", snapshot.refresh_snapshot
    )
    out["refresh_read"] = refresh.read
    load(
        generate(
            NEW_INCIDENTS,
            first_id=size + NEW_INCIDENTS + 1,
            seed=12,
            stamp=now + dt.timedelta(seconds=1),
        )
    )
    snapshot_file.forget()
    timed(
        f"refresh after {NEW_INCIDENTS:,} new (snapshot read from disk)", snapshot.refresh_snapshot
    )
    return out


def run_child(rows_file: Path, database_url: str | None, **options) -> dict:
    data_dir = tempfile.mkdtemp(prefix="marsad-bench-analysis-")
    env = {**os.environ, "MARSAD_DATA_DIR": data_dir}
    if database_url:
        env["MARSAD_DATABASE_URL"] = database_url
    else:
        env.pop("MARSAD_DATABASE_URL", None)
    code = (
        f"import json, sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
        f"import analysis; print(json.dumps(analysis.measure({str(rows_file)!r}, **{options!r})))"
    )
    try:
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"the measurement failed:\n{done.stderr[-3000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def report(size: int, sqlite: dict, postgres: dict, notes: list[str]) -> None:
    restricted, megabytes = sqlite["restricted"], sqlite["snapshot_mb"]
    print(f"\n{size:,} incidents ({restricted:,} restricted), snapshot {megabytes:.0f} MB")
    print(
        f"{'query (median ms)':<30}{'DuckDB':>8}{'(CPU)':>8}"
        f"{'SQLite ORM':>12}{'×':>6}{'PostgreSQL ORM':>16}{'×':>6}"
    )
    for label, duck in sqlite["duckdb"].items():
        cpu, lite, pg = sqlite["duckdb_cpu"][label], sqlite["orm"][label], postgres["orm"][label]
        print(
            f"{label:<30}{duck:>8.0f}{cpu:>8.0f}{lite:>12.0f}{lite / duck:>6.0f}"
            f"{pg:>16.0f}{pg / duck:>6.0f}"
        )
    print(f"{'seconds: wall (CPU)':<52}{'SQLite':>15}{'PostgreSQL':>17}")
    for label, (wall, cpu) in sqlite["timings"].items():
        pg_wall, pg_cpu = postgres["timings"][label]
        print(f"{label:<52}{wall:>8.2f} ({cpu:>5.2f}){pg_wall:>10.2f} ({pg_cpu:>5.2f})")
    for note in notes:
        print(f"  note: {note}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000000", help="comma-separated incident counts")
    parser.add_argument("--repeat", type=int, default=5, help="runs per DuckDB query")
    parser.add_argument("--orm-repeat", type=int, default=3, help="runs per ORM query")
    parser.add_argument("--slow-repeat", type=int, default=1, help="ORM runs on SQLite above 2M")
    parser.add_argument("--postgres-url", default=os.environ.get("MARSAD_DATABASE_URL"))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    work = Path(tempfile.mkdtemp(prefix="marsad-bench-rows-"))
    postgres = (
        None
        if args.postgres_url
        else Postgres(
            port=54393,
            settings="-c fsync=off -c shared_buffers=1GB -c work_mem=64MB -c max_wal_size=4GB",
        )
    )
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start"
    )
    try:
        for size in sizes:
            rows_file = work / f"incidents-{size}.parquet"
            started = time.perf_counter()
            import pyarrow.parquet as pq

            pq.write_table(generate(size), rows_file)
            print(
                f"generated {size:,} incidents in {time.perf_counter() - started:.0f} s", flush=True
            )
            lite_repeat = args.slow_repeat if size > 2_000_000 else args.orm_repeat
            sqlite = run_child(
                rows_file, None, with_duckdb=True, orm_repeat=lite_repeat, repeat=args.repeat
            )
            url = args.postgres_url or postgres.fresh_database()
            pg = run_child(
                rows_file, url, with_duckdb=False, orm_repeat=args.orm_repeat, repeat=args.repeat
            )
            notes = [
                f"DuckDB {args.repeat} runs after a warm-up; ORM {lite_repeat} run(s) on SQLite, {args.orm_repeat} on PostgreSQL"
            ]
            notes.append(f"the refresh re-read {sqlite['refresh_read']:,} rows (SQLite)")
            notes.append("CPU: this process's threads only, not the PostgreSQL server's")
            report(size, sqlite, pg, notes)
            rows_file.unlink()
    finally:
        if postgres:
            postgres.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
