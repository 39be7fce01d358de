"""Cell values for the export writers: formula neutralisation and per-format conversion (pure).

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some, a
tab or carriage return) as a formula: text from a source could call a URL or a command when an
analyst opens an export. :func:`neutralise` puts an apostrophe in front of such text; only text
(``text``, ``code`` and ``list`` values given as strings) is neutralised, never numbers or dates,
which Marsad passes as ``int``/``float``/``date`` objects. :func:`restore` undoes it exactly, for
importers reading an export back.

>>> neutralise('=HYPERLINK("http://x","y")')
'\\'=HYPERLINK("http://x","y")'
>>> restore(neutralise("-SUM(A1)"))
'-SUM(A1)'
>>> neutralise("-5"), text_cell(ExportField("killed", "int", "", "", None), -5)
("'-5", '-5')
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable
from decimal import Decimal
from typing import Final

from marsad.engines.export_fields import ExportField

__all__ = [
    "FORMULA_TRIGGERS",
    "LIST_SEPARATOR",
    "as_date",
    "as_number",
    "json_value",
    "neutralise",
    "restore",
    "text_cell",
]

FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR: Final = "; "


def neutralise(value: str) -> str:
    """``value`` with a leading apostrophe if a spreadsheet could take it for a formula.

    Text whose first character after any leading apostrophes is ``=``, ``+``, ``-``, ``@``, a tab
    or a carriage return gets one more apostrophe in front, so :func:`restore` gives ``value``
    back exactly (``"'=x"`` becomes ``"''=x"``). Other text is returned unchanged.
    """
    if value.lstrip("'").startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def restore(value: str) -> str:
    """The inverse of :func:`neutralise`: ``restore(neutralise(s)) == s`` for every string."""
    if value.startswith("'") and value.lstrip("'").startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


def as_date(value: object) -> datetime.date | None:
    """A ``date`` from a date, a datetime (its date) or an ISO string; None otherwise."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def as_number(value: object) -> int | float | None:
    """A finite ``int``/``float`` from a number (bool excluded, Decimal converted); else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return None


def _plain(value: object) -> str:
    """A value as text, not neutralised: ISO dates, shortest round-trip floats."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):  # datetime too
        return value.isoformat()
    number = as_number(value)
    if number is not None:
        return repr(number) if isinstance(number, float) else str(number)
    if isinstance(value, float | Decimal):  # NaN, infinity
        return ""
    return str(value)


def _items(value: object) -> list[object]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        return [value]
    return list(value)


def text_cell(field: ExportField, value: object) -> str:
    """The CSV/HXL text of ``value``: "" for None, ISO dates, lists joined with ``"; "``,
    strings neutralised (numbers and dates never are)."""
    if value is None:
        return ""
    if field.kind == "list":
        return neutralise(LIST_SEPARATOR.join(_plain(v) for v in _items(value) if v is not None))
    if isinstance(value, str):
        return neutralise(value)
    text = _plain(value)
    return (
        text
        if as_number(value) is not None or isinstance(value, datetime.date)
        else neutralise(text)
    )


def json_value(field: ExportField, value: object) -> object:
    """``value`` as JSON data: ISO dates, lists as arrays, None/NaN as null; text as is."""
    if value is None:
        return None
    if field.kind == "list":
        return [json_value(_ELEMENT, v) for v in _items(value)]
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool | str):
        return value
    if isinstance(value, int | float | Decimal):
        return as_number(value)
    return str(value)


_ELEMENT: Final = ExportField("item", "text", "", "", None)
