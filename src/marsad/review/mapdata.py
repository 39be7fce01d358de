"""What the incident page's small map draws: the point, and the OCHA boundary of the
governorate around it (shipped with the package, so the map needs no tile server)."""

from __future__ import annotations

import functools
import json
from importlib import resources

from marsad.review import display


@functools.lru_cache(maxsize=1)
def _governorates() -> dict[str, dict]:
    path = resources.files("marsad") / "data" / "gazetteer" / "boundaries" / "adm1.geojson"
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    return {feature["properties"]["pcode"]: feature for feature in features}


def governorate_of(place):
    """The governorate a place lies in (the place itself if it is one)."""
    chain = [place, *place.ancestors()] if place is not None else []
    return next((p for p in chain if p.level == "governorate"), None)


def incident_map(incident) -> dict | None:
    """Point and boundary for the map, or ``None`` when the incident has no location."""
    place = incident.place
    lat = incident.latitude if incident.latitude is not None else getattr(place, "latitude", None)
    lon = (
        incident.longitude if incident.longitude is not None else getattr(place, "longitude", None)
    )
    if lat is None or lon is None:
        return None
    governorate = governorate_of(place)
    boundary = _governorates().get(governorate.pcode) if governorate else None
    return {
        "lat": lat,
        "lon": lon,
        "label": display.place_name(place),
        "boundary": {"type": "FeatureCollection", "features": [boundary]} if boundary else None,
        "boundary_label": display.place_name(governorate) if governorate else "",
    }
