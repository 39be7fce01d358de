"""The dashboard's chart as a Vega-Lite spec built from the table's rows, and its SVG/PNG files.

The browser draws the spec with vega-embed; the SVG and PNG downloads are drawn from the same
spec on the server by vl-convert, with the packaged Noto Sans Arabic so Arabic labels are shaped.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from marsad.dashboards.forms import dimension_label, measure_label
from marsad.dashboards.results import Dashboard
from marsad.engines.analysis import DIMENSIONS, MEASURES
from marsad.reports.fonts import register_chart_fonts

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
VL_VERSION = "5.21"  # the newest Vega-Lite 5 that vl-convert carries (the browser has 5.23)
FONT = "Noto Sans Arabic, sans-serif"
ACCENT = "#0f5e6e"
# Vega's "tableau10" and "tableau20" colours, given in full so a series keeps its colour in
# both languages (Vega would otherwise assign them in the order of the translated labels).
TABLEAU10 = [
    "#4c78a8",
    "#f58518",
    "#e45756",
    "#72b7b2",
    "#54a24b",
    "#eeca3b",
    "#b279a2",
    "#ff9da6",
    "#9d755d",
    "#bab0ac",
]
TABLEAU20 = [
    "#4c78a8",
    "#9ecae9",
    "#f58518",
    "#ffbf79",
    "#54a24b",
    "#88d27a",
    "#b79a20",
    "#f2cf5b",
    "#439894",
    "#83bcb6",
    "#e45756",
    "#ff9d98",
    "#79706e",
    "#bab0ac",
    "#d67195",
    "#fcbfd2",
    "#b279a2",
    "#d6a5c9",
    "#9e765f",
    "#d8b5a5",
]
EXPORT_WIDTH = 760


def _is_period(dimension: str | None) -> bool:
    return dimension is not None and DIMENSIONS[dimension].kind == "period"


def chart_axes(dimensions: list[str]) -> tuple[str, str | None]:
    """(category, series): a period goes along the axis, the other dimension into colour."""
    category, series = dimensions[0], dimensions[1] if len(dimensions) > 1 else None
    if _is_period(series) and not _is_period(category):
        category, series = series, category
    return category, series


def chart_kind(category: str, wanted: str) -> str:
    return wanted or ("line" if _is_period(category) else "bar")


def in_sentence(label: str, lang: str) -> str:
    """A dimension's label inside a sentence: "party in control", not "Party in control"."""
    if lang == "ar" or label[1:2].isupper():  # Arabic has no case; keep "ISO"-like words
        return label
    return label[:1].lower() + label[1:]


def chart_title(dashboard: Dashboard) -> str:
    lang = dashboard.lang
    first, *rest = (in_sentence(dimension_label(d, lang), lang) for d in dashboard.dimensions)
    names = {"measure": measure_label(dashboard.measures[0], lang), "first": first}
    if not rest:
        return _("%(measure)s by %(first)s") % names
    return _("%(measure)s by %(first)s and %(second)s") % {**names, "second": rest[0]}


def chart_values(dashboard: Dashboard) -> tuple[list[dict], int | float]:
    """The chart's data rows and the measure left out of it: rows whose period is unknown
    cannot sit on a time axis (the table still shows them)."""
    category, series = chart_axes(dashboard.dimensions)
    measure = dashboard.measures[0]
    values, left_out = [], 0
    for row in dashboard.rows:
        if _is_period(category) and row[category] is None:
            left_out += row[measure] or 0
            continue
        values.append(
            {
                "category": row[f"{category}__label"],
                "code": row[category],
                "series": row[f"{series}__label"] if series else None,
                "value": row[measure],
            }
        )
    return values, left_out


def series_in_code_order(dashboard: Dashboard, category: str, series: str) -> list[str]:
    """The charted series' labels ordered by their codes (unknown last), so each keeps its
    colour in every language."""
    codes: dict[object, str] = {}
    for row in dashboard.rows:
        if not (_is_period(category) and row[category] is None):
            codes.setdefault(row[series], row[f"{series}__label"])
    ordered = sorted(codes, key=lambda c: (c is None, str(c)))
    return list(dict.fromkeys(codes[c] for c in ordered))


def chart_spec(dashboard: Dashboard, *, width: int | str = "container") -> dict:
    """A Vega-Lite spec of the first measure (``width="container"`` to fill the page)."""
    lang, rtl = dashboard.lang, dashboard.lang == "ar"
    category, series = chart_axes(dashboard.dimensions)
    kind = chart_kind(category, dashboard.query.chart)
    measure = dashboard.measures[0]
    values, left_out = chart_values(dashboard)
    is_rate = MEASURES[measure].is_rate
    number = ",.2f" if is_rate else ",.0f"
    value = {
        "field": "value",
        "type": "quantitative",
        "title": measure_label(measure, lang),
        "axis": {"format": number, **({} if is_rate else {"tickMinStep": 1})},
    }
    horizontal = kind != "line" and not _is_period(category)
    along = {
        "field": "category",
        "type": "ordinal" if _is_period(category) else "nominal",
        "title": dimension_label(category, lang),
        "sort": ("-x" if horizontal else "ascending"),
        "axis": {"labelLimit": 220},
    }
    if horizontal:
        along["title"] = None  # the chart's title names it; a rotated title wastes the width
        along["axis"]["orient"] = "right" if rtl else "left"
        value["scale"] = {"reverse": rtl}  # bars grow from the reader's starting side
        encoding = {"y": along, "x": value}
    else:
        value["axis"]["orient"] = "right" if rtl else "left"
        along["axis"]["labelAngle"] = -45 if len({v["category"] for v in values}) > 8 else 0
        encoding = {"x": along, "y": value}
    tooltip = [{"field": "category", "title": dimension_label(category, lang)}]
    if series:
        names = series_in_code_order(dashboard, category, series)
        palette = TABLEAU10 if len(names) <= 10 else TABLEAU20
        encoding["color"] = {
            "field": "series",
            "type": "nominal",
            "title": dimension_label(series, lang),
            "scale": {
                "domain": names,
                "range": [palette[i % len(palette)] for i in range(len(names))],
            },
            "legend": {"orient": "bottom", "columns": min(3, len(names)) or 1, "labelLimit": 200},
        }
        if kind == "grouped":
            encoding["yOffset" if horizontal else "xOffset"] = {"field": "series"}
        tooltip.append({"field": "series", "title": dimension_label(series, lang)})
    tooltip.append({"field": "value", "title": measure_label(measure, lang), "format": number})
    encoding["tooltip"] = tooltip
    mark = (
        {"type": "line", "point": True, "strokeWidth": 2}
        if kind == "line"
        else {"type": "bar", **({} if series else {"color": ACCENT})}
    )
    if kind == "line" and not series:
        mark["color"] = ACCENT
    step = 14 if kind == "grouped" and series else 24
    return {
        "$schema": SCHEMA,
        "title": {"text": chart_title(dashboard), "anchor": "end" if rtl else "start"},
        "description": chart_title(dashboard),
        "width": width,
        "height": {"step": step} if horizontal else 300,
        "autosize": {"type": "fit-x" if width == "container" else "pad", "contains": "padding"},
        "background": "white",
        "data": {"values": values},
        "mark": mark,
        "encoding": encoding,
        "config": {
            "font": FONT,
            "axis": {"labelFontSize": 12, "titleFontSize": 13, "titleFontWeight": "bold"},
            "legend": {"labelFontSize": 12, "titleFontSize": 13},
            "title": {"fontSize": 15},
            "view": {"stroke": None},
        },
        "usermeta": {"kind": kind, "category": category, "series": series, "left_out": left_out},
    }


def export_spec(dashboard: Dashboard) -> dict:
    return chart_spec(dashboard, width=EXPORT_WIDTH)


def render_svg(spec: dict) -> str:
    import vl_convert

    register_chart_fonts()
    # No base URL is allowed: the spec carries its data, and nothing may be fetched.
    return vl_convert.vegalite_to_svg(spec, vl_version=VL_VERSION, allowed_base_urls=[])


def render_png(spec: dict) -> bytes:
    import vl_convert

    register_chart_fonts()
    return vl_convert.vegalite_to_png(spec, vl_version=VL_VERSION, scale=2, allowed_base_urls=[])
