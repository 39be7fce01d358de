"""Review queue, explanations, and re-estimating the model from reviewers' decisions (pure).

* :func:`review_queue` orders candidate pairs by how much a reviewer's decision would change:
  ``priority = uncertainty * impact`` with ``uncertainty = 1 - |2p - 1|`` (1 at p = 0.5, 0 at
  0 or 1) and ``impact = 1 + log2(1 + killed + injured / 2)`` (the larger figure of the two
  accounts), doubled when the pair disagrees with the current clusters (linked but unlikely,
  or likely but apart).  Pairs already decided, and pairs outside
  ``thresholds.review_low``..``review_high`` that agree with the clusters, are left out.
* :func:`explain` gives each comparison's level, m, u and weight for one scored pair.
* :func:`estimate_parameters` re-estimates m and u from labelled pairs (reviewers' "same" /
  "different" decisions), each level's count smoothed towards the current value with
  ``pseudo_count`` pseudo-observations, and returns a new :class:`Model`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from marsad.engines.crosscheck_model import Model

__all__ = ["Contribution", "Explanation", "estimate_parameters", "explain", "review_queue"]


@dataclass(frozen=True)
class Contribution:
    comparison: str
    level: str  # "null" when a value is missing on either side
    m: float | None
    u: float | None
    weight: float  # log2(m/u); 0 for the null level
    description: str


@dataclass(frozen=True)
class Explanation:
    report_id_l: int
    report_id_r: int
    prior_weight: float
    tf_adjustment: float
    contributions: tuple[Contribution, ...]
    match_weight: float
    match_probability: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def explain(pair: Mapping[str, Any], model: Model) -> Explanation:
    """The contribution of each comparison to one scored pair (a row of the pairs table)."""
    contributions = []
    total = model.prior_weight
    tf = float(pair.get("tf_adjustment") or 0.0)
    for comp in model.comparisons:
        gamma = int(pair[f"gamma_{comp.name}"])
        if gamma < 0:
            contributions.append(Contribution(comp.name, "null", None, None, 0.0, comp.description))
            continue
        level = comp.levels[gamma]
        contributions.append(
            Contribution(comp.name, level.name, level.m, level.u, level.weight, comp.description)
        )
        total += level.weight
    total += tf
    return Explanation(
        report_id_l=int(pair["report_id_l"]),
        report_id_r=int(pair["report_id_r"]),
        prior_weight=model.prior_weight,
        tf_adjustment=tf,
        contributions=tuple(contributions),
        match_weight=total,
        match_probability=1.0 / (1.0 + 2.0 ** (-total)),
    )


def _labelled(pairs: pa.Table, decisions: pa.Table) -> pa.Table:
    con = duckdb.connect()
    try:
        con.register("p", pairs)
        con.register("d", decisions)
        return con.sql(
            "SELECT p.*, d.same FROM p JOIN (SELECT least(report_id_l, report_id_r) AS l, "
            "greatest(report_id_l, report_id_r) AS r, bool_or(same) AS same FROM d "
            "GROUP BY 1, 2) d ON d.l = p.report_id_l AND d.r = p.report_id_r"
        ).to_arrow_table()
    finally:
        con.close()


def estimate_parameters(
    pairs: pa.Table,
    decisions: pa.Table,
    model: Model,
    *,
    pseudo_count: float = 20.0,
    update_prior: bool = False,
) -> Model:
    """A new model with m and u re-estimated from the decided pairs.

    ``pairs`` are scored pairs (``score`` or ``score_pairs`` output) holding the decided ones;
    ``decisions`` has ``report_id_l``, ``report_id_r`` and ``same`` (bool).  Labelled pairs
    from the review queue over-represent uncertain pairs; the pseudo-counts keep rare levels
    near their current values.
    """
    labelled = _labelled(pairs, decisions)
    same = np.asarray(labelled.column("same").to_numpy(zero_copy_only=False), dtype=bool)
    params: dict[str, dict[str, tuple[float, float]]] = {}
    for comp in model.comparisons:
        gamma = np.asarray(labelled.column(f"gamma_{comp.name}").to_numpy(), dtype=np.int64)
        known = gamma >= 0
        n_m, n_u = float((known & same).sum()), float((known & ~same).sum())
        levels = {}
        for i, level in enumerate(comp.levels):
            c_m = float(((gamma == i) & same).sum())
            c_u = float(((gamma == i) & ~same).sum())
            m = (c_m + pseudo_count * level.m) / (n_m + pseudo_count)
            u = (c_u + pseudo_count * level.u) / (n_u + pseudo_count)
            levels[level.name] = (max(m, 1e-4), max(u, 1e-4))
        params[comp.name] = levels
    prior = None
    if update_prior and labelled.num_rows:
        prior = (float(same.sum()) + pseudo_count * model.prior) / (
            labelled.num_rows + pseudo_count
        )
    return model.with_parameters(params, prior)


def review_queue(
    pairs: pa.Table,
    reports: pa.Table | None = None,
    *,
    model: Model,
    clusters: pa.Table | None = None,
    decisions: pa.Table | None = None,
    limit: int | None = None,
) -> pa.Table:
    """Undecided pairs worth a reviewer's look, most useful first (see the module docs)."""
    low, high = model.threshold("review_low"), model.threshold("review_high")
    link = model.threshold("link")
    con = duckdb.connect()
    try:
        con.register("p", pairs.select(["report_id_l", "report_id_r", "match_probability"]))
        if reports is not None:
            con.register("rep", reports.select(["report_id", "killed", "injured"]))
        else:
            con.execute("CREATE TEMP TABLE rep (report_id BIGINT, killed BIGINT, injured BIGINT)")
        if clusters is not None:
            con.register("cl", clusters.select(["report_id", "cluster_id"]))
        else:
            con.execute("CREATE TEMP TABLE cl (report_id BIGINT, cluster_id BIGINT)")
        if decisions is not None:
            con.register("dec", decisions.select(["report_id_l", "report_id_r"]))
        else:
            con.execute("CREATE TEMP TABLE dec (report_id_l BIGINT, report_id_r BIGINT)")
        sql = f"""
        WITH q AS (
            SELECT p.report_id_l, p.report_id_r, p.match_probability,
                greatest(coalesce(a.killed, 0), coalesce(b.killed, 0)) AS killed,
                greatest(coalesce(a.injured, 0), coalesce(b.injured, 0)) AS injured,
                ca.cluster_id IS NOT NULL AND ca.cluster_id = cb.cluster_id AS same_cluster,
                ca.cluster_id IS NOT NULL AND cb.cluster_id IS NOT NULL AS clustered
            FROM p
            LEFT JOIN rep a ON a.report_id = p.report_id_l
            LEFT JOIN rep b ON b.report_id = p.report_id_r
            LEFT JOIN cl ca ON ca.report_id = p.report_id_l
            LEFT JOIN cl cb ON cb.report_id = p.report_id_r
            WHERE NOT EXISTS (SELECT 1 FROM dec d WHERE
                least(d.report_id_l, d.report_id_r) = p.report_id_l
                AND greatest(d.report_id_l, d.report_id_r) = p.report_id_r)
        ), s AS (
            SELECT *, clustered AND (same_cluster <> (match_probability >= {link})) AS conflict,
                1 - abs(2 * match_probability - 1) AS uncertainty,
                1 + log2(1 + killed + injured / 2.0) AS impact
            FROM q
        )
        SELECT report_id_l, report_id_r, match_probability, killed, injured, conflict,
            uncertainty, impact,
            uncertainty * impact * CASE WHEN conflict THEN 2 ELSE 1 END AS priority
        FROM s WHERE conflict OR match_probability BETWEEN {low} AND {high}
        ORDER BY priority DESC, report_id_l, report_id_r
        """
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return con.sql(sql).to_arrow_table()
    finally:
        con.close()
