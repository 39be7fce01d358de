"""Point lookups for the gazetteer: sub-district polygon and nearest community (pure).

Built lazily on the first ``Gazetteer.resolve_point`` call (shapely STRtree).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shapely import STRtree, prepare
from shapely.geometry import Point, box, shape

if TYPE_CHECKING:
    from marsad.engines.gazetteer import Place

_KM_PER_DEG = 111.32


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


class SpatialIndex:
    def __init__(self, places: Sequence[Place], boundaries_dir: Path | None) -> None:
        self._communities = [p for p in places if p.level == "community"]
        self._points = STRtree([Point(p.longitude, p.latitude) for p in self._communities])
        self._sub_codes: list[str] = []
        geoms: list[Any] = []
        if boundaries_dir is not None and (boundaries_dir / "adm3.geojson").exists():
            with (boundaries_dir / "adm3.geojson").open(encoding="utf-8") as fh:
                data = json.load(fh)
            for feat in data["features"]:
                geom = shape(feat["geometry"])
                prepare(geom)
                geoms.append(geom)
                self._sub_codes.append(feat["properties"]["pcode"])
        self._polygons = STRtree(geoms)
        self._geoms = geoms

    def subdistrict_at(self, lat: float, lon: float) -> str | None:
        if not self._geoms:
            return None
        pt = Point(lon, lat)
        hits = sorted(int(i) for i in self._polygons.query(pt, predicate="intersects"))
        return self._sub_codes[hits[0]] if hits else None

    def nearest_community(
        self, lat: float, lon: float, tolerance_km: float
    ) -> tuple[Place, float] | None:
        if tolerance_km < 0:
            return None
        dlat = tolerance_km / _KM_PER_DEG
        dlon = tolerance_km / (_KM_PER_DEG * max(0.1, math.cos(math.radians(lat))))
        window = box(lon - dlon, lat - dlat, lon + dlon, lat + dlat)
        best: tuple[Place, float] | None = None
        for i in sorted(int(i) for i in self._points.query(window)):
            place = self._communities[i]
            dist = _haversine_km(lat, lon, place.latitude, place.longitude)
            if dist <= tolerance_km and (best is None or dist < best[1]):
                best = (place, dist)
        return best
