"""The group-by query of the analysis engine; see :mod:`marsad.engines.analysis`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TypeAlias

import duckdb
import pyarrow as pa

from marsad.engines import duck
from marsad.engines.analysis_enrich import enrich_periods, enrich_places
from marsad.engines.analysis_schema import (
    DIMENSIONS,
    MEASURES,
    PERIODS,
    PLACE_LEVELS,
    AnalysisError,
    Measure,
)

__all__ = ["IncidentData", "Where", "analyse"]

IncidentData: TypeAlias = "pa.Table | Sequence[Mapping[str, object]]"
Where: TypeAlias = Mapping[str, str | Sequence[str]]


def _q(identifier: str) -> str:
    """Quote a whitelisted identifier (never a user value)."""
    return '"' + identifier.replace('"', '""') + '"'


def _as_table(data: IncidentData) -> pa.Table:
    if isinstance(data, pa.Table):
        return data
    try:
        return pa.Table.from_pylist([dict(row) for row in data])
    except (pa.ArrowException, TypeError) as exc:
        raise AnalysisError(f"cannot read the incidents as a table: {exc}") from exc


def _dimensions(by: Sequence[str]) -> list[str]:
    if isinstance(by, str):
        by = [by]
    dims = list(by)
    for name in dims:
        if name not in DIMENSIONS:
            raise AnalysisError(
                f"unknown dimension {name!r}; known dimensions: {', '.join(DIMENSIONS)}"
            )
    if len(set(dims)) != len(dims):
        raise AnalysisError(f"a dimension is repeated in {dims!r}")
    return dims


def _measures(measures: Sequence[str]) -> list[Measure]:
    if isinstance(measures, str):
        measures = [measures]
    if not measures:
        raise AnalysisError("at least one measure is needed")
    for name in measures:
        if name not in MEASURES:
            raise AnalysisError(f"unknown measure {name!r}; known measures: {', '.join(MEASURES)}")
    if len(set(measures)) != len(measures):
        raise AnalysisError(f"a measure is repeated in {list(measures)!r}")
    return [MEASURES[name] for name in measures]


def _values(name: str, value: str | Sequence[str]) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, Sequence):
        raise AnalysisError(f"the filter {name!r} needs a value or a list of values")
    return [str(v) for v in value]


def _prepare(table: pa.Table, needed: set[str]) -> pa.Table:
    """Derive place/period columns when a needed dimension lacks them."""
    if any(n in PLACE_LEVELS and n not in table.column_names for n in needed):
        from marsad.engines.gazetteer import default_gazetteer

        table = enrich_places(table, default_gazetteer())
    if any(n in PERIODS and n not in table.column_names for n in needed):
        table = enrich_periods(table)
    return table


def _require(table: pa.Table, columns: Sequence[str]) -> None:
    missing = sorted({c for c in columns if c not in table.column_names})
    if missing:
        raise AnalysisError(f"the incident table has no column {', '.join(map(repr, missing))}")


def _in(column: str, values: list[str], params: list[object], negate: bool = False) -> str:
    if not values:
        return "TRUE" if negate else "FALSE"
    params.extend(values)
    marks = ", ".join("?" for _ in values)
    if negate:
        return f"({column} IS NULL OR {column} NOT IN ({marks}))"
    return f"{column} IN ({marks})"


def analyse(
    table: IncidentData,
    *,
    by: Sequence[str] = (),
    measures: Sequence[str] = ("incidents",),
    where: Where | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    statuses: Sequence[str] | None = None,
    exclude_statuses: Sequence[str] = ("rejected",),
    exclude_confidence: Sequence[str] = ("discounted",),
    populations: Mapping[str, int] | None = None,
) -> pa.Table:
    """Group incidents by ``by`` and compute ``measures`` (see the module documentation)."""
    dims = _dimensions(by)
    wanted = _measures(measures)
    filters = {} if where is None else dict(where)
    for name in filters:
        if name not in DIMENSIONS:
            raise AnalysisError(
                f"unknown filter {name!r}; one can filter by: {', '.join(DIMENSIONS)}"
            )
    data = _prepare(_as_table(table), {*dims, *filters})
    unnest = "source_type" in dims

    # -- base: one row per incident (per source type when unnesting), cleaned dimension values.
    select: list[str] = []
    needed_columns = ["status", "confidence", "date"]
    for name in dict.fromkeys([*dims, *filters, "status", "confidence"]):
        kind = DIMENSIONS[name].kind
        if kind == "attribute":
            needed_columns.append(name)
            select.append(f"NULLIF(CAST({_q(name)} AS VARCHAR), '') AS {_q(name)}")
        elif kind == "place":
            for col in (name, f"{name}_name_en", f"{name}_name_ar"):
                needed_columns.append(col)
                select.append(f"CAST({_q(col)} AS VARCHAR) AS {_q(col)}")
        elif kind == "period":
            needed_columns.append(name)
            select.append(f"CAST({_q(name)} AS VARCHAR) AS {_q(name)}")
        else:
            needed_columns.append("source_types")
            if unnest:
                distinct = 'list_distinct(coalesce("source_types", []))'
                select.append(
                    f"unnest(CASE WHEN len({distinct}) = 0 THEN [NULL::VARCHAR] "
                    f'ELSE {distinct} END) AS "source_type"'
                )
            else:
                select.append('"source_types"')
    has_end = "date_end" in data.column_names and "date_precision" in data.column_names
    end = (
        'CASE WHEN "date_precision" = \'range\' AND "date_end" IS NOT NULL '
        'THEN "date_end" ELSE "date" END'
        if has_end
        else '"date"'
    )
    select += ['"date" AS "__start"', f'{end} AS "__end"']
    sums: dict[str, str] = {}
    for m in wanted:
        base = MEASURES[m.base] if m.base else m
        if base.column is not None:
            sums[base.name] = base.column
    for name, column in sums.items():
        needed_columns.append(column)
        select.append(f"{_q(column)} AS {_q('__sum_' + name)}")
    _require(data, needed_columns)

    params: list[object] = []
    conditions: list[str] = []
    for name, value in filters.items():
        values = _values(name, value)
        if name == "source_type" and not unnest:
            if values:
                params.extend(values)
                marks = ", ".join("?" for _ in values)
                conditions.append(f'list_has_any("source_types", [{marks}])')
            else:
                conditions.append("FALSE")
        else:
            conditions.append(_in(_q(name), values, params))
    if date_from is not None:
        conditions.append('"__start" >= ?')
        params.append(date_from)
    if date_to is not None:
        conditions.append('"__end" <= ?')
        params.append(date_to)
    if statuses is not None:
        conditions.append(_in('"status"', [str(s) for s in statuses], params))
    if exclude_statuses:
        conditions.append(_in('"status"', [str(s) for s in exclude_statuses], params, True))
    if exclude_confidence:
        conditions.append(_in('"confidence"', [str(s) for s in exclude_confidence], params, True))

    # -- aggregate.
    group: list[str] = []
    for name in dims:
        if DIMENSIONS[name].kind == "place":
            group += [name, f"{name}_name_en", f"{name}_name_ar"]
        else:
            group.append(name)
    aggregates = ['COUNT(*) AS "__count"'] + [
        f"CAST(coalesce(SUM({_q('__sum_' + n)}), 0) AS BIGINT) AS {_q('__sum_' + n)}" for n in sums
    ]
    group_sql = ", ".join(_q(c) for c in group)
    agg_sql = (
        f"SELECT {', '.join([*(_q(c) for c in group), *aggregates])} FROM base "
        f"WHERE {' AND '.join(conditions) or 'TRUE'}" + (f" GROUP BY {group_sql}" if group else "")
    )

    places = [d for d in dims if DIMENSIONS[d].kind == "place"]
    finest = max(places, key=PLACE_LEVELS.index) if places else None
    outputs = [f"agg.{_q(c)}" for c in group]
    for m in wanted:
        if m.base is None:
            value = '"__count"' if m.column is None else _q("__sum_" + m.name)
            outputs.append(f"agg.{value} AS {_q(m.name)}")
        elif finest is None or populations is None:
            outputs.append(f"CAST(NULL AS DOUBLE) AS {_q(m.name)}")
        else:
            value = '"__count"' if m.base == "incidents" else _q("__sum_" + m.base)
            outputs.append(
                "CASE WHEN pop.population > 0 THEN "
                f"agg.{value} * 100000.0 / pop.population END AS {_q(m.name)}"
            )
    join = ""
    con = duck.cursor()
    try:
        con.register("incidents", data)
        if finest is not None and populations is not None:
            pop_table = pa.table(
                {
                    "pcode": pa.array([str(k) for k in populations], pa.string()),
                    "population": pa.array([int(v) for v in populations.values()], pa.int64()),
                }
            )
            con.register("populations", pop_table)
            join = f" LEFT JOIN populations AS pop ON pop.pcode = agg.{_q(finest)}"
        order = ", ".join(f"agg.{_q(c)} NULLS LAST" for c in group)
        sql = (
            f"WITH base AS (SELECT {', '.join(select)} FROM incidents), agg AS ({agg_sql}) "
            f"SELECT {', '.join(outputs)} FROM agg{join}" + (f" ORDER BY {order}" if order else "")
        )
        try:
            return con.sql(sql, params=params).to_arrow_table()
        except duckdb.Error as exc:
            raise AnalysisError(f"the analysis query failed: {exc}") from exc
    finally:
        con.close()
