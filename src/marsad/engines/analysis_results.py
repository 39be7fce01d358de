"""Comparisons, peaks, shares and JSON records built on :func:`analyse` (pure, no Django)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from decimal import Decimal

import pyarrow as pa

from marsad.engines.analysis_query import IncidentData, Where, _as_table, _measures, analyse
from marsad.engines.analysis_schema import MEASURES, PERIODS, AnalysisError

__all__ = ["compare", "peak", "share", "to_records"]


def _group_columns(result: pa.Table, measures: Sequence[str]) -> list[str]:
    return [c for c in result.column_names if c not in measures]


def _sort_key(key: tuple[object, ...]) -> tuple[tuple[bool, str], ...]:
    return tuple((v is None, "" if v is None else str(v)) for v in key)


def _number(value: object) -> int | float | None:
    if value is None or isinstance(value, int | float):
        return value
    raise AnalysisError(f"not a number: {value!r}")


def compare(
    table: IncidentData,
    *,
    by: Sequence[str],
    measures: Sequence[str] = ("incidents",),
    period_a: tuple[dt.date, dt.date],
    period_b: tuple[dt.date, dt.date],
    where: Where | None = None,
    statuses: Sequence[str] | None = None,
    exclude_statuses: Sequence[str] = ("rejected",),
    exclude_confidence: Sequence[str] = ("discounted",),
    populations: Mapping[str, int] | None = None,
) -> pa.Table:
    """One row per group with ``<m>_a``, ``<m>_b``, ``<m>_change`` (b − a) and
    ``<m>_change_pct`` (percent of a; NULL when a is 0 or unknown).  A group absent from one
    period counts 0 there (NULL for rates)."""
    names = [m.name for m in _measures(measures)]
    data = _as_table(table)
    results = [
        analyse(
            data,
            by=by,
            measures=names,
            where=where,
            date_from=start,
            date_to=end,
            statuses=statuses,
            exclude_statuses=exclude_statuses,
            exclude_confidence=exclude_confidence,
            populations=populations,
        )
        for start, end in (period_a, period_b)
    ]
    keys_cols = _group_columns(results[0], names)
    rows: dict[tuple[object, ...], list[dict[str, object]]] = {}
    for i, result in enumerate(results):
        for row in result.to_pylist():
            key = tuple(row[c] for c in keys_cols)
            rows.setdefault(key, [{}, {}])[i] = row
    fields = [results[0].schema.field(c) for c in keys_cols]
    out: dict[str, list[object]] = {c: [] for c in keys_cols}
    for m in names:
        for suffix in ("_a", "_b", "_change", "_change_pct"):
            out[m + suffix] = []
    for key in sorted(rows, key=_sort_key):
        pair = rows[key]
        for c, v in zip(keys_cols, key, strict=True):
            out[c].append(v)
        for m in names:
            default = None if MEASURES[m].is_rate else 0
            a, b = (_number(pair[i].get(m, default) if pair[i] else default) for i in (0, 1))
            change = None if a is None or b is None else b - a
            pct = None if change is None or not a else change / a * 100.0
            out[m + "_a"].append(a)
            out[m + "_b"].append(b)
            out[m + "_change"].append(change)
            out[m + "_change_pct"].append(pct)
    for m in names:
        kind = pa.float64() if MEASURES[m].is_rate else pa.int64()
        fields += [pa.field(m + "_a", kind), pa.field(m + "_b", kind)]
        fields += [pa.field(m + "_change", kind), pa.field(m + "_change_pct", pa.float64())]
    return pa.table(out, schema=pa.schema(fields))


def peak(
    table: IncidentData,
    *,
    period: str = "month",
    measure: str = "incidents",
    where: Where | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    statuses: Sequence[str] | None = None,
    exclude_statuses: Sequence[str] = ("rejected",),
    exclude_confidence: Sequence[str] = ("discounted",),
) -> tuple[str, int] | None:
    """The period with the highest ``measure`` (ties: the earliest), or ``None`` when no incident
    has a known period.  Incidents whose period is unknown (NULL) are not candidates."""
    if period not in PERIODS:
        raise AnalysisError(f"unknown period {period!r}; known periods: {', '.join(PERIODS)}")
    if measure in MEASURES and MEASURES[measure].is_rate:
        raise AnalysisError(f"peak() needs a count or a sum, not the rate {measure!r}")
    result = analyse(
        table,
        by=[period],
        measures=[measure],
        where=where,
        date_from=date_from,
        date_to=date_to,
        statuses=statuses,
        exclude_statuses=exclude_statuses,
        exclude_confidence=exclude_confidence,
    )
    best: tuple[str, int] | None = None
    for row in result.to_pylist():  # sorted by period, so a strict > keeps the earliest tie
        label, value = row[period], row[measure]
        if label is None or value is None:
            continue
        if best is None or int(value) > best[1]:
            best = (str(label), int(value))
    return best


def share(result: pa.Table, measure: str) -> pa.Table:
    """``result`` with ``<measure>_share``: each value's fraction of the column total (NULL when
    the total is 0 or the value unknown)."""
    if measure not in result.column_names:
        raise AnalysisError(f"the result has no column {measure!r}")
    values = result[measure].to_pylist()
    try:
        total = sum(v for v in values if v is not None)
    except TypeError as exc:
        raise AnalysisError(f"the column {measure!r} is not numeric") from exc
    shares = [None if v is None or not total else v / total for v in values]
    return result.append_column(f"{measure}_share", pa.array(shares, pa.float64()))


def _json_value(value: object) -> object:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    return value


def to_records(result: pa.Table) -> list[dict[str, object]]:
    """Rows as JSON-ready dictionaries (dates as ISO strings, NaN as None)."""
    return [{k: _json_value(v) for k, v in row.items()} for row in result.to_pylist()]
