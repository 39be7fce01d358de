"""Vega-Lite charts of report tables (pure, no Django).

The chart designs are data: ``marsad/data/reports/charts/*.vl.json`` (edit them to restyle every
report). A chart is one of those specifications with its ``data.values`` taken from a
:class:`~marsad.engines.security_report.model.Table`: one value per numeric cell drawn, carrying the id of
the cell's figure, so a chart can never show a number its table does not. Arabic charts read
right to left: bars grow leftwards and the category axis sits on the right, and Arabic labels
are wrapped in right-to-left isolates (see :func:`marsad.engines.security_report.maps.isolate`).
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Sequence
from importlib import resources
from typing import Any

from marsad.engines.security_report.maps import isolate
from marsad.engines.security_report.model import Chart, Table

__all__ = ["CHART_KINDS", "chart_from_table", "chart_template"]

CHART_KINDS = ("bar", "stacked", "columns", "grouped")


@functools.cache
def _template_text(kind: str) -> str:
    if kind not in CHART_KINDS:
        raise ValueError(f"unknown chart kind {kind!r}; known: {', '.join(CHART_KINDS)}")
    folder = resources.files("marsad") / "data" / "reports" / "charts"
    return (folder / f"{kind}.vl.json").read_text("utf-8")


def chart_template(kind: str) -> dict[str, Any]:
    """A fresh copy of the packaged specification of ``kind``."""
    spec: dict[str, Any] = json.loads(_template_text(kind))
    return copy.deepcopy(spec)


def _label(text: str, lang: str) -> str:
    return isolate(text) if lang == "ar" else text


def _values(table: Table, columns: Sequence[int], series: bool, lang: str) -> list[dict[str, Any]]:
    rows = table.rows[:-1] if table.total_row else table.rows
    values: list[dict[str, Any]] = []
    for row in rows:
        for order, j in enumerate(columns):
            cell = row[j]
            datum: dict[str, Any] = {
                "category": _label(row[0].text, lang),
                "value": cell.value,
                "figure": cell.figure,
            }
            if series:
                datum.update(series=_label(table.columns[j], lang), order=order)
            values.append(datum)
    return values


def _right_to_left(spec: dict[str, Any], kind: str) -> None:
    encoding = spec["encoding"]
    if kind == "columns":
        encoding["x"]["scale"] = {"reverse": True}
        encoding["x"]["axis"]["labelAngle"] = 45
        encoding["y"]["axis"]["orient"] = "right"
        return
    encoding["x"]["scale"] = {"reverse": True}
    encoding["y"]["axis"]["orient"] = "right"
    for layer in spec.get("layer", []):
        mark = layer["mark"]
        if mark.get("type") == "text":
            mark.update(align="right", dx=-3)


def chart_from_table(
    chart_id: str,
    table: Table,
    kind: str,
    lang: str,
    columns: Sequence[int] = (1,),
) -> Chart:
    """A chart of ``table``: ``bar`` draws column ``columns[0]``; ``stacked``, ``columns``
    (months) and ``grouped`` draw each of ``columns`` as a series."""
    spec = chart_template(kind)
    spec["data"] = {"values": _values(table, columns, kind != "bar", lang)}
    spec["description"] = table.title
    if kind != "bar" and len(columns) == 1:
        spec["encoding"]["color"]["legend"] = None  # one series needs no legend
    if lang == "ar":
        _right_to_left(spec, kind)
    return Chart(id=chart_id, table_id=table.id, title=table.title, spec=spec)
