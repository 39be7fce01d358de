"""The report as Markdown, with its charts and maps as SVG files in a folder beside it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from marsad.engines.security_report.model import Chart, MapBlock, Report, Segment, Table
from marsad.reports import charts
from marsad.reports.templates import render


def _text(segments: list[Segment]) -> str:
    return "".join(s.text for s in segments)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(table: Table) -> str:
    lines = [
        "| " + " | ".join(_cell(c) for c in table.columns) + " |",
        "|" + "|".join("---:" if numeric else "---" for numeric in table.numeric) + "|",
    ]
    for i, row in enumerate(table.rows):
        cells = [_cell(c.text) for c in row]
        if table.total_row and i == len(table.rows) - 1:
            cells = [f"**{c}**" for c in cells]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def render_markdown(
    report: Report, path: str | Path, *, template_dir: str | Path | None = None
) -> None:
    path = Path(path)
    folder = path.with_name(path.stem + "_files")
    folder.mkdir(parents=True, exist_ok=True)
    sections: list[dict[str, Any]] = []
    for section in report.sections:
        blocks = []
        for block in section.blocks:
            if isinstance(block, Table):
                blocks.append(
                    {
                        "kind": "table",
                        "title": f"{block.id} {block.title}",
                        "markdown": _table(block),
                    }
                )
                continue
            svg = charts.chart_svg(block.spec) if isinstance(block, Chart) else block.svg
            name = f"{block.id}.svg"
            (folder / name).write_text(svg, encoding="utf-8")
            kind = "map" if isinstance(block, MapBlock) else "chart"
            blocks.append(
                {
                    "kind": kind,
                    "title": block.title,
                    "image": f"{folder.name}/{name}",
                    "table_id": block.table_id,
                }
            )
        sections.append(
            {
                "title": section.title,
                "paragraphs": [_text(p) for p in section.paragraphs],
                "blocks": blocks,
            }
        )
    appendix = []
    for trace in report.traces:
        rows = []
        for figure_id in trace.figure_ids:
            figure = report.figures[figure_id]
            ids = figure.id_ranges() if figure.query else figure.formula
            rows.append(
                f"| `{figure.id}` | {_cell(figure.label(report.lang))} | {figure.value} | {_cell(ids)} |"
            )
        appendix.append({"command": trace.query.command() if trace.query else "",
                         "areas": "; ".join(trace.query.areas) if trace.query else "",
                         "rows": rows})  # fmt: skip
    context = {
        "report": report,
        "rtl": report.lang == "ar",
        "text": report.text,
        "scope": [(label, _text(segments)) for label, segments in report.scope],
        "summary": [_text(p) for p in report.summary],
        "sections": sections,
        "appendix": appendix,
    }
    path.write_text(
        render("security.md", context, template_dir, autoescape=False), encoding="utf-8"
    )
