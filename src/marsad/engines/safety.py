"""Safe-environment indicators: the four security indicators per area of control, governorate
and month, as rates per 100,000 inhabitants and one composite (pure, no Django).

>>> safety_indicators(incidents, gazetteer=gz, control=layer,
...                   date_from=date(2019, 7, 1), date_to=date(2020, 6, 30))

The formula, the population used and its gaps are documented in ``docs/safe-environment.md``;
in short, for a cell (party, governorate, month) with population P::

    composite = sum over indicators i of  w_i * (incidents_i + casualties_i) * 100000 / P
    trend     = composite - composite of the same party and governorate the month before

Casualties are the killed and injured (best estimates) for assassinations and explosions, and
the people detained or abducted (``number_targeted``) for detentions and abductions; unknown
figures add nothing and are counted in ``casualty_figures_unknown``.  Every input is a column of
the result, so each figure can be recomputed by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import duckdb
import pyarrow as pa

from marsad.engines.analysis_enrich import enrich
from marsad.engines.control import PARTIES, ControlLayer
from marsad.engines.gazetteer import Gazetteer
from marsad.engines.safety_population import AreaPopulation, area_populations, months_between

__all__ = ["INDICATORS", "PEOPLE_INDICATORS", "POPULATION_SOURCE", "safety_indicators"]

INDICATORS: tuple[str, ...] = ("assassination", "explosion", "detention", "abduction")
# Indicators whose "casualties" are the people taken, as the centre's detention form records.
PEOPLE_INDICATORS: frozenset[str] = frozenset({"detention", "abduction"})
POPULATION_SOURCE = (
    "gazetteer sub-district populations (OpenSyria data-geography: 2004 census or later "
    "estimate, OCHA COD-AB 2020 P-codes), weighted by days under the party's control"
)
PER = 100_000


def _figures(
    table: pa.Table,
    months: Sequence[str],
    indicators: Sequence[str],
    statuses: Sequence[str] | None,
    exclude_statuses: Sequence[str],
    exclude_confidence: Sequence[str],
) -> dict[tuple[Any, ...], tuple[int, int, int]]:
    """``{(party, governorate, month, type): (incidents, casualties, unknown figures)}``."""
    # Parameters in the order their marks appear: the CASE's first, then the WHERE's.
    params: list[object] = [sorted(PEOPLE_INDICATORS), list(indicators), list(months)]
    where = [
        'CAST("type" AS VARCHAR) IN (SELECT unnest(?))',
        'CAST("month" AS VARCHAR) IN (SELECT unnest(?))',
    ]
    if statuses is not None:
        where.append('CAST("status" AS VARCHAR) IN (SELECT unnest(?))')
        params.append([str(s) for s in statuses])
    for column, values in (("status", exclude_statuses), ("confidence", exclude_confidence)):
        if values:
            where.append(f"coalesce(CAST(\"{column}\" AS VARCHAR), '') NOT IN (SELECT unnest(?))")
            params.append([str(v) for v in values])
    sql = f"""
        WITH base AS (
            SELECT NULLIF(CAST(controlling_party AS VARCHAR), '') AS party,
                   CAST(governorate AS VARCHAR) AS governorate,
                   CAST("month" AS VARCHAR) AS month,
                   CAST("type" AS VARCHAR) AS type,
                   CASE WHEN CAST("type" AS VARCHAR) IN (SELECT unnest(?)) THEN number_targeted
                        WHEN killed_best IS NULL AND injured_best IS NULL THEN NULL
                        ELSE coalesce(killed_best, 0) + coalesce(injured_best, 0) END AS figure
            FROM incidents WHERE {" AND ".join(where)}
        )
        SELECT party, governorate, month, type, count(*),
               CAST(coalesce(sum(figure), 0) AS BIGINT), count(*) FILTER (WHERE figure IS NULL)
        FROM base GROUP BY ALL
    """
    con = duckdb.connect()
    try:
        con.register("incidents", table)
        rows = con.execute(sql, params).fetchall()
    finally:
        con.close()
    return {tuple(row[:4]): (int(row[4]), int(row[5]), int(row[6])) for row in rows}


def _previous(month: str) -> str:
    year, number = (int(part) for part in month.split("-"))
    return f"{year - 1:04d}-12" if number == 1 else f"{year:04d}-{number - 1:02d}"


def _population_note(
    party: str | None, governorate: str | None, area: AreaPopulation | None
) -> str:
    if party is None:
        return "unknown: the controlling party of these incidents is not recorded"
    if governorate is None:
        return "unknown: the governorate of these incidents is not recorded"
    if area is None:
        return "unknown: the control layer gives this party no sub-district here this month"
    if area.unknown:
        return "unknown: no population for sub-district " + ", ".join(sorted(area.unknown))
    return f"{len(area.subdistricts)} sub-districts; {POPULATION_SOURCE}"


def _columns(indicators: Sequence[str]) -> list[tuple[str, pa.DataType]]:
    text, count, rate = pa.string(), pa.int64(), pa.float64()
    columns = [
        ("controlling_party", text),
        ("controlling_party_en", text),
        ("controlling_party_ar", text),
        ("governorate", text),
        ("governorate_name_en", text),
        ("governorate_name_ar", text),
        ("month", text),
    ]
    for name in indicators:
        columns += [(f"incidents_{name}", count), (f"casualties_{name}", count)]
    columns += [
        ("casualty_figures_unknown", count),
        ("population", count),
        ("population_subdistricts", count),
        ("population_source", text),
    ]
    for name in indicators:
        columns += [(f"incidents_{name}_per_100k", rate), (f"casualties_{name}_per_100k", rate)]
    columns += [
        ("composite", rate),
        ("composite_previous", rate),
        ("trend", rate),
        ("trend_direction", text),
    ]
    return columns


def _sort_key(row: dict[str, Any]) -> tuple[Any, ...]:
    return (
        row["month"],
        row["governorate"] is None,
        row["governorate"] or "",
        row["controlling_party"] is None,
        row["controlling_party"] or "",
    )


def safety_indicators(
    incidents: pa.Table,
    *,
    gazetteer: Gazetteer,
    control: ControlLayer,
    date_from: dt.date,
    date_to: dt.date,
    indicators: Sequence[str] = INDICATORS,
    weights: Mapping[str, float] | None = None,
    statuses: Sequence[str] | None = None,
    exclude_statuses: Sequence[str] = ("rejected",),
    exclude_confidence: Sequence[str] = ("discounted",),
) -> pa.Table:
    """One row per (controlling party, governorate, month) of the months ``date_from`` ..
    ``date_to`` fall in (whole months), with every input, rate and the composite.

    ``incidents`` is an enriched incident table (enriched here when it is not); ``weights``
    (default 1 each) weight the indicators in the composite."""
    if date_to < date_from:
        raise ValueError(f"the end {date_to} is before the start {date_from}")
    weight = {name: float((weights or {}).get(name, 1.0)) for name in indicators}
    if any(name not in indicators for name in weights or {}):
        raise ValueError(f"weights name an indicator not among {', '.join(indicators)}")
    if "month" not in incidents.column_names or "governorate" not in incidents.column_names:
        incidents = enrich(incidents, gazetteer)
    months = months_between(date_from, date_to)
    counted = [_previous(months[0]), *months]  # the month before, for the first trend
    figures = _figures(
        incidents, counted, indicators, statuses, exclude_statuses, exclude_confidence
    )
    areas = area_populations(gazetteer, control, counted)
    cells = {(party, gov, month) for party, gov, month in areas}
    cells |= {(party, gov, month) for party, gov, month, _ in figures}
    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    for party, governorate, month in cells:
        area = areas.get((party, governorate, month)) if party and governorate else None
        population = area.population if area is not None else None
        place = gazetteer.get(governorate) if governorate else None
        label = PARTIES.get(party) if party else None
        row: dict[str, Any] = {
            "controlling_party": party,
            "controlling_party_en": label.label_en if label else party,
            "controlling_party_ar": label.label_ar if label else party,
            "governorate": governorate,
            "governorate_name_en": place.name_en if place else None,
            "governorate_name_ar": place.name_ar if place else None,
            "month": month,
            "casualty_figures_unknown": 0,
            "population": population,
            "population_subdistricts": len(area.subdistricts) if area is not None else 0,
            "population_source": _population_note(party, governorate, area),
        }
        composite = 0.0 if population else None
        for name in indicators:
            found, casualties, unknown = figures.get((party, governorate, month, name), (0, 0, 0))
            row[f"incidents_{name}"], row[f"casualties_{name}"] = found, casualties
            row["casualty_figures_unknown"] += unknown
            for kind, value in (("incidents", found), ("casualties", casualties)):
                rate = value * PER / population if population else None
                row[f"{kind}_{name}_per_100k"] = rate
                if composite is not None and rate is not None:
                    composite += weight[name] * rate
        row["composite"] = composite
        rows[(party, governorate, month)] = row
    out = []
    for (party, governorate, month), row in rows.items():
        if month == counted[0]:
            continue
        before = rows.get((party, governorate, _previous(month)))
        previous = before["composite"] if before else None
        trend = (
            None if previous is None or row["composite"] is None else row["composite"] - previous
        )
        row["composite_previous"], row["trend"] = previous, trend
        row["trend_direction"] = (
            None
            if trend is None
            else "worse"
            if trend > 0
            else "better"
            if trend < 0
            else "unchanged"
        )
        out.append(row)
    out.sort(key=_sort_key)
    schema = pa.schema(_columns(indicators))
    return pa.table({name: [r[name] for r in out] for name in schema.names}, schema=schema)
