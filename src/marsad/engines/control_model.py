"""The data of the area-of-control layer: parties, periods, problems and the period checks.

:class:`ControlPeriod` rows say which party controlled a P-code when; :func:`validate_periods`
checks periods edited one at a time. ``marsad.engines.control`` re-exports everything public
here; import from there.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = [
    "PARTIES",
    "ControlLayerError",
    "ControlPeriod",
    "ControlProblem",
    "Party",
    "party_label",
    "validate_periods",
]


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
