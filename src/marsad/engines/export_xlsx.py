"""The XLSX export writer (pure, no Django); :mod:`marsad.engines.export_formats` re-exports it.

Three sheets: ``data`` (each coded column followed by ``<name>_label_en`` and
``<name>_label_ar``), ``codebook`` (every choice list with both labels) and ``fields`` (what each
column of ``data`` is). Dates are real Excel dates, counts real numbers, text neutralised.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, BinaryIO, Final

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from marsad.engines.export_fields import (
    NEVER_PUBLIC,
    SPECIAL_LISTS,
    ExportField,
    choice_items,
)
from marsad.engines.export_values import LIST_SEPARATOR, as_date, as_number, neutralise

if TYPE_CHECKING:
    from marsad.engines.codebook import Codebook

__all__ = ["EXCEL_MAX_CHARS", "data_columns", "write_xlsx"]

EXCEL_MAX_CHARS: Final = 32_767  # the most characters an Excel cell holds
LANGS: Final = ("en", "ar")
_WIDE: Final = frozenset({"narrative_ar", "narrative_en", "target", "reconciliation_rule"})


def data_columns(fields: Sequence[ExportField]) -> list[tuple[ExportField, str | None]]:
    """The columns of the ``data`` sheet: ``(field, None)`` for the value, then, for a field
    with a choice list, ``(field, "en")`` and ``(field, "ar")`` for its labels."""
    columns: list[tuple[ExportField, str | None]] = []
    for f in fields:
        columns.append((f, None))
        if f.choice_list and f.kind in ("code", "list"):
            columns += [(f, lang) for lang in LANGS]
    return columns


def _column_name(f: ExportField, lang: str | None) -> str:
    return f.name if lang is None else f"{f.name}_label_{lang}"


def _text(value: str) -> str:
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if len(value) > EXCEL_MAX_CHARS - 1:
        value = value[: EXCEL_MAX_CHARS - 2] + "…"
    return neutralise(value)


def _items(value: object) -> list[object]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        return [value]
    return [v for v in value if v is not None]


def _datetime(value: object) -> datetime.datetime | None:
    if isinstance(value, str):
        try:
            value = datetime.datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    if not isinstance(value, datetime.datetime):
        return None
    if value.tzinfo is not None:  # Excel has no time zones: write UTC
        value = value.astimezone(datetime.UTC).replace(tzinfo=None)
    return value


def _cell(f: ExportField, value: object) -> object:
    """A value as openpyxl should store it."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return None
    if f.kind == "list":
        return _text(LIST_SEPARATOR.join(str(v) for v in _items(value)))
    number = as_number(value)
    if number is not None:  # counts, coordinates, numeric ids: real numbers
        return number
    if f.kind == "date":
        day = as_date(value)
        if day is not None:
            return day
    elif f.kind == "datetime":
        moment = _datetime(value)
        if moment is not None:
            return moment
    if isinstance(value, datetime.datetime):
        return _datetime(value)
    if isinstance(value, datetime.date):
        return value
    return _text(str(value))


LabelTable = Mapping[str, Mapping[str, tuple[str, str]]]


def _labels(
    fields: Sequence[ExportField], codebook: Codebook
) -> dict[str, dict[str, tuple[str, str]]]:
    lists = {f.choice_list for f in fields if f.choice_list}
    return {
        name: {code: (en, ar) for code, en, ar in choice_items(name, codebook)} for name in lists
    }


def _label(f: ExportField, value: object, lang: str, labels: LabelTable) -> str | None:
    if value is None or f.choice_list is None:
        return None
    table = labels.get(f.choice_list, {})
    index = LANGS.index(lang)
    found = [table[str(v)][index] for v in _items(value) if str(v) in table]
    return _text(LIST_SEPARATOR.join(found)) if found else None


def _header(ws: WriteOnlyWorksheet, names: Sequence[str]) -> list[WriteOnlyCell]:
    bold = Font(bold=True)
    cells = []
    for name in names:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = bold
        cells.append(cell)
    return cells


def _rows(
    records: Iterable[Mapping[str, object]],
    columns: Sequence[tuple[ExportField, str | None]],
    labels: LabelTable,
) -> Iterator[list[object]]:
    for record in records:
        yield [
            _cell(f, record.get(f.name))
            if lang is None
            else _label(f, record.get(f.name), lang, labels)
            for f, lang in columns
        ]


def _codebook_rows(codebook: Codebook) -> Iterator[list[object]]:
    names = [*codebook.choice_lists, *SPECIAL_LISTS]
    for name in names:
        for code, en, ar in choice_items(name, codebook):
            yield [name, _text(code), _text(en), _text(ar)]


def _field_rows(columns: Sequence[tuple[ExportField, str | None]]) -> Iterator[list[object]]:
    for f, lang in columns:
        public = "yes" if f.public and f.name not in NEVER_PUBLIC else "no"
        if lang is None:
            yield [f.name, f.kind, f.label_en, f.label_ar, f.hxl, f.choice_list, public]
        else:
            en = "English" if lang == "en" else "Arabic"
            ar = "بالإنجليزية" if lang == "en" else "بالعربية"
            yield [
                _column_name(f, lang),
                "text",
                f"{f.label_en}: label in {en}",
                f"{f.label_ar}: التسمية {ar}",
                None,
                f.choice_list,
                public,
            ]


def write_xlsx(
    records: Iterable[Mapping[str, object]],
    fields: Sequence[ExportField],
    out: BinaryIO,
    *,
    codebook: Codebook | None = None,
) -> int:
    """An Excel workbook with the sheets ``data``, ``codebook`` and ``fields``.

    ``codebook`` (required) gives the labels of coded columns and the ``codebook`` sheet.
    Text is neutralised, stripped of the control characters XLSX cannot hold and cut to
    Excel's 32,767 characters; time-zone-aware datetimes are written in UTC. Returns the rows
    written to ``data``.
    """
    if codebook is None:
        raise ValueError("write_xlsx needs codebook= for the labels and the codebook sheet")
    columns = data_columns(fields)
    labels = _labels(fields, codebook)
    workbook = Workbook(write_only=True)

    data = workbook.create_sheet("data")
    data.freeze_panes = "A2"
    for i, (f, _lang) in enumerate(columns, start=1):
        data.column_dimensions[get_column_letter(i)].width = 40 if f.name in _WIDE else 16
    data.append(_header(data, [_column_name(f, lang) for f, lang in columns]))
    rows = 0
    for row in _rows(records, columns, labels):
        data.append(row)
        rows += 1

    sheet = workbook.create_sheet("codebook")
    sheet.freeze_panes = "A2"
    sheet.append(_header(sheet, ["list", "code", "label_en", "label_ar"]))
    for row in _codebook_rows(codebook):
        sheet.append(row)

    sheet = workbook.create_sheet("fields")
    sheet.freeze_panes = "A2"
    sheet.append(
        _header(sheet, ["column", "kind", "label_en", "label_ar", "hxl", "choice_list", "public"])
    )
    for row in _field_rows(columns):
        sheet.append(row)

    workbook.save(out)
    return rows
