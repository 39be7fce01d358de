"""Reading dates as spreadsheets write them (pure: no Django)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.engines.dates import DateProblem, ParsedDate, parse_date, parse_datetime

D = dt.date

GOOD: list[tuple[str, ParsedDate]] = [
    # ISO, with and without time
    ("2020-01-15", ParsedDate(D(2020, 1, 15), "day")),
    ("2020-1-5", ParsedDate(D(2020, 1, 5), "day")),
    ("2020/01/15", ParsedDate(D(2020, 1, 15), "day")),
    ("2020.01.15", ParsedDate(D(2020, 1, 15), "day")),
    ("20200115", ParsedDate(D(2020, 1, 15), "day")),
    ("2020-01-15T10:30:00", ParsedDate(D(2020, 1, 15), "day")),
    ("2020-01-15 10:30", ParsedDate(D(2020, 1, 15), "day")),
    ("2020-01-15T23:30:00+03:00", ParsedDate(D(2020, 1, 15), "day")),
    ("  2020-01-15  ", ParsedDate(D(2020, 1, 15), "day")),
    # day first
    ("15/01/2020", ParsedDate(D(2020, 1, 15), "day")),
    ("03/04/2020", ParsedDate(D(2020, 4, 3), "day")),
    ("3-4-2020", ParsedDate(D(2020, 4, 3), "day")),
    ("15.01.2020", ParsedDate(D(2020, 1, 15), "day")),
    ("15/1/2020 10:30", ParsedDate(D(2020, 1, 15), "day")),
    ("5-1-20", ParsedDate(D(2020, 1, 5), "day")),
    ("15/01/20", ParsedDate(D(2020, 1, 15), "day")),
    ("31.12.99", ParsedDate(D(1999, 12, 31), "day")),
    # Excel serials
    ("43845", ParsedDate(D(2020, 1, 15), "day")),
    ("43845.75", ParsedDate(D(2020, 1, 15), "day")),
    ("32874", ParsedDate(D(1990, 1, 1), "day")),
    # Arabic-Indic digits
    ("١٥/٠١/٢٠٢٠", ParsedDate(D(2020, 1, 15), "day")),
    ("۲۰۲۰-۰۱-۱۵", ParsedDate(D(2020, 1, 15), "day")),
    ("٤٣٨٤٥", ParsedDate(D(2020, 1, 15), "day")),
    # English month names
    ("15 January 2020", ParsedDate(D(2020, 1, 15), "day")),
    ("15th January 2020", ParsedDate(D(2020, 1, 15), "day")),
    ("January 15, 2020", ParsedDate(D(2020, 1, 15), "day")),
    ("Wednesday, 15 January 2020", ParsedDate(D(2020, 1, 15), "day")),
    ("15-Jan-2020", ParsedDate(D(2020, 1, 15), "day")),
    ("15-Jan-20", ParsedDate(D(2020, 1, 15), "day")),
    ("January 2020", ParsedDate(D(2020, 1, 1), "month")),
    ("Jan 2020", ParsedDate(D(2020, 1, 1), "month")),
    ("Sept 2019", ParsedDate(D(2019, 9, 1), "month")),
    ("JANUARY 2020", ParsedDate(D(2020, 1, 1), "month")),
    # Levantine Arabic month names
    ("15 كانون الثاني 2020", ParsedDate(D(2020, 1, 15), "day")),
    ("١٥ كانون الثاني ٢٠٢٠", ParsedDate(D(2020, 1, 15), "day")),
    ("الأربعاء 15 كانون الثاني 2020م", ParsedDate(D(2020, 1, 15), "day")),
    ("شباط 2020", ParsedDate(D(2020, 2, 1), "month")),
    ("3 آذار 2020", ParsedDate(D(2020, 3, 3), "day")),
    ("3 اذار 2020", ParsedDate(D(2020, 3, 3), "day")),
    ("نيسان 2020", ParsedDate(D(2020, 4, 1), "month")),
    ("15 أيار 2020", ParsedDate(D(2020, 5, 15), "day")),
    ("1 حزيران 2020", ParsedDate(D(2020, 6, 1), "day")),
    ("تموز ٢٠١٩", ParsedDate(D(2019, 7, 1), "month")),
    ("10 آب 2019", ParsedDate(D(2019, 8, 10), "day")),
    ("أيلول 2019", ParsedDate(D(2019, 9, 1), "month")),
    ("تشرين الأول 2019", ParsedDate(D(2019, 10, 1), "month")),
    ("5 تشرين الثاني 2019", ParsedDate(D(2019, 11, 5), "day")),
    ("31 كانون الأول 2019", ParsedDate(D(2019, 12, 31), "day")),
    # Egyptian / MSA Arabic month names
    ("15 يناير 2020", ParsedDate(D(2020, 1, 15), "day")),
    ("فبراير 2020", ParsedDate(D(2020, 2, 1), "month")),
    ("15 مايو 2020", ParsedDate(D(2020, 5, 15), "day")),
    ("1 أغسطس 2019", ParsedDate(D(2019, 8, 1), "day")),
    ("ديسمبر 2019", ParsedDate(D(2019, 12, 1), "month")),
    # months and weeks
    ("2020-01", ParsedDate(D(2020, 1, 1), "month")),
    ("01/2020", ParsedDate(D(2020, 1, 1), "month")),
    ("2020-W03", ParsedDate(D(2020, 1, 13), "week")),
    # ranges
    ("2020-01-10/2020-01-12", ParsedDate(D(2020, 1, 10), "range", D(2020, 1, 12))),
    ("10-12 Jan 2020", ParsedDate(D(2020, 1, 10), "range", D(2020, 1, 12))),
    ("10 - 12 كانون الثاني 2020", ParsedDate(D(2020, 1, 10), "range", D(2020, 1, 12))),
    ("من 10 إلى 12 شباط 2020", ParsedDate(D(2020, 2, 10), "range", D(2020, 2, 12))),
    ("28 Jan - 2 Feb 2020", ParsedDate(D(2020, 1, 28), "range", D(2020, 2, 2))),
    ("10/01/2020 - 12/01/2020", ParsedDate(D(2020, 1, 10), "range", D(2020, 1, 12))),
    ("January - March 2020", ParsedDate(D(2020, 1, 1), "range", D(2020, 3, 31))),
    ("2020-01-10/2020-01-10", ParsedDate(D(2020, 1, 10), "day")),
]

BAD: list[tuple[str, str]] = [
    ("", "unparseable"),
    ("   ", "unparseable"),
    ("yesterday", "unparseable"),
    ("هلا", "unparseable"),
    ("2020", "unparseable"),
    ("12345", "unparseable"),  # a bare number, not a plausible Excel serial
    ("99999", "unparseable"),
    ("15 Foo 2020", "unparseable"),
    ("12/01/2020 - 10/01/2020", "unparseable"),  # ends before it starts
    ("01-02-03", "ambiguous"),
    ("01/02/03", "ambiguous"),
    ("15-01-20", "ambiguous"),  # 15 Jan 2020 or 20 Jan 2015
    ("Jan 20", "ambiguous"),
    ("31/02/2020", "out_of_range"),
    ("30 شباط 2020", "out_of_range"),
    ("2020-13-01", "out_of_range"),
    ("04/25/2020", "out_of_range"),  # month first is not silently swapped
    ("1989-12-31", "out_of_range"),
    ("2099-01-01", "out_of_range"),
    ("15/01/1985", "out_of_range"),
    ("15/01/50", "out_of_range"),
    ("2020-W60", "out_of_range"),
]


@pytest.mark.parametrize(("text", "expected"), GOOD)
def test_accepted_forms(text: str, expected: ParsedDate) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(("text", "code"), BAD)
def test_problems(text: str, code: str) -> None:
    with pytest.raises(DateProblem) as error:
        parse_date(text)
    assert error.value.code == code
    assert error.value.message_en and error.value.message_ar
    assert any("\u0600" <= ch <= "\u06ff" for ch in error.value.message_ar)


def test_there_are_enough_cases() -> None:
    assert len(GOOD) + len(BAD) >= 40


def test_month_first_when_asked() -> None:
    assert parse_date("04/25/2020", day_first=False) == ParsedDate(D(2020, 4, 25), "day")
    assert parse_date("03/04/2020", day_first=False).date == D(2020, 3, 4)


def test_tomorrow_is_accepted_but_not_later() -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert parse_date(tomorrow.isoformat()).date == tomorrow
    with pytest.raises(DateProblem) as error:
        parse_date((tomorrow + dt.timedelta(days=1)).isoformat())
    assert error.value.code == "out_of_range"


def test_ambiguity_message_names_both_readings() -> None:
    with pytest.raises(DateProblem) as error:
        parse_date("01-02-03")
    assert "2003-02-01" in error.value.message_en and "2001-02-03" in error.value.message_en


def test_datetimes_are_aware_utc() -> None:
    assert parse_datetime("2020-01-15T10:30:00+03:00") == dt.datetime(
        2020, 1, 15, 7, 30, tzinfo=dt.UTC
    )
    assert parse_datetime("2020-01-15T10:30:00") == dt.datetime(2020, 1, 15, 10, 30, tzinfo=dt.UTC)
    assert parse_datetime("15/01/2020") == dt.datetime(2020, 1, 15, tzinfo=dt.UTC)
    assert parse_datetime("43845.5") == dt.datetime(2020, 1, 15, 12, tzinfo=dt.UTC)
    with pytest.raises(DateProblem):
        parse_datetime("January 2020")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_text_gives_a_date_or_a_date_problem(text: str) -> None:
    try:
        parsed = parse_date(text)
    except DateProblem as problem:
        assert problem.code in ("unparseable", "ambiguous", "out_of_range")
    else:
        assert parsed.precision in ("day", "week", "month", "range")
        assert (parsed.end is not None) == (parsed.precision == "range")


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2025, 12, 31)))
def test_every_written_form_of_a_day_reads_back(day: dt.date) -> None:
    for text in (
        day.isoformat(),
        f"{day.day}/{day.month}/{day.year}",
        f"{day.day:02d}.{day.month:02d}.{day.year}",
        day.strftime("%d %B %Y"),
        day.strftime("%B %d, %Y"),
        str((day - D(1899, 12, 30)).days),
    ):
        assert parse_date(text) == ParsedDate(day, "day"), text
