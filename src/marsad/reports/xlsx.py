"""The report as a workbook: the summary, a sheet per table, and the appendix (openpyxl).

Arabic workbooks have their sheets right to left. Numbers are stored as numbers; each table cell's
figure id is in the appendix sheet with its query and incidents.
"""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from marsad.engines.security_report.model import Report

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=13)
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(text: str, taken: set[str]) -> str:
    name = _FORBIDDEN.sub(" ", text)[:31].strip()
    base, n = name, 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.casefold())
    return name


def _new_sheet(book: Workbook, title: str, taken: set[str], rtl: bool) -> Worksheet:
    sheet = book.create_sheet(_sheet_name(title, taken))
    sheet.sheet_view.rightToLeft = rtl
    return sheet


def _widths(sheet: Worksheet, widths: list[int]) -> None:
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width


def render_xlsx(report: Report, path: str | Path) -> None:
    rtl = report.lang == "ar"
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    text = report.text

    summary = _new_sheet(book, text["sheet_summary"], taken, rtl)
    summary.append([report.title])
    summary["A1"].font = _TITLE
    for label, segments in report.scope:
        summary.append([label, "".join(s.text for s in segments)])
    summary.append([])
    summary.append([text["summary"]])
    summary.cell(summary.max_row, 1).font = _BOLD
    for paragraph in report.summary:
        summary.append(["".join(s.text for s in paragraph)])
        summary.cell(summary.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
    _widths(summary, [110, 60])

    for table in report.tables():
        sheet = _new_sheet(book, f"{table.id} {table.title}", taken, rtl)
        sheet.append([f"{table.id} {table.title}"])
        sheet["A1"].font = _TITLE
        sheet.append(table.columns)
        for cell in sheet[2]:
            cell.font = _BOLD
        for i, row in enumerate(table.rows):
            sheet.append([c.value if c.figure else c.text for c in row])
            if table.total_row and i == len(table.rows) - 1:
                for cell in sheet[sheet.max_row]:
                    cell.font = _BOLD
        sheet.freeze_panes = "B3"
        _widths(sheet, [34] + [16] * (len(table.columns) - 1))

    appendix = _new_sheet(book, text["sheet_appendix"], taken, rtl)
    appendix.append(
        [
            text["figure"],
            text["what"],
            text["value"],
            text["query"],
            text["areas"],
            text["incident_ids"],
        ]
    )
    for cell in appendix[1]:
        cell.font = _BOLD
    for trace in report.traces:
        for figure_id in trace.figure_ids:
            figure = report.figures[figure_id]
            query = figure.query
            appendix.append([
                figure.id,
                figure.label(report.lang),
                figure.value,
                query.command() if query else figure.formula,
                "; ".join(query.areas) if query else "",
                ", ".join(str(i) for i in figure.incident_ids),
            ])  # fmt: skip
    appendix.freeze_panes = "A2"
    _widths(appendix, [26, 50, 10, 70, 30, 60])
    book.save(str(path))
