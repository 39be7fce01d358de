"""Benchmark the cross-checking engine against a Splink 5 baseline on labelled generated data.

    python benchmarks/crosscheck.py [--sizes 10000,100000,1000000] [--seed 7] [--no-splink]
                                    [--splink-max 1000000] [--cache /tmp/marsad-xc-bench]
                                    [--memory-cap 16] [--timeout 3600] [--json results.json]

For each size it generates (once, cached as Arrow IPC files) a labelled set with
``marsad.engines.crosscheck_generator.generate`` - true incidents over real gazetteer places in
2019-2020, each told by 1-4 sources in Arabic or English with the noise real sources have, and
lookalike distinct incidents (same town, same day) - then runs, each in a fresh subprocess:

* the engine: ``crosscheck.run(reports)`` (score, cluster, reconcile, grade) on the reports
  alone (the truth table is another file the worker never opens);
* the Splink baseline: Splink 5 on DuckDB with Splink's comparison library (exact match on
  type, method, P-code, perpetrator, target status, killed, injured; date difference at 1, 3 and
  7 days; Jaccard on the narrative), blocking on place + day and place + month + type, the
  prior from a deterministic rule, u by random sampling, m by expectation maximisation, then
  predict and connected components at match probability 0.5.

A worker whose resident memory passes ``--memory-cap`` GiB (default 16, the machine is shared) or
that runs past ``--timeout`` seconds is stopped and reported as such.

The parent evaluates the clusters against the truth (pairwise and B-cubed precision, recall, F1)
and reads each worker's peak resident memory from ``os.wait4`` (the child's own rusage).
Times are wall-clock inside the worker: generation and reading the (memory-mapped) input are
not counted; peak memory counts everything the worker process did.  The
Splink row also shows, in brackets, its best F1 over thresholds 0.5 / 0.9 / 0.99 (chosen with
the truth, in its favour).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SPLINK_THRESHOLDS = (0.5, 0.9, 0.99)
SPLINK_MAIN = 0.5


# -- workers (run in subprocesses) --------------------------------------------------------------


def _read(path: Path, columns: list[str] | None = None) -> Any:
    """An Arrow IPC file, memory-mapped (no decompression buffers: both systems start equal)."""
    import pyarrow as pa
    import pyarrow.ipc as ipc

    table = ipc.open_file(pa.memory_map(str(path))).read_all()
    return table.select(columns) if columns else table


def _write(table: Any, path: Path) -> None:
    import pyarrow.feather as feather

    feather.write_feather(table, str(path), compression="uncompressed")


def _work_generate(size: int, seed: int, reports: Path, truth: Path) -> dict[str, Any]:
    from marsad.engines.crosscheck_generator import generate

    start = time.perf_counter()
    data = generate(size, seed=seed)
    _write(data.reports, reports)
    _write(data.truth, truth)
    return {"seconds": time.perf_counter() - start, "incidents": data.incidents,
            "twins": data.twins}  # fmt: skip


def _work_engine(reports: Path, out: Path) -> dict[str, Any]:
    from marsad.engines import crosscheck

    table = _read(reports)
    start = time.perf_counter()
    result = crosscheck.run(table)
    seconds = time.perf_counter() - start
    _write(result.clusters, out)
    return {"seconds": seconds, "timings": result.timings, "pairs": result.pairs.num_rows,
            "incidents": result.incidents.num_rows}  # fmt: skip


def _work_splink(reports: Path, out: Path) -> dict[str, Any]:
    import logging

    import pyarrow as pa
    import pyarrow.compute as pc
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    columns = ["report_id", "type", "method", "date", "pcode", "perpetrator", "target_status",
               "killed", "injured", "narrative"]  # fmt: skip
    table = _read(reports, columns)
    start = time.perf_counter()
    month = pc.strftime(table.column("date").cast(pa.timestamp("s")), format="%Y-%m")
    table = table.append_column("month", month)
    db_api = DuckDBAPI()
    sdf = db_api.register(table)
    settings = SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="report_id",
        comparisons=[
            cl.ExactMatch("type"),
            cl.ExactMatch("method"),
            cl.AbsoluteDateDifferenceAtThresholds(
                "date",
                input_is_string=False,
                metrics=["day", "day", "day"],
                thresholds=[1, 3, 7],
            ),  # fmt: skip
            cl.ExactMatch("pcode"),
            cl.ExactMatch("perpetrator"),
            cl.ExactMatch("target_status"),
            cl.ExactMatch("killed"),
            cl.ExactMatch("injured"),
            cl.JaccardAtThresholds("narrative"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("pcode", "date"),
            block_on("pcode", "month", "type"),
        ],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )
    linker = Linker(sdf, settings, log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("pcode", "date", "type")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("pcode", "month"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date", "type"))
    predictions = linker.inference.predict(threshold_match_probability=min(SPLINK_THRESHOLDS))
    outputs = {}
    main = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=SPLINK_MAIN
    ).as_pyarrow_table()
    seconds = time.perf_counter() - start
    outputs[SPLINK_MAIN] = main
    for threshold in SPLINK_THRESHOLDS:
        if threshold not in outputs:
            outputs[threshold] = linker.clustering.cluster_pairwise_predictions_at_threshold(
                predictions, threshold_match_probability=threshold
            ).as_pyarrow_table()
    for threshold, clusters in outputs.items():
        _write(
            clusters.select(["report_id", "cluster_id"]).cast(
                pa.schema([("report_id", pa.int64()), ("cluster_id", pa.string())])
            ),
            Path(str(out).replace(".arrow", f"-{threshold}.arrow")),
        )
    return {"seconds": seconds}


# -- parent ------------------------------------------------------------------------------------


def _rss_gib(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / (1024 * 1024)
    except OSError:
        pass
    return 0.0


def _measure(
    args: list[str], timeout: float, cap_gib: float
) -> tuple[dict[str, Any] | None, float, str]:
    """Run one worker; return its JSON, its peak RSS in GiB (os.wait4), and why it failed.

    A worker is stopped when it runs longer than ``timeout`` seconds or its resident memory
    passes ``cap_gib`` (the machine is shared: better a reported failure than the OOM killer).
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", *args]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=ROOT)
        stopped: list[str] = []
        done = threading.Event()

        def watch() -> None:
            while not done.wait(0.5):
                elapsed = time.perf_counter() - start
                if _rss_gib(proc.pid) > cap_gib:
                    stopped.append(
                        f"stopped at the {cap_gib:g} GiB memory cap after {elapsed:.0f} s"
                    )
                elif elapsed > timeout:
                    stopped.append(f"stopped at the {timeout:g} s time limit")
                else:
                    continue
                proc.kill()
                return

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            done.set()
            watcher.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text = out.read().decode()
        tail = err.read().decode()[-2000:]
        rss = usage.ru_maxrss / (1024 * 1024)  # KiB -> GiB
        if stopped:
            return None, rss, stopped[0]
        if proc.returncode < 0:
            return None, rss, f"killed by signal {-proc.returncode} (not by this script)"
        if proc.returncode != 0:
            lines = [line for line in tail.splitlines() if line.strip()]
            return None, rss, lines[-1] if lines else f"exit code {proc.returncode}"
        return json.loads(text.strip().splitlines()[-1]), rss, tail


def _metrics(clusters: Path, truth: Path) -> dict[str, float]:
    import pyarrow as pa
    import pyarrow.compute as pc

    from marsad.engines.crosscheck_evaluate import evaluate

    table = _read(clusters)
    if table.schema.field("cluster_id").type != pa.int64():
        codes = pc.dictionary_encode(table.column("cluster_id")).combine_chunks().indices
        table = table.set_column(1, "cluster_id", codes.cast(pa.int64()))
    return evaluate(table, _read(truth)).as_dict()


def _row(name: str, size: int, res: dict[str, Any] | None, rss: float,
         metrics: dict[str, float] | None, extra: str = "") -> str:  # fmt: skip
    if res is None or metrics is None:
        return f"| {size:>9,} | {name:<8} | failed: {extra} |"
    m = metrics
    return (
        f"| {size:>9,} | {name:<8} | {m['pairwise_precision']:.3f} | {m['pairwise_recall']:.3f} "
        f"| {m['pairwise_f1']:.3f} | {m['bcubed_precision']:.3f} | {m['bcubed_recall']:.3f} "
        f"| {m['bcubed_f1']:.3f}{extra} | {res['seconds']:.1f} | {rss:.2f} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cache", default="/tmp/marsad-xc-bench")
    parser.add_argument("--no-splink", action="store_true")
    parser.add_argument("--splink-max", type=int, default=10**9,
                        help="skip Splink above this size (reported as skipped)")  # fmt: skip
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds per worker")
    parser.add_argument("--memory-cap", type=float, default=16.0,
                        help="GiB of resident memory at which a worker is stopped")  # fmt: skip
    parser.add_argument("--json", help="also write the results to this JSON file")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        kind, *rest = args.worker
        if kind == "generate":
            result = _work_generate(int(rest[0]), int(rest[1]), Path(rest[2]), Path(rest[3]))
        elif kind == "engine":
            result = _work_engine(Path(rest[0]), Path(rest[1]))
        else:
            result = _work_splink(Path(rest[0]), Path(rest[1]))
        print(json.dumps(result))
        return 0

    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    header = (
        "| reports | system | pair P | pair R | pair F1 | B3 P | B3 R | B3 F1 | time (s) | "
        "peak RSS (GiB) |\n|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    rows: list[str] = []
    results: list[dict[str, Any]] = []
    for size in sizes:
        reports = cache / f"reports-{size}-{args.seed}.arrow"
        truth = cache / f"truth-{size}-{args.seed}.arrow"
        if not (reports.exists() and truth.exists()):
            print(f"generating {size:,} reports ...", file=sys.stderr, flush=True)
            gen, rss, err = _measure(
                ["generate", str(size), str(args.seed), str(reports), str(truth)],
                args.timeout, args.memory_cap,
            )  # fmt: skip
            if gen is None:
                print(err, file=sys.stderr)
                return 1
            print(f"  {gen['seconds']:.0f} s, {gen['incidents']:,} incidents, "
                  f"{gen['twins']:,} lookalike twins", file=sys.stderr)  # fmt: skip
        print(f"engine on {size:,} ...", file=sys.stderr, flush=True)
        out = cache / f"engine-{size}-{args.seed}.arrow"
        res, rss, err = _measure(["engine", str(reports), str(out)], args.timeout, args.memory_cap)
        metrics = _metrics(out, truth) if res else None
        rows.append(_row("engine", size, res, rss, metrics, "" if res else err))
        results.append({"size": size, "system": "engine", "result": res, "rss_gib": rss,
                        "metrics": metrics})  # fmt: skip
        print(rows[-1], file=sys.stderr)
        if args.no_splink:
            continue
        if size > args.splink_max:
            rows.append(f"| {size:>9,} | splink | skipped (--splink-max {args.splink_max}) |")
            continue
        print(f"splink on {size:,} ...", file=sys.stderr, flush=True)
        out = cache / f"splink-{size}-{args.seed}.arrow"
        res, rss, err = _measure(["splink", str(reports), str(out)], args.timeout, args.memory_cap)
        if res is None:
            rows.append(_row("splink", size, None, rss, None, f"{err} (peak RSS {rss:.2f} GiB)"))
            results.append({"size": size, "system": "splink", "error": err, "rss_gib": rss})
            print(rows[-1], file=sys.stderr)
            continue
        by_threshold = {
            t: _metrics(Path(str(out).replace(".arrow", f"-{t}.arrow")), truth)
            for t in SPLINK_THRESHOLDS
        }
        best = max(by_threshold.items(), key=lambda kv: kv[1]["bcubed_f1"])
        extra = (f" (best {best[1]['pairwise_f1']:.3f} / {best[1]['bcubed_f1']:.3f} "
                 f"at {best[0]})")  # fmt: skip
        rows.append(_row("splink", size, res, rss, by_threshold[SPLINK_MAIN], extra))
        results.append({"size": size, "system": "splink", "result": res, "rss_gib": rss,
                        "metrics": by_threshold[SPLINK_MAIN],
                        "by_threshold": {str(k): v for k, v in by_threshold.items()}})  # fmt: skip
        print(rows[-1], file=sys.stderr)
    print(header)
    print("\n".join(rows))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
