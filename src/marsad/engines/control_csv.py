"""Reading and writing the CSV form of a control layer.

:func:`parse_control_csv` reads and checks a layer file, reporting every problem in English and
Arabic; :func:`write_control_csv` writes periods back in the same format.
``marsad.engines.control`` re-exports both; import from there.
"""

from __future__ import annotations

import csv
import datetime
import io
import pathlib
import re
from collections.abc import Collection, Iterable, Mapping
from typing import TextIO

from marsad.engines.control_model import (
    PARTIES,
    ControlLayerError,
    ControlPeriod,
    ControlProblem,
    Party,
    _overlaps,
)

__all__ = ["COLUMNS", "parse_control_csv", "write_control_csv"]

COLUMNS: tuple[str, ...] = (
    "pcode",
    "party",
    "sub_label",
    "start",
    "end",
    "source",
    "note",
    "approximate",
)


# --------------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------------

_DIGITS = str.maketrans(
    {**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)}}
)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_TRUE = {"true", "1", "yes", "نعم"}
_FALSE = {"false", "0", "no", "لا"}


def _parse_date(text: str) -> datetime.date | None:
    """ISO ``yyyy-mm-dd`` or ``dd/mm/yyyy`` (Arabic-Indic digits allowed); ``None`` if neither."""
    text = text.strip().translate(_DIGITS)
    match = _ISO.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _DMY.match(text)
        if not match:
            return None
        day, month, year = (int(g) for g in match.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _parse_bool(text: str) -> bool | None:
    key = text.strip().lower().translate(_DIGITS)
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    return None


def _lookup_party(text: str) -> str | None:
    """A party code from its code or its English/Arabic label (case-insensitive)."""
    key = text.strip().lower()
    for code, party in PARTIES.items():
        if key in (code, party.label_en.lower(), party.label_ar):
            return code
    return None


def _lookup_sub_label(party: Party, text: str) -> str | None:
    key = text.strip().lower()
    if not key:
        return ""
    for code, (en, ar) in party.sub_labels.items():
        if key in (code, en.lower(), ar):
            return code
    return None


def _read_text(source: str | pathlib.Path | TextIO) -> str:
    """The CSV text. A ``str`` holding a line break is CSV text itself; any other ``str`` is a path."""
    if isinstance(source, pathlib.Path) or (isinstance(source, str) and "\n" not in source):
        raw = pathlib.Path(source).read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ControlLayerError(
                [
                    ControlProblem(
                        1,
                        "",
                        "",
                        f"the file is not UTF-8 text (byte {error.start}); save it as CSV UTF-8",
                        f"الملف ليس نصًا بترميز UTF-8 (البايت {error.start})؛ احفظه بصيغة CSV UTF-8",
                    )
                ]
            ) from None
    elif isinstance(source, str):
        text = source
    else:
        text = source.read()
    return text.removeprefix("\ufeff")


def _header_problems(header: list[str]) -> tuple[list[ControlProblem], dict[str, int], bool]:
    """Problems with the header, the column positions, and whether a required column is missing."""
    problems: list[ControlProblem] = []
    index: dict[str, int] = {}
    for i, name in enumerate(header):
        if not name:
            continue
        if name in index:
            problems.append(
                ControlProblem(
                    1,
                    name,
                    name,
                    f"column '{name}' appears more than once",
                    f"العمود '{name}' مكرر",
                )
            )
        elif name not in COLUMNS:
            expected = ",".join(COLUMNS)
            problems.append(
                ControlProblem(
                    1,
                    name,
                    name,
                    f"unknown column '{name}'; the columns are {expected}",
                    f"عمود غير معروف '{name}'؛ الأعمدة هي {expected}",
                )
            )
        else:
            index[name] = i
    missing = [name for name in COLUMNS if name not in index]
    for name in missing:
        problems.append(
            ControlProblem(
                1,
                name,
                "",
                f"required column '{name}' is missing from the header",
                f"العمود المطلوب '{name}' غير موجود في سطر العناوين",
            )
        )
    return problems, index, bool(missing)


def parse_control_csv(
    source: str | pathlib.Path | TextIO, *, known_pcodes: Collection[str] | None = None
) -> list[ControlPeriod]:
    """Read and check a control-layer CSV; raise :class:`ControlLayerError` listing every problem.

    ``source`` is a path, an open text file, or CSV text (a ``str`` containing a line break).
    UTF-8 with or without a byte-order mark. The header must hold exactly the columns
    ``pcode,party,sub_label,start,end,source,note,approximate`` (any order). Dates are
    ``yyyy-mm-dd`` or ``dd/mm/yyyy``; an empty ``end`` means the period is still running.
    ``party`` and ``sub_label`` take their codes (or their English/Arabic labels, stored as
    codes). ``approximate`` is true/false/1/0/yes/no/نعم/لا. With ``known_pcodes``, every P-code
    must be one of them. Overlapping periods for one P-code are refused, naming both rows.

    Nothing is returned unless the whole file is valid, so callers can write atomically.
    """
    text = _read_text(source)
    records = list(csv.reader(io.StringIO(text, newline="")))
    if not records or not any(cell.strip() for cell in records[0]):
        raise ControlLayerError(
            [
                ControlProblem(
                    1,
                    "",
                    "",
                    "the file is empty; the first row must be the header " + ",".join(COLUMNS),
                    "الملف فارغ؛ يجب أن يكون السطر الأول سطر العناوين " + ",".join(COLUMNS),
                )
            ]
        )
    header = [cell.strip().lower().removeprefix("\ufeff") for cell in records[0]]
    problems, index, missing = _header_problems(header)
    if missing:
        raise ControlLayerError(problems)  # a column is missing: rows cannot be read reliably

    periods: list[ControlPeriod] = []
    rows: list[int] = []
    known = {p.strip().upper() for p in known_pcodes} if known_pcodes is not None else None
    for number, cells in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue  # blank line
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
            problems.append(
                ControlProblem(
                    number,
                    "",
                    "",
                    f"the row has {len(cells)} cells but the header has {len(header)} columns",
                    f"في السطر {len(cells)} خلية لكن سطر العناوين فيه {len(header)} أعمدة",
                )
            )
        values = {name: (cells[i].strip() if i < len(cells) else "") for name, i in index.items()}
        period, row_problems = _check_row(number, values, known)
        problems.extend(row_problems)
        if period is not None:
            periods.append(period)
            rows.append(number)
    problems.extend(_overlaps(list(zip(rows, periods, strict=True)), []))
    if problems:
        raise ControlLayerError(sorted(problems, key=lambda p: p.row))
    return periods


def _check_row(
    number: int, values: Mapping[str, str], known: set[str] | None
) -> tuple[ControlPeriod | None, list[ControlProblem]]:
    problems: list[ControlProblem] = []

    def problem(column: str, message_en: str, message_ar: str) -> None:
        problems.append(ControlProblem(number, column, values[column], message_en, message_ar))

    pcode = values["pcode"].upper()
    if not pcode:
        problem("pcode", "the P-code is empty", "رمز المكان (P-code) فارغ")
    elif known is not None and pcode not in known:
        problem(
            "pcode",
            f"unknown P-code '{values['pcode']}' (not a sub-district or community in the gazetteer)",
            f"رمز المكان '{values['pcode']}' غير معروف (ليس ناحية أو تجمعًا في دليل الأماكن)",
        )

    party_code = _lookup_party(values["party"])
    sub_label: str | None = ""
    if party_code is None:
        codes = ", ".join(PARTIES)
        problem(
            "party",
            f"unknown party '{values['party']}'; use one of {codes}",
            f"جهة السيطرة '{values['party']}' غير معروفة؛ استخدم إحدى: {codes}",
        )
    else:
        party = PARTIES[party_code]
        sub_label = _lookup_sub_label(party, values["sub_label"])
        if sub_label is None:
            allowed = ", ".join(party.sub_labels) or "none (leave it empty)"
            allowed_ar = ", ".join(party.sub_labels) or "لا شيء (اتركه فارغًا)"
            problem(
                "sub_label",
                f"'{values['sub_label']}' is not a sub-label of {party_code}; allowed: {allowed}",
                f"'{values['sub_label']}' ليس تصنيفًا فرعيًا لـ {party_code}؛ المسموح: {allowed_ar}",
            )

    start = _parse_date(values["start"])
    if not values["start"]:
        problem("start", "the start date is empty", "تاريخ البداية فارغ")
    elif start is None:
        problem(
            "start",
            f"'{values['start']}' is not a date; write yyyy-mm-dd or dd/mm/yyyy",
            f"'{values['start']}' ليس تاريخًا؛ اكتب yyyy-mm-dd أو dd/mm/yyyy",
        )
    end = _parse_date(values["end"]) if values["end"] else None
    if values["end"] and end is None:
        problem(
            "end",
            f"'{values['end']}' is not a date; write yyyy-mm-dd or dd/mm/yyyy, or leave it empty",
            f"'{values['end']}' ليس تاريخًا؛ اكتب yyyy-mm-dd أو dd/mm/yyyy أو اتركه فارغًا",
        )
    if start is not None and end is not None and end < start:
        problem(
            "end",
            f"'{values['end']}' is before start {start.isoformat()}",
            f"'{values['end']}' يسبق تاريخ البداية {start.isoformat()}",
        )

    if not values["source"]:
        problem(
            "source",
            "the source is empty; say what public knowledge or dataset the row rests on",
            "المصدر فارغ؛ اذكر المعلومات العامة أو مجموعة البيانات التي يستند إليها السطر",
        )

    approximate = _parse_bool(values["approximate"])
    if approximate is None:
        problem(
            "approximate",
            f"'{values['approximate']}' is not true or false (true/false/1/0/yes/no/نعم/لا)",
            f"'{values['approximate']}' ليست صح أو خطأ (true/false/1/0/yes/no/نعم/لا)",
        )

    if problems or party_code is None or sub_label is None or start is None or approximate is None:
        return None, problems
    period = ControlPeriod(
        pcode=pcode,
        party=party_code,
        sub_label=sub_label,
        start=start,
        end=end,
        source=values["source"],
        note=values["note"],
        approximate=approximate,
    )
    return period, problems


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------


def write_control_csv(periods: Iterable[ControlPeriod], target: TextIO) -> None:
    """Write periods in the format :func:`parse_control_csv` reads (dates ISO, booleans true/false)."""
    writer = csv.writer(target, lineterminator="\n")
    writer.writerow(COLUMNS)
    for p in periods:
        writer.writerow(
            [
                p.pcode,
                p.party,
                p.sub_label,
                p.start.isoformat(),
                p.end.isoformat() if p.end else "",
                p.source,
                p.note,
                "true" if p.approximate else "false",
            ]
        )
