"""The incident map's data: one compact point per located incident, and a count of the rest.

An incident known only to a governorate, district or sub-district is drawn at that unit's
point and flagged approximate; one with no place or point at all is counted, never dropped
silently, so the map's total always equals the list's.
"""

from __future__ import annotations

from django.db.models import QuerySet

from marsad.desk.labels import Labels
from marsad.desk.services import incident_url, url_pattern
from marsad.engines.gazetteer import Gazetteer, default_gazetteer

COARSE_LEVELS = ("governorate", "district", "subdistrict")
_COLUMNS = (
    "pk",
    "type",
    "date",
    "latitude",
    "longitude",
    "place_precision",
    "place__pcode",
    "place__level",
    "place__latitude",
    "place__longitude",
    "place__name_en",
    "place__name_ar",
)


def _unit_at(pcode: str, level: str, gazetteer: Gazetteer):
    """The unit at ``level`` that holds ``pcode`` (the place itself when it is no finer)."""
    place = gazetteer.get(pcode)
    if place is None:
        return None
    if place.level in COARSE_LEVELS[: COARSE_LEVELS.index(level) + 1]:
        return place
    return next((p for p in gazetteer.parents(pcode) if p.level == level), place)


class _Locator:
    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.units: dict[tuple[str, str], tuple[float, float] | None] = {}

    def __call__(
        self, precision: str, pcode: str | None, level: str | None, own: tuple, place_point: tuple
    ) -> tuple[float, float, bool] | None:
        """(latitude, longitude, approximate) or None when the incident cannot be placed."""
        coarse = precision if precision in COARSE_LEVELS else None
        if coarse is None and level in COARSE_LEVELS and own[0] is None:
            coarse = level  # placed only at an admin unit, whatever the precision says
        if coarse:
            point = (self._unit_point(pcode, coarse) or place_point) if pcode else own
            return (*point, True) if None not in point else None
        for point in (own, place_point):
            if None not in point:
                return (*point, False)
        return None

    def _unit_point(self, pcode: str, level: str) -> tuple[float, float] | None:
        key = (pcode, level)
        if key not in self.units:
            unit = _unit_at(pcode, level, self.gazetteer)
            self.units[key] = (unit.latitude, unit.longitude) if unit else None
        return self.units[key]


def map_payload(queryset: QuerySet, labels: Labels) -> dict:
    """Points as ``[id, lat, lon, type index, approximate, date, place index]`` (small JSON for
    100,000 incidents), the legend's types with counts, and how many could not be placed."""
    locate = _Locator(default_gazetteer())
    types = [code for code, _label in labels.choices("type")]
    type_index = {code: i for i, code in enumerate(types)}
    counts: dict[str, int] = {}
    place_index: dict[str, int] = {}
    place_names: list[str] = []
    points, unplaced, approximate = [], 0, 0
    name_index = _COLUMNS.index("place__name_ar" if labels.lang == "ar" else "place__name_en")
    # Tuples, not dicts, and large chunks: 10,000 points a request make both count.
    for row in queryset.order_by().values_list(*_COLUMNS).iterator(chunk_size=20000):
        pk, kind, date, latitude, longitude, precision, pcode, level, plat, plon = row[:10]
        located = locate(precision, pcode, level, (latitude, longitude), (plat, plon))
        if located is None:
            unplaced += 1
            continue
        latitude, longitude, approx = located
        approximate += approx
        if kind not in type_index:
            type_index[kind] = len(types)
            types.append(kind)
        counts[kind] = counts.get(kind, 0) + 1
        pcode = pcode or ""
        if pcode not in place_index:
            place_index[pcode] = len(place_names)
            place_names.append(row[name_index] or "")
        points.append(
            [
                pk,
                round(latitude, 5),
                round(longitude, 5),
                type_index[kind],
                int(approx),
                date.isoformat() if date else "",
                place_index[pcode],
            ]
        )
    return {
        "count": len(points) + unplaced,
        "placed": len(points),
        "unplaced": unplaced,
        "approximate": approximate,
        "types": [
            {"code": code, "label": labels.of("type", code), "count": counts.get(code, 0)}
            for code in types
        ],
        "places": place_names,
        "points": points,
        "incident_url": url_pattern(incident_url),
    }
