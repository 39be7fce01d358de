"""Cross-checking: which source reports tell the same incident (pure; no Django).

The engine runs SQL on DuckDB over Arrow tables (blocking, comparison levels, weights,
reconciliation, grades) and numpy (clustering), so that the same SQL can later run on Spark.
The model (blocking windows, comparison levels with their m and u probabilities, thresholds,
reconciliation and confidence settings, the bilingual lexicon) is data:
``marsad/data/crosscheck/model.yaml``.  ``docs/crosscheck.md`` explains it.

>>> import datetime as dt
>>> day = dt.date(2020, 1, 5)
>>> reports = [
...     {"report_id": 1, "source_id": 10, "type": "explosion", "method": "ied", "date": day,
...      "pcode": "C5167", "killed": 2, "language": "ar",
...      "narrative": "استهداف حاجز عسكري بعبوة ناسفة في البوكمال، ما أدى إلى مقتل 2"},
...     {"report_id": 2, "source_id": 11, "type": "explosion", "method": "ied", "date": day,
...      "pcode": "C5167", "killed": 2, "language": "en",
...      "narrative": "An IED hit a military checkpoint in Abu Kamal, killing 2."},
... ]
>>> result = run(reports)
>>> result.clusters.column("cluster_id").to_pylist()
[1, 1]
>>> result.incidents.column("killed_best").to_pylist(), result.incidents["confidence"][0].as_py()
([2], 'corroborated')

Incremental use: ``run(new, existing, assignments=..., decisions=...)`` scores only the new
reports (against existing ones and each other), keeps the existing incidents, and never undoes
a reviewer's decision.  The CLI (``marsad crosscheck run|explain|evaluate``) wraps
:func:`run`, :func:`explain_report` and :func:`evaluate`.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeAlias

import pyarrow as pa
import pyarrow.compute as pc

from marsad.engines.crosscheck_cluster import cluster as _cluster
from marsad.engines.crosscheck_confidence import GRADES, grade
from marsad.engines.crosscheck_evaluate import Metrics, evaluate
from marsad.engines.crosscheck_model import Model, ModelError, load_model, save_model
from marsad.engines.crosscheck_pairs import score, score_in, score_pairs
from marsad.engines.crosscheck_prepare import (
    REPORT_COLUMNS,
    Actor,
    Session,
    default_actors,
    reports_table,
)
from marsad.engines.crosscheck_reconcile import RULE, Reconciliation, reconcile
from marsad.engines.crosscheck_review import (
    Contribution,
    Explanation,
    estimate_parameters,
    explain,
    review_queue,
)
from marsad.engines.gazetteer import Gazetteer, default_gazetteer

__all__ = [
    "GRADES",
    "REPORT_COLUMNS",
    "RULE",
    "Actor",
    "Contribution",
    "Explanation",
    "Metrics",
    "Model",
    "ModelError",
    "Reconciliation",
    "Result",
    "cluster",
    "default_actors",
    "estimate_parameters",
    "evaluate",
    "explain",
    "explain_report",
    "grade",
    "load_model",
    "reconcile",
    "review_queue",
    "run",
    "save_model",
    "score",
    "score_pairs",
]

Reports: TypeAlias = "pa.Table | Sequence[Mapping[str, object]]"


@dataclass(frozen=True)
class Result:
    """What one run produces."""

    pairs: pa.Table  # scored candidate pairs (report_id_l < report_id_r)
    clusters: pa.Table  # report_id -> cluster_id
    incidents: pa.Table  # one row per cluster: reconciled claims, confidence and reason
    inputs: pa.Table  # the accounts behind each reconciled figure
    disagreements: pa.Table  # cluster_id, field, report_id, value
    timings: dict[str, float] = field(default_factory=dict)


def cluster(
    pairs: pa.Table,
    reports: Reports,
    *,
    assignments: pa.Table | None = None,
    decisions: pa.Table | None = None,
    model: Model | None = None,
) -> pa.Table:
    """``report_id -> cluster_id`` for every report, keeping ``assignments`` (existing
    report_id -> cluster_id) and reviewers' ``decisions`` (report_id_l, report_id_r, same)."""
    return _cluster(
        pairs, reports_table(reports), existing=assignments, decisions=decisions,
        model=model or load_model(),
    )  # fmt: skip


def explain_report(
    report_id: int, pairs: pa.Table, model: Model | None = None
) -> list[Explanation]:
    """Explanations of every scored pair that involves ``report_id``, most likely first."""
    model = model or load_model()
    rows = [
        row
        for row in pairs.to_pylist()
        if row["report_id_l"] == report_id or row["report_id_r"] == report_id
    ]
    found = [explain(row, model) for row in rows]
    return sorted(found, key=lambda e: -e.match_probability)


def run(
    new: Reports,
    existing: Reports | None = None,
    *,
    assignments: pa.Table | None = None,
    decisions: pa.Table | None = None,
    discounted: Mapping[int, str] | None = None,
    model: Model | None = None,
    gazetteer: Gazetteer | None = None,
    actors: Sequence[Actor] | None = None,
    families: Mapping[str, str] | None = None,
) -> Result:
    """Score, cluster, reconcile and grade (see the module documentation)."""
    model = model or load_model()
    gz = gazetteer or default_gazetteer()
    timings: dict[str, float] = {}
    start = time.perf_counter()
    new_table = reports_table(new)
    tables = [new_table]
    if existing is not None:
        old = reports_table(existing)
        # a report passed as new and as existing is new
        old = old.filter(
            pc.invert(pc.is_in(old.column("report_id"), new_table.column("report_id")))
        )
        if old.num_rows:
            tables.append(old)
    everything = pa.concat_tables(tables) if len(tables) > 1 else new_table
    session = Session(model, gz, actors, families, everything.num_rows)
    try:
        pairs = score_in(session, new_table, tables[1] if len(tables) > 1 else None)
        timings["score"] = time.perf_counter() - start
        return _finish(session, pairs, everything, assignments, decisions, discounted, timings,
                       start)  # fmt: skip
    finally:
        session.close()


def _release_unused() -> None:
    """Give the memory Arrow's allocator keeps after freeing back to the system (mimalloc keeps
    a few MB of it; its peak is the run's peak at small sizes)."""
    pa.default_memory_pool().release_unused()


def _finish(
    session: Session, pairs: pa.Table, everything: pa.Table, assignments: pa.Table | None,
    decisions: pa.Table | None, discounted: Mapping[int, str] | None,
    timings: dict[str, float], start: float,
) -> Result:  # fmt: skip
    model, gz, actors = session.model, session.gazetteer, session.actors
    mark = time.perf_counter()
    clusters = _cluster(pairs, everything, existing=assignments, decisions=decisions, model=model)
    timings["cluster"] = time.perf_counter() - mark
    mark = time.perf_counter()
    _release_unused()
    rec = reconcile(everything, clusters, gazetteer=gz, actors=actors, con=session.con)
    _release_unused()
    grades = grade(everything, clusters, rec.incidents, model=model, discounted=discounted,
                   actors=actors, con=session.con)  # fmt: skip
    if not grades.column("cluster_id").equals(rec.incidents.column("cluster_id")):
        raise RuntimeError("grades and incidents are out of step")
    incidents = rec.incidents
    for name in ("confidence", "reason_en", "reason_ar", "contradictions"):
        incidents = incidents.append_column(name, grades.column(name))
    timings["reconcile"] = time.perf_counter() - mark
    timings["total"] = time.perf_counter() - start
    return Result(pairs, clusters, incidents, rec.inputs, rec.disagreements, timings)
