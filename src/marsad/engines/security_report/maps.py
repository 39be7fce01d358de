"""Choropleth maps of Syria as SVG, drawn from the OCHA boundaries (pure, no Django).

Polygons come from ``marsad/data/gazetteer/boundaries/adm1.geojson`` (governorates) and
``adm3.geojson`` (sub-districts), simplified with shapely (about 1 km for sub-districts, 2 km for
governorates) and projected equirectangularly (longitude scaled by the cosine of Syria's middle
latitude), which is true enough at this size. Incident places are drawn as circles whose area
grows with the number of incidents. The SVG carries no script and no external reference.
"""

from __future__ import annotations

import functools
import html
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

from shapely.geometry import shape

__all__ = ["MapPoint", "Shape", "boundaries", "choropleth_svg", "isolate"]

WIDTH = 560.0
_MARGIN = 8.0
_TOLERANCE = {"governorate": 0.02, "subdistrict": 0.01}
_FILES = {"governorate": "adm1.geojson", "subdistrict": "adm3.geojson"}
_PALETTE = ("#fee6ce", "#fdae6b", "#f16913", "#d94801", "#8c2d04")
_EMPTY = "#f2f2f2"
_FONT = "Noto Sans Arabic, sans-serif"


@dataclass(frozen=True, slots=True)
class Shape:
    pcode: str
    name_en: str
    name_ar: str
    path: str  # SVG path data in map units
    label_x: float
    label_y: float


@dataclass(frozen=True, slots=True)
class MapPoint:
    latitude: float
    longitude: float
    count: int


@dataclass(frozen=True, slots=True)
class _Projection:
    west: float
    north: float
    scale_x: float
    scale_y: float
    height: float

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            _MARGIN + (lon - self.west) * self.scale_x,
            _MARGIN + (self.north - lat) * self.scale_y,
        )


def _features(level: str) -> list[dict[str, object]]:
    folder = resources.files("marsad") / "data" / "gazetteer" / "boundaries"
    data = json.loads((folder / _FILES[level]).read_text("utf-8"))
    features: list[dict[str, object]] = data["features"]
    return features


@functools.lru_cache(maxsize=1)
def _projection() -> _Projection:
    west, south, east, north = 180.0, 90.0, -180.0, -90.0
    for feature in _features("governorate"):
        x0, y0, x1, y1 = shape(feature["geometry"]).bounds
        west, south, east, north = min(west, x0), min(south, y0), max(east, x1), max(north, y1)
    scale_x = (WIDTH - 2 * _MARGIN) / (east - west)
    scale_y = scale_x / math.cos(math.radians((north + south) / 2))
    return _Projection(west, north, scale_x, scale_y, (north - south) * scale_y + 2 * _MARGIN)


def _ring(coords: Sequence[Sequence[float]], projection: _Projection) -> str:
    points = [projection.xy(x, y) for x, y, *_ in coords]
    return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z"


@functools.lru_cache(maxsize=2)
def boundaries(level: str) -> tuple[Shape, ...]:
    """The simplified, projected polygons of ``governorate`` or ``subdistrict``."""
    projection = _projection()
    shapes = []
    for feature in _features(level):
        props = feature["properties"]
        assert isinstance(props, dict)
        geometry = shape(feature["geometry"]).simplify(_TOLERANCE[level], preserve_topology=True)
        polygons = getattr(geometry, "geoms", [geometry])
        path = "".join(
            _ring(ring.coords, projection)
            for polygon in polygons
            for ring in (polygon.exterior, *polygon.interiors)
        )
        point = geometry.representative_point()
        x, y = projection.xy(point.x, point.y)
        shapes.append(
            Shape(str(props["pcode"]), str(props["name_en"]), str(props["name_ar"]), path, x, y)
        )
    return tuple(shapes)


def _classes(maximum: int) -> list[tuple[int, int]]:
    """Up to five equal classes ``(low, high)`` covering ``1..maximum``."""
    step = max(1, math.ceil(maximum / len(_PALETTE)))
    return [(1 + i * step, (i + 1) * step) for i in range(len(_PALETTE)) if 1 + i * step <= maximum]


def _colour(value: int, classes: Sequence[tuple[int, int]]) -> str:
    for (low, high), colour in zip(classes, _PALETTE, strict=False):
        if low <= value <= high:
            return colour
    return _EMPTY


def isolate(text: str) -> str:
    """Arabic text wrapped in a right-to-left isolate: SVG renderers (resvg) lay text out
    left to right, which scrambles Arabic mixed with Latin letters or digits."""
    if any("\u0600" <= ch <= "\u06ff" for ch in text):
        return f"\u2067{text}\u2069"
    return text


def _text(
    x: float, y: float, text: str, size: float, anchor: str = "middle", extra: str = ""
) -> str:
    text = isolate(text)
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'font-family="{_FONT}"{extra}>{html.escape(text)}</text>'
    )


def choropleth_svg(
    level: str,
    values: Mapping[str, int],
    points: Sequence[MapPoint],
    lang: str,
    *,
    title: str,
    legend_points: str,
    legend_empty: str,
    source: str,
    label_all: bool = False,
    names: Mapping[str, str] | None = None,
) -> str:
    """An SVG map of ``level`` units coloured by ``values`` (P-code → incidents), with
    ``points``; units are named (by ``names``, else their gazetteer name) when ``label_all``
    or when they have incidents."""
    projection = _projection()
    shapes = boundaries(level)
    classes = _classes(max([v for v in values.values() if v] or [0]))
    legend_height = 18.0 * (len(classes) + 2) + 8
    height = projection.height + legend_height
    rtl = lang == "ar"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:.0f} {height:.0f}" '
        # Always left to right: an inherited "rtl" would flip every text-anchor, and Arabic
        # labels carry their own right-to-left isolate.
        f'width="{WIDTH:.0f}" height="{height:.0f}" role="img" direction="ltr">',
        f"<title>{html.escape(title)}</title>",
        f'<rect width="{WIDTH:.0f}" height="{height:.0f}" fill="white"/>',
    ]
    for unit in shapes:
        fill = _colour(values.get(unit.pcode, 0), classes)
        parts.append(
            f'<path d="{unit.path}" fill="{fill}" stroke="#777" stroke-width="0.4">'
            f"<title>{html.escape(unit.name_ar if rtl else unit.name_en)}: "
            f"{values.get(unit.pcode, 0)}</title></path>"
        )
    largest = max([p.count for p in points] or [1])
    for point in sorted(points, key=lambda p: -p.count):
        x, y = projection.xy(point.longitude, point.latitude)
        radius = 1.5 + 7.0 * math.sqrt(point.count / largest)
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="#2166ac" '
            f'fill-opacity="0.55" stroke="white" stroke-width="0.6"/>'
        )
    for unit in shapes:
        if label_all or values.get(unit.pcode, 0):
            name = (names or {}).get(unit.pcode) or (unit.name_ar if rtl else unit.name_en)
            halo = ' stroke="white" stroke-width="2.2" paint-order="stroke" fill="#222"'
            parts.append(_text(unit.label_x, unit.label_y - 4, name, 9.5, extra=halo))
    parts.extend(_legend(classes, projection.height, rtl, legend_points, legend_empty, source))
    parts.append("</svg>")
    return "".join(parts)


def _legend(
    classes: Sequence[tuple[int, int]],
    top: float,
    rtl: bool,
    legend_points: str,
    legend_empty: str,
    source: str,
) -> list[str]:
    edge = WIDTH - _MARGIN if rtl else _MARGIN
    box_x = edge - 14 if rtl else edge
    text_x = edge - 20 if rtl else edge + 20
    anchor = "end" if rtl else "start"
    rows = [(_EMPTY, legend_empty)] + [
        (colour, f"{low:,}" if low == high else f"{low:,}–{high:,}")
        for (low, high), colour in zip(classes, _PALETTE, strict=False)
    ]
    out = []
    y = top + 6
    for colour, label in rows:
        out.append(
            f'<rect x="{box_x:.1f}" y="{y:.1f}" width="14" height="12" fill="{colour}" stroke="#777" stroke-width="0.4"/>'
        )
        out.append(_text(text_x, y + 10, label, 10, anchor))
        y += 18
    circle_x = edge - 7 if rtl else edge + 7
    out.append(
        f'<circle cx="{circle_x:.1f}" cy="{y + 6:.1f}" r="5" fill="#2166ac" fill-opacity="0.55"/>'
    )
    out.append(_text(text_x, y + 10, legend_points, 10, anchor))
    far = _MARGIN if rtl else WIDTH - _MARGIN
    out.append(_text(far, top + 16, source, 8, "start" if rtl else "end", ' fill="#666"'))
    return out
