"""Where accounts of one incident disagree, aware of how precise each one is (pure Python).

A disagreement is a difference between accounts. An account that is only vaguer than another
does not contradict it: "January 2020" contains 15 January 2020, and "Daraa governorate"
contains Jasim. Such a value is marked *less precise*; the row disagrees only when two values
cannot both be true (two different days, two different towns, 3 killed against 5).
A missing value says nothing and never disagrees.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

AGREE = "agree"
LESS_PRECISE = "less_precise"
DIFFERS = "differs"


@dataclass(frozen=True)
class Verdict:
    state: str
    vaguer: frozenset[int] = field(default_factory=frozenset)  # positions less precise


def date_span(day: dt.date | None, precision: str, end: dt.date | None = None):
    """The first and last day a date of this precision may mean, or ``None``."""
    if day is None:
        return None
    if precision == "week":
        return day, day + dt.timedelta(days=6)
    if precision == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    if precision == "range" and end is not None and end >= day:
        return day, end
    return day, day


def compare_spans(spans: Sequence[tuple[dt.date, dt.date] | None]) -> Verdict:
    """Date spans agree when some day lies in all of them; wider ones are less precise."""
    known = [(i, s) for i, s in enumerate(spans) if s is not None]
    if len({s for _, s in known}) <= 1:
        return Verdict(AGREE)
    latest_start = max(start for _, (start, _end) in known)
    earliest_end = min(end for _, (_start, end) in known)
    if latest_start > earliest_end:
        return Verdict(DIFFERS)
    narrowest = min(end - start for _, (start, end) in known)
    vaguer = frozenset(i for i, (start, end) in known if end - start > narrowest)
    return Verdict(LESS_PRECISE if vaguer else AGREE, vaguer)


def compare_nested(chains: Sequence[Sequence[Hashable] | None]) -> Verdict:
    """Values in a hierarchy (places, actors), each given as itself followed by what contains
    it: they agree when all lie on one line from the most precise up."""
    known = [(i, tuple(c)) for i, c in enumerate(chains) if c]
    if len({c[0] for _, c in known}) <= 1:
        return Verdict(AGREE)
    deepest = max((c for _, c in known), key=len)
    if any(c[0] not in deepest for _, c in known):
        return Verdict(DIFFERS)
    vaguer = frozenset(i for i, c in known if c[0] != deepest[0])
    return Verdict(LESS_PRECISE, vaguer)


def compare_values(values: Sequence[Hashable | None]) -> Verdict:
    """Plain values (counts, codes, texts): any two different stated values disagree."""
    stated = {v for v in values if v not in (None, "")}
    return Verdict(DIFFERS if len(stated) > 1 else AGREE)
