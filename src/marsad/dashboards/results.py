"""One dashboard's numbers: the rows the table, the chart, the map and the exports all show.

Every number comes from :func:`marsad.analysis.snapshot.incidents_for`, so incidents restricted
to groups the viewer is not in are never counted, whatever the view or export.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from marsad.analysis.snapshot import incidents_for
from marsad.dashboards.forms import Query, dimension_label, measure_label
from marsad.dashboards.values import ValueLabels
from marsad.engines.analysis import (
    DIMENSIONS,
    MEASURES,
    analyse,
    gazetteer_populations,
    to_records,
)
from marsad.engines.gazetteer import default_gazetteer

# Levels with shipped boundaries (OCHA adm1..adm3); a community is mapped by its sub-district.
MAP_LEVELS = {"governorate": 1, "district": 2, "subdistrict": 3}
_MAP_LEVEL_OF = {**{level: level for level in MAP_LEVELS}, "community": "subdistrict"}


@functools.lru_cache(maxsize=1)
def _populations() -> dict[str, int]:
    return gazetteer_populations(default_gazetteer())


@dataclass(frozen=True)
class Column:
    """A table column: ``key`` in each row, its header, and whether it holds a number."""

    key: str
    label: str
    measure: str | None = None
    dimension: str | None = None
    is_code: bool = False


@dataclass
class MapData:
    """The first measure by the map's admin level (same filters as the table)."""

    level: str
    measure: str
    measure_label: str
    rows: list[dict] = field(default_factory=list)  # pcode, name, value
    unplaced: float | int | None = 0  # the measure for incidents with no place at this level


@dataclass
class Dashboard:
    query: Query
    lang: str
    rows: list[dict]  # records of analyse() with "<dimension>__label" added
    totals: dict[str, int | float | None]
    map: MapData

    @property
    def dimensions(self) -> list[str]:
        return self.query.by

    @property
    def measures(self) -> list[str]:
        return self.query.measures

    def columns(self, *, codes: bool = False) -> list[Column]:
        """The table's columns; with ``codes``, each coded dimension's code beside its label
        (for the CSV and XLSX files analysts join to other data)."""
        columns = []
        for name in self.dimensions:
            title = dimension_label(name, self.lang)
            columns.append(Column(f"{name}__label", title, dimension=name))
            if codes and DIMENSIONS[name].kind != "period":
                code_title = code_header(title, DIMENSIONS[name].kind == "place")
                columns.append(Column(name, code_title, dimension=name, is_code=True))
        columns += [Column(m, measure_label(m, self.lang), measure=m) for m in self.measures]
        return columns


def code_header(title: str, is_place: bool) -> str:
    if is_place:
        return _("%(column)s (P-code)") % {"column": title}
    return _("%(column)s (code)") % {"column": title}


def map_level(dimensions: list[str]) -> str:
    """The finest mapped admin level among ``dimensions``; governorates by default."""
    levels = [_MAP_LEVEL_OF[d] for d in dimensions if d in _MAP_LEVEL_OF]
    return max(levels, key=MAP_LEVELS.__getitem__) if levels else "governorate"


def build_dashboard(user, query: Query, lang: str) -> Dashboard:
    """Count what ``query`` asks for among the incidents ``user`` may see.

    Raises :class:`marsad.engines.analysis.AnalysisError` for a query the engine refuses.
    """
    table = incidents_for(user)
    rates = any(MEASURES[m].is_rate for m in query.measures)
    common = {
        "where": query.where,
        "date_from": query.date_from,
        "date_to": query.date_to,
        "statuses": query.statuses,
        "populations": _populations() if rates else None,
    }
    rows = to_records(analyse(table, by=query.by, measures=query.measures, **common))
    value_labels = ValueLabels(lang)
    for row in rows:
        for name in query.by:
            row[f"{name}__label"] = value_labels.label(name, row)
    # Totals are counted, not added up: an incident with two source types is one incident.
    totals = to_records(analyse(table, by=[], measures=query.measures, **common))[0]

    level, first = map_level(query.by), query.measures[0]
    mapped = MapData(level, first, measure_label(first, lang))
    for row in to_records(analyse(table, by=[level], measures=[first], **common)):
        if row[level] is None:
            mapped.unplaced = row[first]
        else:
            name = value_labels.label(level, row)
            mapped.rows.append({"pcode": row[level], "name": name, "value": row[first]})
    return Dashboard(query=query, lang=lang, rows=rows, totals=totals, map=mapped)


def format_number(value: object, measure: str) -> str:
    """``1,008`` for counts, two decimals for rates, ``—`` for an unknown value."""
    if value is None:
        return "—"
    if MEASURES[measure].is_rate:
        return f"{float(value):,.2f}"
    return f"{int(value):,}"


def table_rows(dashboard: Dashboard) -> list[list[dict]]:
    """The rows as cells ready for the template: text and whether the cell is a number."""
    columns = dashboard.columns()
    return [
        [
            {"text": format_number(row[c.measure], c.measure), "number": True}
            if c.measure
            else {"text": row[c.key], "number": False, "unknown": row[c.dimension] is None}
            for c in columns
        ]
        for row in dashboard.rows
    ]
