"""The date inputs of the entry form, which change with the precision, to and from the three
stored claims ``date``, ``date_precision`` and ``date_end`` exactly as the importers store them:

* day: the day; week: the Monday of the ISO week; month: the first of the month;
* range: the first and the last day, and a range of one day is a day;
* a date after tomorrow or before 1990 is refused, as on import (``marsad.engines.dates``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from marsad.engines.dates import DateProblem, parse_date

INPUTS = ("date", "date_week", "date_month", "date_end")


@dataclass
class Dates:
    date: dt.date | None = None
    precision: str = ""
    end: dt.date | None = None
    problems: dict[str, DateProblem] | None = None  # input name -> what is wrong with it


def _read(text: str) -> tuple[dt.date | None, DateProblem | None]:
    if not text:
        return None, None
    try:
        return parse_date(text).date, None
    except DateProblem as problem:
        return None, problem


def read(values: dict[str, str]) -> Dates:
    """What the date inputs say, for the precision chosen (other inputs are ignored)."""
    precision = values.get("date_precision", "")
    first = {"week": "date_week", "month": "date_month"}.get(precision, "date")
    date, problem = _read(values.get(first, ""))
    problems = {"date": problem} if problem else {}
    end = None
    if precision == "month" and date is not None:
        date = date.replace(day=1)
    if precision == "week" and date is not None:  # a day typed where the week input is text
        date -= dt.timedelta(days=date.weekday())
    if precision == "range":
        end, end_problem = _read(values.get("date_end", ""))
        if end_problem:
            problems["date_end"] = end_problem
        if date is not None and end == date:
            precision, end = "day", None
    return Dates(date, precision, end, problems or None)


def inputs(date: dt.date | None, precision: str, end: dt.date | None) -> dict[str, str]:
    """The values of the date inputs that show a stored date."""
    if date is None:
        return {"date_precision": precision or "day"}
    year, week, _day = date.isocalendar()
    return {
        "date_precision": precision or "day",
        "date": date.isoformat(),
        "date_week": f"{year}-W{week:02d}",
        "date_month": date.strftime("%Y-%m"),
        "date_end": end.isoformat() if end else "",
    }
