"""Scoring candidate pairs: blocking, comparison levels, match weights (pure; DuckDB SQL).

``score(new, existing)`` scores new reports against existing ones and against each other, never
existing against existing; every feature is a function of the two reports only (no statistic
of the whole data set), so a pair gets the same levels and weight in an incremental run as in
a full one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeAlias

import pyarrow as pa

from marsad.engines.crosscheck_blocking import candidates_sql
from marsad.engines.crosscheck_model import Model, load_model
from marsad.engines.crosscheck_prepare import Actor, Session, reports_table
from marsad.engines.crosscheck_score import PLACE_TF_SQL, pairs_sql
from marsad.engines.gazetteer import Gazetteer, default_gazetteer

__all__ = ["score", "score_in", "score_pairs"]

Reports: TypeAlias = "pa.Table | Sequence[Mapping[str, object]]"


def _table(data: Reports | None) -> pa.Table | None:
    return None if data is None else reports_table(data)


def score(
    new: Reports,
    existing: Reports | None = None,
    *,
    model: Model | None = None,
    gazetteer: Gazetteer | None = None,
    actors: Sequence[Actor] | None = None,
    families: Mapping[str, str] | None = None,
) -> pa.Table:
    """Candidate pairs among ``new`` and between ``new`` and ``existing``, scored.

    Columns: ``report_id_l < report_id_r``, ``match_weight``, ``match_probability``, one
    ``gamma_<comparison>`` per comparison (level index, -1 for missing values), and the raw
    ``days_apart``, ``km`` and ``text_similarity``.
    """
    model = model or load_model()
    new_table = _table(new)
    assert new_table is not None
    old = _table(existing)
    size = new_table.num_rows + (old.num_rows if old is not None else 0)
    with Session(model, gazetteer or default_gazetteer(), actors, families, size) as session:
        return score_in(session, new_table, old)


def score_in(session: Session, new: pa.Table, existing: pa.Table | None) -> pa.Table:
    """:func:`score` on an open :class:`Session` (whose connection the caller may reuse)."""
    model = session.model
    session.load(new, existing)
    pa.default_memory_pool().release_unused()  # what building the features left (see run())
    con = session.con
    con.execute(candidates_sql(model, session.incremental))
    con.execute(PLACE_TF_SQL)
    keep = float(model.raw["thresholds"].get("keep", 0.0))
    sql = pairs_sql(model, keep) + " ORDER BY report_id_l, report_id_r"
    pairs = con.sql(sql).to_arrow_table()
    con.execute("DROP TABLE cand; DROP TABLE feat")
    return pairs


def score_pairs(
    reports: Reports,
    pairs: Sequence[tuple[int, int]],
    *,
    model: Model | None = None,
    gazetteer: Gazetteer | None = None,
    actors: Sequence[Actor] | None = None,
    families: Mapping[str, str] | None = None,
) -> pa.Table:
    """Score the given pairs of reports, whether or not blocking would propose them."""
    model = model or load_model()
    table = _table(reports)
    assert table is not None
    with Session(model, gazetteer or default_gazetteer(), actors, families) as session:
        session.load(table)
        con = session.con
        left = [min(int(a), int(b)) for a, b in pairs]
        right = [max(int(a), int(b)) for a, b in pairs]
        con.register(
            "xc_pairs",
            pa.table({"l": pa.array(left, pa.int64()), "r": pa.array(right, pa.int64())}),
        )
        con.execute(
            "CREATE OR REPLACE TEMP TABLE cand AS SELECT DISTINCT l, r FROM xc_pairs WHERE l <> r"
        )
        con.execute(PLACE_TF_SQL)
        return con.sql(pairs_sql(model) + " ORDER BY report_id_l, report_id_r").to_arrow_table()
