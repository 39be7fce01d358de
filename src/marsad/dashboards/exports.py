"""The dashboard's rows as CSV and XLSX files, headed in the reader's language."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from marsad.dashboards.results import Column, Dashboard
from marsad.engines.analysis import MEASURES
from marsad.engines.export_values import neutralise


def _cell(column: Column, value: object) -> object:
    if value is None or column.measure:  # numbers stay numbers
        return value
    return neutralise(str(value))  # a place or actor name must never run as a formula


def _rows(dashboard: Dashboard, columns: list[Column]) -> Iterator[list[object]]:
    yield [c.label for c in columns]
    for row in dashboard.rows:
        yield [_cell(c, row[c.key]) for c in columns]


def to_csv(dashboard: Dashboard) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens Arabic text correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerows(_rows(dashboard, dashboard.columns(codes=True)))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(dashboard: Dashboard, *, link: str, query_lines: list[tuple[str, str]]) -> bytes:
    """Two sheets: the data (right-to-left in Arabic) and what was counted, with the link back."""
    rtl = dashboard.lang == "ar"
    columns = dashboard.columns(codes=True)
    book = Workbook()
    data = book.active
    data.title = _("Data")[:31]
    for row in _rows(dashboard, columns):
        data.append(row)
    bold = Font(bold=True)
    for cell in data[1]:
        cell.font = bold
    data.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        letter = data.cell(row=1, column=index).column_letter
        data.column_dimensions[letter].width = 16 if column.measure else 28
        if column.measure and MEASURES[column.measure].is_rate:
            for (cell,) in data.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "#,##0.00"
        elif column.measure:
            for (cell,) in data.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "#,##0"
    data.sheet_view.rightToLeft = rtl

    about = book.create_sheet(_("Query")[:31])
    about.append([_("What was counted"), ""])
    about["A1"].font = bold
    for name, value in query_lines:
        about.append([name, neutralise(value)])
    about.append([_("Created"), timezone.localtime().strftime("%Y-%m-%d %H:%M")])
    about.append([_("Link to this view"), link])
    about.column_dimensions["A"].width = 30
    about.column_dimensions["B"].width = 80
    about.sheet_view.rightToLeft = rtl

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
