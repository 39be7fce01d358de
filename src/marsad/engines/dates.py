"""Reading dates as spreadsheets and field monitors write them (pure, no Django).

:func:`parse_date` turns one cell into a :class:`ParsedDate` (a date, its precision and, for a
range, its end) or raises :class:`DateProblem` with a reason in English and Arabic.
:func:`parse_datetime` does the same for a moment (``received_at``), giving an aware UTC datetime.

Rules
-----
* Digits may be ASCII, Arabic-Indic (``٠١٢``) or Eastern Arabic-Indic (``۰۱۲``).
* ``2020-01-15`` (also ``2020/01/15``, ``2020.01.15``, ``20200115``), optionally with a time
  ``2020-01-15T10:30[:00][Z|+03:00]`` or ``2020-01-15 10:30``: precision ``day``.
* ``15/01/2020``, ``15-1-2020``, ``15.01.2020``: the centre writes the day first, so
  ``03/04/2020`` is 3 April 2020 and is *not* ambiguous. ``day_first=False`` reads month first.
  A month above 12 is reported as ``out_of_range``, never silently swapped.
* Two-digit years (``15/01/20``) are read in the same order, ``yy`` as 20yy (19yy for 90-99).
  They are refused as ``ambiguous`` when the year cannot be told from the day and the month:
  every part is 12 or less (``01-02-03``), or the text is written ``nn-nn-nn`` with hyphens and
  also reads as a real date year first (``15-01-20``: 15 Jan 2020 or 20 Jan 2015?).
* An Excel serial number (``43845`` -> 2020-01-15; a fraction is the time of day) is accepted
  between 32874 and 73051 (1990-01-01 .. 2100-01-01); other bare numbers are ``unparseable``.
* Month names in English (``January``, ``Jan``, ``Sept``), Levantine Arabic (كانون الثاني،
  شباط، آذار، نيسان، أيار، حزيران، تموز، آب، أيلول، تشرين الأول، تشرين الثاني، كانون الأول) and
  Egyptian/MSA Arabic (يناير … ديسمبر), compared after :func:`normalise_arabic`:
  ``15 January 2020``, ``January 15, 2020``, ``15-Jan-2020``, ``15 Jan 20``, ``الأربعاء 15 كانون
  الثاني 2020م`` -> ``day``; ``January 2020``, ``Jan-2020``, ``كانون الثاني 2020`` -> ``month``.
  ``Jan 20`` is ``ambiguous`` (the 20th, or 2020?).
* ``2020-01``, ``01/2020`` -> ``month`` (the date is the first day of the month).
* ``2020-W03`` -> ``week`` (the date is the Monday of that ISO week).
* Ranges -> ``range`` with ``end``: ``2020-01-10/2020-01-12``, ``10-12 Jan 2020``,
  ``28 Jan - 2 Feb 2020``, ``10/01/2020 - 12/01/2020``, ``January - March 2020`` (first to last
  day), with ``-``, ``–``, ``to``, ``until``, ``إلى``, ``حتى``, ``لغاية`` between the ends. A range
  whose ends are the same day is a ``day``; one that ends before it starts is ``unparseable``.
* Every date (both ends of a range) must lie between 1990-01-01 and tomorrow, else
  ``out_of_range``; impossible dates (``31/02/2020``) are ``out_of_range`` too.
* A year alone (``2020``) is not precise enough: ``unparseable``.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import re
from dataclasses import dataclass

from marsad.engines.arabic import normalise_arabic, normalise_digits

__all__ = ["EARLIEST", "DateProblem", "ParsedDate", "parse_date", "parse_datetime"]

EARLIEST = dt.date(1990, 1, 1)
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIAL_MIN = (EARLIEST - _EXCEL_EPOCH).days  # 32874
_SERIAL_MAX = (dt.date(2100, 1, 1) - _EXCEL_EPOCH).days  # 73051
PRECISIONS = ("day", "week", "month", "range")
_LONGEST = 100  # no date is written with more characters than this
_SHOWN = 60  # messages quote at most this much of the cell


@dataclass(frozen=True)
class ParsedDate:
    """A date as a report gives it: ``date`` is the (first) day, ``end`` the last day of a range."""

    date: dt.date
    precision: str  # "day" | "week" | "month" | "range"
    end: dt.date | None = None


class DateProblem(Exception):
    """A cell that is not a usable date; ``code`` is unparseable, ambiguous or out_of_range."""

    def __init__(self, code: str, message_en: str, message_ar: str) -> None:
        super().__init__(message_en)
        self.code = code
        self.message_en = message_en
        self.message_ar = message_ar


def _unparseable(text: str) -> DateProblem:
    return DateProblem(
        "unparseable",
        f"{text!r} is not a date Marsad can read (write it as YYYY-MM-DD or DD/MM/YYYY)",
        f"‏{text!r} ليس تاريخاً مفهوماً (اكتبه بالصيغة YYYY-MM-DD أو DD/MM/YYYY)",
    )


def _ambiguous(text: str, first: dt.date, second: dt.date) -> DateProblem:
    return DateProblem(
        "ambiguous",
        f"{text!r} is ambiguous: it could be {first.isoformat()} or {second.isoformat()}; "
        "write the year with four digits (DD/MM/YYYY)",
        f"‏{text!r} تاريخ ملتبس: قد يكون {first.isoformat()} أو {second.isoformat()}؛ "
        "اكتب السنة بأربعة أرقام (DD/MM/YYYY)",
    )


def _impossible(text: str) -> DateProblem:
    return DateProblem(
        "out_of_range",
        f"{text!r} is not a real date (check the day and the month; the day comes first)",
        f"‏{text!r} ليس تاريخاً موجوداً (تحقق من اليوم والشهر؛ اليوم يُكتب أولاً)",
    )


def _too_early_or_late(text: str, date: dt.date, latest: dt.date) -> DateProblem:
    return DateProblem(
        "out_of_range",
        f"{text!r} ({date.isoformat()}) is outside the accepted period "
        f"{EARLIEST.isoformat()} to {latest.isoformat()}",
        f"‏{text!r} ({date.isoformat()}) خارج الفترة المقبولة من {EARLIEST.isoformat()} "
        f"إلى {latest.isoformat()}",
    )


# -- month names -------------------------------------------------------------------------------

_MONTH_SPELLINGS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "كانون الثاني", "كانون ثاني", "ك2", "يناير", "كانون2"),
    2: ("february", "feb", "شباط", "فبراير", "فبراىر"),
    3: ("march", "mar", "آذار", "اذار", "مارس"),
    4: ("april", "apr", "نيسان", "أبريل", "إبريل", "ابريل", "افريل"),
    5: ("may", "أيار", "ايار", "مايو", "ماي"),
    6: ("june", "jun", "حزيران", "يونيو", "يونيه"),
    7: ("july", "jul", "تموز", "يوليو", "يوليه"),
    8: ("august", "aug", "آب", "اب", "أغسطس", "اغسطس", "أغسطوس"),
    9: ("september", "sept", "sep", "أيلول", "ايلول", "سبتمبر"),
    10: ("october", "oct", "تشرين الأول", "تشرين اول", "ت1", "أكتوبر", "اكتوبر", "تشرين1"),
    11: ("november", "nov", "تشرين الثاني", "تشرين ثاني", "ت2", "نوفمبر", "تشرين2"),
    12: ("december", "dec", "كانون الأول", "كانون اول", "ك1", "ديسمبر", "كانون1"),
}
_MONTHS: dict[str, int] = {
    normalise_arabic(name): month for month, names in _MONTH_SPELLINGS.items() for name in names
}
_MONTH_RE = re.compile(
    r"(?<![^\W\d_])("
    + "|".join(re.escape(k) for k in sorted(_MONTHS, key=len, reverse=True))
    + r")(?![^\W\d_])"
)
# Words that may surround a date and mean nothing for it: weekdays, "of", "the", "AD" …
_FILLER = {
    normalise_arabic(word)
    for words in (
        "monday mon tuesday tue tues wednesday wed thursday thu thur thurs friday fri",
        "saturday sat sunday sun of the on in st nd rd th ad from between and",
        "الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد يوم من في شهر عام سنة",
        "بتاريخ تاريخ م بين و",
    )
    for word in words.split()
}

# -- numeric forms -----------------------------------------------------------------------------

_TIME = r"(?:[Tt\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([Zz]|[+-]\d{2}:?\d{2})?)?"
_ISO = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})" + _TIME)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_DMY = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})" + _TIME)
_YEAR_MONTH = re.compile(r"(\d{4})[-/.](\d{1,2})")
_MONTH_YEAR = re.compile(r"(\d{1,2})[-/.](\d{4})")
_WEEK = re.compile(r"(\d{4})-?w(\d{1,2})")
_SERIAL = re.compile(r"(\d{5})(?:\.(\d+))?")
_ISO_RANGE = re.compile(r"(\d{4}-\d{1,2}-\d{1,2})\s*/\s*(\d{4}-\d{1,2}-\d{1,2})")
_RANGE_SPLIT = re.compile(
    r"\s+(?:-+|to|until|till|through|thru|الي|حتي|لغايه|ولغايه|وحتي)\s+|\s*[–—]\s*"
    r"|\s+(?:الي|حتي|لغايه)(?=\d)"
)
_DAY_RANGE = re.compile(r"(\d{1,2})\s*(?:-|–|—|to|and|الي|حتي|و)\s*(\d{1,2})")
_LEADING_FILLER = re.compile(r"^(?:(?:from|between|من|بين|في|منذ)\s+)+")
_NUMBER = re.compile(r"(\d+)(?:st|nd|rd|th)?")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class _Parsed:
    date: dt.date
    precision: str
    end: dt.date | None = None
    time: dt.time | None = None
    tz: dt.tzinfo | None = None


def _key(text: str) -> str:
    key = normalise_arabic(normalise_digits(text))
    key = key.replace("\u066b", ".").replace("\u066c", ",").replace("\u200f", "")
    return key.replace("\u200e", "").strip(" ,.;")


def _latest() -> dt.date:
    return dt.date.today() + dt.timedelta(days=1)


def _make(text: str, year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise _impossible(text) from None


def _short_year(yy: int) -> int | None:
    if yy <= (_latest().year % 100):
        return 2000 + yy
    if yy >= 90:
        return 1900 + yy
    return None


def _in_range(date: dt.date) -> bool:
    return EARLIEST <= date <= _latest()


def _time(groups: tuple[str | None, ...], text: str) -> tuple[dt.time | None, dt.tzinfo | None]:
    hour, minute, second, zone = groups
    if hour is None or minute is None:
        return None, None
    try:
        moment = dt.time(int(hour), int(minute), int(second or 0))
    except ValueError:
        raise _unparseable(text) from None
    tz: dt.tzinfo | None = None
    if zone:
        if zone in "zZ":
            tz = dt.UTC
        else:
            sign = -1 if zone[0] == "-" else 1
            digits = zone[1:].replace(":", "")
            offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
            if offset >= dt.timedelta(hours=24):
                raise _unparseable(text)
            tz = dt.timezone(sign * offset)
    return moment, tz


def _numeric_dmy(text: str, match: re.Match[str], day_first: bool) -> _Parsed:
    first, sep, second, year_text = match.group(1, 2, 3, 4)
    a, b = int(first), int(second)
    day, month = (a, b) if day_first else (b, a)
    moment, tz = _time(match.group(5, 6, 7, 8), text)
    if len(year_text) == 4:
        return _Parsed(_make(text, int(year_text), month, day), "day", time=moment, tz=tz)
    yy = int(year_text)
    year = _short_year(yy)
    readings: list[dt.date] = []
    if year is not None:
        with contextlib.suppress(ValueError):
            readings.append(dt.date(year, month, day))
    # The same digits read year first (yy-mm-dd), when they could have been written that way:
    # every part is 12 or less, or the text is nn-nn-nn with hyphens.
    first_year = _short_year(a)
    padded = sep == "-" and len(first) == len(second) == len(year_text) == 2
    if first_year is not None and (padded or max(a, b, yy) <= 12):
        try:
            other = dt.date(first_year, b, yy)
        except ValueError:
            pass
        else:
            if _in_range(other) and other not in readings:
                readings.append(other)
    if len(readings) > 1:
        raise _ambiguous(text, readings[0], readings[1])
    if not readings:
        if year is None:
            raise _too_early_or_late(text, dt.date(1900 + yy, 1, 1), _latest())
        raise _impossible(text)
    return _Parsed(readings[0], "day", time=moment, tz=tz)


def _numeric(text: str, key: str, day_first: bool) -> _Parsed | None:
    if m := _ISO.fullmatch(key):
        moment, tz = _time(m.group(5, 6, 7, 8), text)
        date = _make(text, int(m.group(1)), int(m.group(3)), int(m.group(4)))
        return _Parsed(date, "day", time=moment, tz=tz)
    if m := _DMY.fullmatch(key):
        return _numeric_dmy(text, m, day_first)
    if m := _COMPACT.fullmatch(key):
        return _Parsed(_make(text, *(int(g) for g in m.groups())), "day")
    if m := _YEAR_MONTH.fullmatch(key):
        return _Parsed(_make(text, int(m.group(1)), int(m.group(2)), 1), "month")
    if m := _MONTH_YEAR.fullmatch(key):
        return _Parsed(_make(text, int(m.group(2)), int(m.group(1)), 1), "month")
    if m := _WEEK.fullmatch(key):
        try:
            monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            raise _impossible(text) from None
        return _Parsed(monday, "week")
    if m := _SERIAL.fullmatch(key):
        serial = int(m.group(1))
        if not _SERIAL_MIN <= serial <= _SERIAL_MAX:
            return None
        moment = None
        if m.group(2):
            seconds = round(float("0." + m.group(2)) * 86400)
            if 0 < seconds < 86400:
                moment = dt.time(seconds // 3600, seconds % 3600 // 60, seconds % 60)
        return _Parsed(_EXCEL_EPOCH + dt.timedelta(days=serial), "day", time=moment)
    return None


def _with_month_name(text: str, key: str) -> _Parsed | None:
    found = _MONTH_RE.search(key)
    if found is None:
        return None
    month = _MONTHS[found.group(1)]
    before, after = key[: found.start()], key[found.end() :]
    if _MONTH_RE.search(after):
        return None
    if any(w not in _FILLER for w in _WORD.findall(_NUMBER.sub(" ", before + " " + after))):
        return None
    numbers_before = [m.group(1) for m in _NUMBER.finditer(before)]
    numbers_after = [m.group(1) for m in _NUMBER.finditer(after)]
    day_range = _DAY_RANGE.search(before)
    numbers = numbers_before + numbers_after
    years = [n for n in numbers if len(n) == 4]
    if len(years) > 1:
        return None
    if not years:
        if len(numbers) == 1 and not numbers_before and len(numbers[0]) <= 2:
            # "Jan 20": the 20th of January, or January 2020?
            yy = int(numbers[0])
            year = _short_year(yy)
            if year is not None and 1 <= yy <= calendar.monthrange(year, month)[1]:
                raise DateProblem(
                    "ambiguous",
                    f"{text!r} is ambiguous: day {yy} of a month with no year, or the month "
                    f"{year}-{month:02d}? Write the year with four digits",
                    f"‏{text!r} تاريخ ملتبس: اليوم {yy} دون سنة، أم الشهر {year}-{month:02d}؟ "
                    "اكتب السنة بأربعة أرقام",
                )
            return None
        if len(numbers) == 2 and len(numbers_before) == 1 and len(numbers[1]) == 2:
            year = _short_year(int(numbers[1]))  # 15-Jan-20
            if year is None:
                return None
            return _Parsed(_make(text, year, month, int(numbers[0])), "day")
        return None
    year = int(years[0])
    days = [int(n) for n in numbers if len(n) != 4]
    if not days:
        return _Parsed(_make(text, year, month, 1), "month")
    if len(days) == 1:
        return _Parsed(_make(text, year, month, days[0]), "day")
    if len(days) == 2 and day_range is not None and len(numbers_before) == 2:
        start, end = _make(text, year, month, days[0]), _make(text, year, month, days[1])
        return _range(text, _Parsed(start, "day"), _Parsed(end, "day"))
    return None


def _range(text: str, start: _Parsed, end: _Parsed) -> _Parsed:
    first = start.date
    last = end.end or end.date
    if end.precision == "month":
        last = end.date.replace(day=calendar.monthrange(end.date.year, end.date.month)[1])
    if last < first:
        raise DateProblem(
            "unparseable",
            f"{text!r} ends ({last.isoformat()}) before it starts ({first.isoformat()})",
            f"‏{text!r} ينتهي ({last.isoformat()}) قبل أن يبدأ ({first.isoformat()})",
        )
    if last == first:
        return _Parsed(first, "day")
    return _Parsed(first, "range", last)


def _single(text: str, key: str, day_first: bool) -> _Parsed | None:
    return _numeric(text, key, day_first) or _with_month_name(text, key)


def _split_range(text: str, key: str, day_first: bool) -> _Parsed | None:
    if m := _ISO_RANGE.fullmatch(key):
        left, right = m.group(1), m.group(2)
    else:
        parts = _RANGE_SPLIT.split(key)
        if len(parts) != 2:
            return None
        left, right = parts[0].strip(), parts[1].strip()
        left = _LEADING_FILLER.sub("", left)
    end = _single(text, right, day_first)
    if end is None or end.precision not in ("day", "month"):
        return None
    start = _single(text, left, day_first)
    if start is None and left.isdigit() and len(left) <= 2 and end.precision == "day":
        start = _Parsed(_make(text, end.date.year, end.date.month, int(left)), "day")
    if start is None:
        start = _single(text, f"{left} {end.date.year}", day_first)
    if start is None or start.precision not in ("day", "month") or start.end is not None:
        return None
    return _range(text, start, end)


def _parse(text: str, day_first: bool) -> _Parsed:
    if not isinstance(text, str):
        raise _unparseable(str(text))
    key = _key(text)
    if not key:
        raise DateProblem("unparseable", "the date is empty", "التاريخ فارغ")
    text = text.strip()
    text = text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"  # for messages only
    if len(key) > _LONGEST:
        raise _unparseable(text)
    parsed = _single(text, key, day_first) or _split_range(text, key, day_first)
    if parsed is None:
        raise _unparseable(text)
    latest = _latest()
    for date in (parsed.date, parsed.end):
        if date is not None and not EARLIEST <= date <= latest:
            raise _too_early_or_late(text, date, latest)
    return parsed


def parse_date(text: str, *, day_first: bool = True) -> ParsedDate:
    """The date a cell gives, with its precision; raises :class:`DateProblem` (see the module
    docstring for every accepted form). A time of day, if any, is dropped."""
    parsed = _parse(text, day_first)
    return ParsedDate(parsed.date, parsed.precision, parsed.end)


def parse_datetime(text: str, *, day_first: bool = True) -> dt.datetime:
    """A moment (``received_at``): any form :func:`parse_date` reads that names one day, with an
    optional time and UTC offset. Returns an aware datetime in UTC (a time without an offset is
    taken as UTC; a date alone is midnight UTC)."""
    parsed = _parse(text, day_first)
    if parsed.precision != "day":
        text = text.strip()
        raise DateProblem(
            "unparseable",
            f"{text!r} is not a single day (a {parsed.precision}); give the day it was received",
            f"‏{text!r} ليس يوماً واحداً؛ اكتب يوم الاستلام",
        )
    moment = dt.datetime.combine(parsed.date, parsed.time or dt.time(0, 0), parsed.tz or dt.UTC)
    return moment.astimezone(dt.UTC)
