"""Derived columns for analysis: admin units and periods, respecting precision (pure, no Django).

Place columns (``governorate``, ``district``, ``subdistrict``, ``community`` and their
``_name_en``/``_name_ar``) come from the incident's ``pcode`` via the gazetteer.  The effective
level is the coarser of the place's own level and ``place_precision`` (``point`` counts as
``community``); units finer than that level are NULL, never guessed.  A P-code unknown to the
gazetteer gives NULL everywhere.

Period columns (``day``, ``week``, ``month``, ``quarter``, ``half``, ``year``) respect
``date_precision``:

* ``day`` (or a missing precision): every period is set;
* ``week`` (the date is the Monday): no ``day``; the other periods are those of the Monday, so a
  week straddling two months counts in the month (and quarter, half, year) of its Monday;
* ``month``: no ``day`` or ``week``;
* ``range``: a period is set only when ``date`` and ``date_end`` fall in the same period (a
  one-day range therefore has its ``day``); an open range (no ``date_end``) has no period.

Any other precision value gives NULL periods.  Labels: ``2020-01-31``, ``2020-W03`` (ISO week and
ISO year: 2019-12-30 is ``2020-W01``), ``2020-01``, ``2020-Q1``, ``2020-H1``, ``2020``.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from marsad.engines.analysis_schema import PERIODS, PLACE_LEVELS, AnalysisError
from marsad.engines.gazetteer import Gazetteer

__all__ = [
    "PLACE_COLUMNS",
    "enrich",
    "enrich_periods",
    "enrich_places",
    "gazetteer_populations",
]

PLACE_COLUMNS: tuple[str, ...] = tuple(
    f"{level}{suffix}" for level in PLACE_LEVELS for suffix in ("", "_name_en", "_name_ar")
)
_RANK = {level: i for i, level in enumerate(PLACE_LEVELS)}
_PRECISION_RANK = {**_RANK, "point": _RANK["community"]}

_LABEL_SQL = {
    "day": "strftime({d}, '%Y-%m-%d')",
    "week": "strftime({d}, '%G-W%V')",
    "month": "strftime({d}, '%Y-%m')",
    "quarter": "CAST(year({d}) AS VARCHAR) || '-Q' || CAST(quarter({d}) AS VARCHAR)",
    "half": "CAST(year({d}) AS VARCHAR) || CASE WHEN month({d}) <= 6 THEN '-H1' ELSE '-H2' END",
    "year": "CAST(year({d}) AS VARCHAR)",
}
_EXACT = {
    "day": ("day",),
    "week": ("day", "week"),
    "month": ("day", "week", "month"),
    "quarter": ("day", "week", "month"),
    "half": ("day", "week", "month"),
    "year": ("day", "week", "month"),
}


def enrich(incidents: pa.Table, gazetteer: Gazetteer) -> pa.Table:
    """``incidents`` with place and period columns added (replaced if already present)."""
    return enrich_periods(enrich_places(incidents, gazetteer))


def _require(table: pa.Table, *columns: str) -> None:
    missing = [c for c in columns if c not in table.column_names]
    if missing:
        raise AnalysisError(f"the incident table has no column {', '.join(map(repr, missing))}")


def _drop(table: pa.Table, columns: tuple[str, ...]) -> pa.Table:
    present = [c for c in columns if c in table.column_names]
    return table.drop_columns(present) if present else table


def enrich_places(incidents: pa.Table, gazetteer: Gazetteer) -> pa.Table:
    """Add the admin-unit P-codes and names of each incident's ``pcode``."""
    _require(incidents, "pcode")
    table = _drop(incidents, PLACE_COLUMNS)
    pcodes = pc.fill_null(table["pcode"].cast(pa.string()), "")
    if "place_precision" in table.column_names:
        precisions = pc.fill_null(table["place_precision"].cast(pa.string()), "")
    else:
        precisions = pa.chunked_array([pa.array([""] * len(table), pa.string())])
    keys = pc.binary_join_element_wise(pcodes, precisions, "\x1f")
    uniques = pc.unique(keys)
    values: dict[str, list[str | None]] = {c: [] for c in PLACE_COLUMNS}
    for key in uniques.to_pylist():
        pcode, precision = key.split("\x1f", 1)
        units = _units(gazetteer, pcode, precision)
        for level in PLACE_LEVELS:
            unit = units.get(level)
            values[level].append(unit[0] if unit else None)
            values[f"{level}_name_en"].append(unit[1] if unit else None)
            values[f"{level}_name_ar"].append(unit[2] if unit else None)
    index = pc.index_in(keys, value_set=uniques)
    for column in PLACE_COLUMNS:
        table = table.append_column(column, pa.array(values[column], pa.string()).take(index))
    return table


def _units(gazetteer: Gazetteer, pcode: str, precision: str) -> dict[str, tuple[str, str, str]]:
    place = gazetteer.get(pcode) if pcode else None
    if place is None or place.level not in _RANK:
        return {}
    limit = min(_RANK[place.level], _PRECISION_RANK.get(precision, _RANK[place.level]))
    chain = [place, *gazetteer.parents(pcode)]
    return {
        p.level: (p.pcode, p.name_en, p.name_ar)
        for p in chain
        if p.level in _RANK and _RANK[p.level] <= limit
    }


def _period_sql(period: str) -> str:
    label = _LABEL_SQL[period]
    exact = ", ".join(f"'{p}'" for p in _EXACT[period])
    start, end = label.format(d='"date"'), label.format(d='"date_end"')
    return (
        f"CASE WHEN coalesce(\"date_precision\", 'day') IN ({exact}) THEN {start} "
        f"WHEN \"date_precision\" = 'range' AND {start} = {end} THEN {start} "
        f'END AS "{period}"'
    )


def enrich_periods(incidents: pa.Table) -> pa.Table:
    """Add the period labels of each incident's date (see the module documentation)."""
    _require(incidents, "date")
    table = _drop(incidents, PERIODS)
    source = table.select(["date"])
    source = source.append_column(
        "date_precision",
        table["date_precision"].cast(pa.string())
        if "date_precision" in table.column_names
        else pa.nulls(len(table), pa.string()),
    )
    source = source.append_column(
        "date_end",
        table["date_end"].cast(pa.date32())
        if "date_end" in table.column_names
        else pa.nulls(len(table), pa.date32()),
    )
    con = duckdb.connect()
    try:
        con.register("src", source)
        sql = "SELECT " + ", ".join(_period_sql(p) for p in PERIODS) + " FROM src"
        periods = con.sql(sql).to_arrow_table()
    finally:
        con.close()
    for period in PERIODS:
        table = table.append_column(period, periods[period].cast(pa.string()))
    return table


def gazetteer_populations(gazetteer: Gazetteer) -> dict[str, int]:
    """``{pcode: population}`` for every admin unit or community with a known population."""
    return {
        p.pcode: p.population
        for level in PLACE_LEVELS
        for p in gazetteer.places_at(level)
        if p.population
    }
