"""The report as one self-contained HTML page (also the source WeasyPrint turns into the PDF)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from marsad.engines.security_report.model import Chart, MapBlock, Report, Table
from marsad.reports import charts, fonts
from marsad.reports.templates import render

_SIZE = re.compile(r'<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"')


def _size(svg: str) -> tuple[float, float]:
    match = _SIZE.search(svg)
    return (float(match.group(1)), float(match.group(2))) if match else (560.0, 400.0)


def _script_json(data: Any) -> str:
    """JSON safe inside a <script> element (no "</script>" can close it early)."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


def _block(block: Table | Chart | MapBlock, for_pdf: bool) -> dict[str, Any]:
    if isinstance(block, Table):
        rows = [
            {"cells": row, "total": block.total_row and i == len(block.rows) - 1}
            for i, row in enumerate(block.rows)
        ]
        headers = list(zip(block.columns, block.numeric, strict=True))
        return {
            "kind": "table",
            "id": block.id,
            "title": block.title,
            "headers": headers,
            "rows": rows,
        }
    svg = charts.chart_svg(block.spec) if isinstance(block, Chart) else block.svg
    width, height = _size(svg)
    item: dict[str, Any] = {
        "kind": "chart" if isinstance(block, Chart) else "map",
        "id": block.id,
        "table_id": block.table_id,
        "title": block.title,
        "width": width,
        "height": height,
        "svg": svg,
        "png": charts.svg_png_uri(svg) if for_pdf else "",
    }
    if isinstance(block, Chart):
        item["spec_json"] = _script_json(block.spec)
    return item


def _appendix(report: Report) -> list[dict[str, Any]]:
    traces = []
    for trace in report.traces:
        figures = [report.figures[i] for i in trace.figure_ids]
        query = trace.query
        traces.append(
            {
                "command": query.command() if query else "",
                "areas": "; ".join(query.areas) if query else "",
                "query_json": json.dumps(query.to_dict(), ensure_ascii=False) if query else "",
                "figures": [
                    {
                        "id": f.id,
                        "label": f.label(report.lang),
                        "value": f.value,
                        "ids": f.id_ranges(),
                        "formula": f.formula,
                        "count": len(f.incident_ids),
                    }
                    for f in figures
                ],
            }
        )
    return traces


def html_context(
    report: Report, *, for_pdf: bool = False, html_charts: str = "vega"
) -> dict[str, Any]:
    """Everything the templates get (documented in docs/report.md)."""
    return {
        "report": report,
        "lang": report.lang,
        "dir": report.direction,
        "text": report.text,
        "scope": report.scope,
        "summary": report.summary,
        "sections": [
            {
                "id": s.id,
                "title": s.title,
                "paragraphs": s.paragraphs,
                "blocks": [_block(b, for_pdf) for b in s.blocks],
            }
            for s in report.sections
        ],
        "appendix": _appendix(report),
        "font_css": fonts.pdf_font_css() if for_pdf else fonts.html_font_css(),
        "for_pdf": for_pdf,
        "vega_js": charts.vega_bundle() if html_charts == "vega" and not for_pdf else "",
    }


def render_html(
    report: Report,
    *,
    template_dir: str | Path | None = None,
    for_pdf: bool = False,
    html_charts: str = "vega",
) -> str:
    return render(
        "security.html",
        html_context(report, for_pdf=for_pdf, html_charts=html_charts),
        template_dir,
    )
