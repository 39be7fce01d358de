"""The area-of-control layer: which party controlled a place on a given day.

A layer is a list of :class:`ControlPeriod` rows (P-code, party, optional sub-label, inclusive
start and end dates, the public knowledge the row rests on). This module reads and checks the
CSV form of a layer (:func:`parse_control_csv`), checks periods edited one at a time
(:func:`validate_periods`) and looks control up quickly (:class:`ControlLayer`). It never imports
Django; ``marsad.places`` stores the periods and calls these functions.

The shipped layer (:func:`default_control_path`) is authored from public knowledge and marked
approximate: no licensed area-of-control dataset exists for Syria. See ``docs/control-layer.md``.
"""

from __future__ import annotations

import csv
import datetime
import io
import pathlib
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import TextIO

__all__ = [
    "COLUMNS",
    "PARTIES",
    "ControlLayer",
    "ControlLayerError",
    "ControlPeriod",
    "ControlProblem",
    "Party",
    "default_control_path",
    "parse_control_csv",
    "party_label",
    "validate_periods",
    "write_control_csv",
]

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
DEFAULT_FILE = "approximate-2019-2020.csv"


@dataclass(frozen=True)
class Party:
    """A controlling party, with its optional sub-labels (``code -> (English, Arabic)``)."""

    code: str
    label_en: str
    label_ar: str
    sub_labels: dict[str, tuple[str, str]] = field(default_factory=dict, hash=False)

    def label(self, lang: str = "en") -> str:
        return self.label_ar if lang == "ar" else self.label_en

    def sub_label(self, code: str, lang: str = "en") -> str:
        """The label of a sub-label code in ``lang``; ``""`` for an empty or unknown code."""
        en_ar = self.sub_labels.get(code)
        if en_ar is None:
            return ""
        return en_ar[1] if lang == "ar" else en_ar[0]


PARTIES: dict[str, Party] = {
    "regime": Party("regime", "Assad regime", "النظام"),
    "opposition": Party(
        "opposition",
        "Opposition",
        "المعارضة",
        {
            "euphrates_shield": ("Euphrates Shield", "درع الفرات"),
            "olive_branch": ("Olive Branch (Afrin)", "غصن الزيتون (عفرين)"),
            "peace_spring": ("Peace Spring", "نبع السلام"),
            "idlib_hts": ("Idlib (HTS)", "إدلب (هيئة تحرير الشام)"),
        },
    ),
    "aa": Party(
        "aa",
        "Autonomous Administration (SDF)",
        "الإدارة الذاتية (قسد)",
        {"sdf": ("SDF", "قسد")},
    ),
    "contested": Party("contested", "Contested / other", "متنازع عليها / أخرى"),
}


def party_label(party: str, sub_label: str = "", lang: str = "en") -> str:
    """A display label such as ``"Opposition – Olive Branch (Afrin)"``; unknown codes as given."""
    known = PARTIES.get(party)
    if known is None:
        return party
    main = known.label(lang)
    sub = known.sub_label(sub_label, lang)
    if not sub or party == "aa":  # the AA label already names the SDF
        return main
    return f"{main} – {sub}"


@dataclass(frozen=True)
class ControlPeriod:
    """``party`` controlled ``pcode`` from ``start`` to ``end`` inclusive (``None``: still does)."""

    pcode: str
    party: str
    sub_label: str
    start: datetime.date
    end: datetime.date | None
    source: str
    note: str = ""
    approximate: bool = True

    def covers(self, on: datetime.date) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)

    def label(self, lang: str = "en") -> str:
        return party_label(self.party, self.sub_label, lang)

    def span(self) -> str:
        """``"2019-01-01–2019-10-08"`` (an open end shows as ``…``)."""
        return f"{self.start.isoformat()}–{self.end.isoformat() if self.end else '…'}"


@dataclass(frozen=True)
class ControlProblem:
    """One thing wrong with a layer, located as a spreadsheet user sees it.

    ``row`` counts the header as row 1, so the first data row is row 2. Problems with the header
    itself are on row 1. For :func:`validate_periods` the row is the position of the period in
    the sequence given, counted the same way (first period = row 2).
    """

    row: int
    column: str
    value: str
    message_en: str
    message_ar: str

    def message(self, lang: str = "en") -> str:
        return self.message_ar if lang == "ar" else self.message_en

    def __str__(self) -> str:
        where = f"row {self.row}, column {self.column}" if self.column else f"row {self.row}"
        return f"{where}: {self.message_en}"


class ControlLayerError(Exception):
    """A layer that was refused; ``problems`` lists everything found wrong with it."""

    def __init__(self, problems: Sequence[ControlProblem]) -> None:
        self.problems: list[ControlProblem] = list(problems)
        lines = "\n".join(f"- {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the control layer:\n{lines}")


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
# Checking periods
# --------------------------------------------------------------------------------------------


def _end_key(period: ControlPeriod) -> datetime.date:
    return period.end if period.end is not None else datetime.date.max


def _overlaps(
    new: Sequence[tuple[int, ControlPeriod]], existing: Sequence[ControlPeriod]
) -> list[ControlProblem]:
    """Overlaps among ``new`` (row, period) pairs and between ``new`` and ``existing``."""
    problems: list[ControlProblem] = []
    by_pcode: dict[str, list[tuple[int, ControlPeriod]]] = defaultdict(list)
    for row, period in new:
        by_pcode[period.pcode.strip().upper()].append((row, period))
    stored: dict[str, list[ControlPeriod]] = defaultdict(list)
    for period in existing:
        stored[period.pcode.strip().upper()].append(period)

    for pcode, items in by_pcode.items():
        items.sort(key=lambda item: (item[1].start, item[0]))
        for i, (row, period) in enumerate(items):
            for other_row, other in items[:i]:
                if _end_key(other) >= period.start:
                    problems.append(
                        ControlProblem(
                            row,
                            "start",
                            period.start.isoformat(),
                            f"period {period.span()} for {pcode} overlaps row {other_row} "
                            f"({other.span()}); each day may have one controller",
                            f"الفترة {period.span()} للمكان {pcode} تتداخل مع السطر {other_row} "
                            f"({other.span()})؛ لكل يوم جهة سيطرة واحدة",
                        )
                    )
            for other in stored.get(pcode, []):
                if other.start <= _end_key(period) and period.start <= _end_key(other):
                    problems.append(
                        ControlProblem(
                            row,
                            "start",
                            period.start.isoformat(),
                            f"period {period.span()} for {pcode} overlaps the stored period "
                            f"{other.span()} ({other.party}); each day may have one controller",
                            f"الفترة {period.span()} للمكان {pcode} تتداخل مع الفترة المحفوظة "
                            f"{other.span()} ({other.party})؛ لكل يوم جهة سيطرة واحدة",
                        )
                    )
    return problems


def _field_problems(row: int, period: ControlPeriod) -> list[ControlProblem]:
    """The per-row checks of :func:`parse_control_csv`, for a period built in code."""
    problems: list[ControlProblem] = []
    if not period.pcode.strip():
        problems.append(ControlProblem(row, "pcode", "", "the P-code is empty", "رمز المكان فارغ"))
    party = PARTIES.get(period.party)
    if party is None:
        codes = ", ".join(PARTIES)
        problems.append(
            ControlProblem(
                row,
                "party",
                period.party,
                f"unknown party '{period.party}'; use one of {codes}",
                f"جهة السيطرة '{period.party}' غير معروفة؛ استخدم إحدى: {codes}",
            )
        )
    elif period.sub_label and period.sub_label not in party.sub_labels:
        allowed = ", ".join(party.sub_labels) or "none"
        problems.append(
            ControlProblem(
                row,
                "sub_label",
                period.sub_label,
                f"'{period.sub_label}' is not a sub-label of {period.party}; allowed: {allowed}",
                f"'{period.sub_label}' ليس تصنيفًا فرعيًا لـ {period.party}؛ المسموح: {allowed}",
            )
        )
    if period.end is not None and period.end < period.start:
        problems.append(
            ControlProblem(
                row,
                "end",
                period.end.isoformat(),
                f"'{period.end.isoformat()}' is before start {period.start.isoformat()}",
                f"'{period.end.isoformat()}' يسبق تاريخ البداية {period.start.isoformat()}",
            )
        )
    if not period.source.strip():
        problems.append(
            ControlProblem(
                row,
                "source",
                "",
                "the source is empty; say what public knowledge or dataset the period rests on",
                "المصدر فارغ؛ اذكر المعلومات العامة أو مجموعة البيانات التي تستند إليها الفترة",
            )
        )
    return problems


def validate_periods(
    periods: Sequence[ControlPeriod], *, existing: Sequence[ControlPeriod] = ()
) -> list[ControlProblem]:
    """Problems with ``periods`` on their own and against ``existing`` ones (empty if none).

    Checks each period's party, sub-label, dates and source, overlaps within ``periods`` and
    overlaps with ``existing``. When one stored period is edited, pass the others as
    ``existing`` (not the edited one itself, or it will overlap its old version). Rows are the
    positions in ``periods``, counted as in a spreadsheet (the first period is row 2).
    """
    numbered = [(i, period) for i, period in enumerate(periods, start=2)]
    problems: list[ControlProblem] = []
    for row, period in numbered:
        problems.extend(_field_problems(row, period))
    valid = [(row, p) for row, p in numbered if p.end is None or p.end >= p.start]
    problems.extend(_overlaps(valid, existing))
    return sorted(problems, key=lambda p: p.row)


# --------------------------------------------------------------------------------------------
# Looking control up
# --------------------------------------------------------------------------------------------


class ControlLayer:
    """Fast look-up of the controlling party of a place on a day.

    ``parents`` maps a P-code to its parent's P-code (``None`` at the top), so a community
    (C-code) or a neighbourhood with no period of its own inherits its sub-district's. The most
    specific place with a period covering the day wins. Overlapping input is tolerated (the
    period that started last wins), though :func:`validate_periods` refuses it.
    """

    def __init__(
        self,
        periods: Iterable[ControlPeriod],
        parents: Mapping[str, str | None] | None = None,
    ) -> None:
        grouped: dict[str, list[ControlPeriod]] = defaultdict(list)
        for period in periods:
            grouped[_key(period.pcode)].append(period)
        self._periods: dict[str, tuple[ControlPeriod, ...]] = {}
        self._starts: dict[str, list[datetime.date]] = {}
        self._max_end: dict[str, list[datetime.date]] = {}
        for pcode, items in grouped.items():
            items.sort(key=lambda p: (p.start, _end_key(p)))
            self._periods[pcode] = tuple(items)
            self._starts[pcode] = [p.start for p in items]
            running: list[datetime.date] = []
            for p in items:
                running.append(max(running[-1], _end_key(p)) if running else _end_key(p))
            self._max_end[pcode] = running
        self._parents: dict[str, str] = {
            _key(child): _key(parent) for child, parent in (parents or {}).items() if parent
        }

    def __len__(self) -> int:
        return sum(len(items) for items in self._periods.values())

    def __iter__(self) -> Iterator[ControlPeriod]:
        for pcode in sorted(self._periods):
            yield from self._periods[pcode]

    @property
    def pcodes(self) -> frozenset[str]:
        """The P-codes that have periods of their own."""
        return frozenset(self._periods)

    def periods_for(self, pcode: str, *, inherited: bool = False) -> tuple[ControlPeriod, ...]:
        """The periods of ``pcode`` by start date; with ``inherited``, its ancestors' after them."""
        chain = self._chain(pcode) if inherited else [_key(pcode)]
        return tuple(p for code in chain for p in self._periods.get(code, ()))

    def _chain(self, pcode: str) -> list[str]:
        chain: list[str] = []
        node: str | None = _key(pcode)
        while node is not None and node not in chain:  # stop on a cycle
            chain.append(node)
            node = self._parents.get(node)
        return chain

    def _own(self, pcode: str, on: datetime.date) -> ControlPeriod | None:
        starts = self._starts.get(pcode)
        if not starts:
            return None
        items, max_end = self._periods[pcode], self._max_end[pcode]
        i = bisect_right(starts, on) - 1
        while i >= 0 and max_end[i] >= on:
            if items[i].covers(on):
                return items[i]
            i -= 1
        return None

    def party_on(self, pcode: str, on: datetime.date) -> ControlPeriod | None:
        """The period saying who controlled ``pcode`` on ``on`` (inherited if need be), or None."""
        for code in self._chain(pcode):
            found = self._own(code, on)
            if found is not None:
                return found
        return None

    def coverage_gaps(
        self, pcodes: Iterable[str], start: datetime.date, end: datetime.date
    ) -> list[tuple[str, datetime.date, datetime.date]]:
        """``(pcode, first day, last day)`` for every stretch of ``start..end`` with no controller.

        Inherited periods count as cover. Gaps are listed per P-code in the order given.
        """
        if end < start:
            raise ValueError(f"end {end} is before start {start}")
        gaps: list[tuple[str, datetime.date, datetime.date]] = []
        one_day = datetime.timedelta(days=1)
        for pcode in pcodes:
            spans = sorted(
                (max(p.start, start), min(_end_key(p), end))
                for code in self._chain(pcode)
                for p in self._periods.get(code, ())
                if p.start <= end and _end_key(p) >= start
            )
            cursor: datetime.date | None = start  # first day not yet known to be covered
            for first, last in spans:
                if cursor is None:
                    break
                if first > cursor:
                    gaps.append((pcode, cursor, first - one_day))
                if last >= cursor:
                    cursor = None if last >= end else last + one_day
            if cursor is not None:
                gaps.append((pcode, cursor, end))
        return gaps


def _key(pcode: str) -> str:
    return pcode.strip().upper()


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


def default_control_path() -> pathlib.Path:
    """The shipped, approximate 2019–2020 layer (``marsad/data/control/``)."""
    resource = resources.files("marsad").joinpath("data", "control", DEFAULT_FILE)
    return resource if isinstance(resource, pathlib.Path) else pathlib.Path(str(resource))
