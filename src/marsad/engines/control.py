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

import datetime
import pathlib
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from importlib import resources

from marsad.engines.control_csv import COLUMNS, parse_control_csv, write_control_csv
from marsad.engines.control_model import (
    PARTIES,
    ControlLayerError,
    ControlPeriod,
    ControlProblem,
    Party,
    _end_key,
    party_label,
    validate_periods,
)

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

DEFAULT_FILE = "approximate-2019-2020.csv"


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


def default_control_path() -> pathlib.Path:
    """The shipped, approximate 2019–2020 layer (``marsad/data/control/``)."""
    resource = resources.files("marsad").joinpath("data", "control", DEFAULT_FILE)
    return resource if isinstance(resource, pathlib.Path) else pathlib.Path(str(resource))
