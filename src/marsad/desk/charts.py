"""A small bar chart drawn on the server as SVG: no script, readable without one, printable."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT = 720, 200
TOP, BOTTOM = 22, 40  # room for the values above the bars and the months below
GAP = 0.25  # of each slot


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    centre: float
    value_y: float
    value: int
    name: str
    label: str
    sublabel: str
    link: str


def month_bars(points: list[dict], *, rtl: bool) -> dict:
    """Bars for ``points`` (``month``, ``name``, ``n``, ``link``) in time order, right to left in an
    Arabic page so that the chart reads in the same direction as the text around it."""
    slot = WIDTH / max(len(points), 1)
    tallest = max((p["n"] for p in points), default=0) or 1
    plot = HEIGHT - TOP - BOTTOM
    bars = []
    for i, point in enumerate(points):
        position = len(points) - 1 - i if rtl else i
        height = plot * point["n"] / tallest
        x = position * slot + slot * GAP / 2
        month = point["month"]
        bars.append(
            Bar(
                x=round(x, 1),
                y=round(TOP + plot - height, 1),
                width=round(slot * (1 - GAP), 1),
                height=round(height, 1),
                centre=round(x + slot * (1 - GAP) / 2, 1),
                value_y=round(TOP + plot - height - 5, 1),
                value=point["n"],
                name=point["name"],
                label=f"{month.month:02d}",
                # The year under January and under the first bar, as on a calendar.
                sublabel=str(month.year) if i == 0 or month.month == 1 else "",
                link=point["link"],
            )
        )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "baseline": TOP + plot,
        "label_y": TOP + plot + 16,
        "year_y": TOP + plot + 32,
        "bars": bars,
    }
