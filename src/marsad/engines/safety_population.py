"""How many people lived in the part of a governorate a party controlled in a month (pure).

Only sub-district populations are used (the finest level the gazetteer knows for nearly every
unit), added up over the sub-districts the control layer gives the party, each weighted by the
share of the month's days the party held it.  A sub-district held for ten days of a thirty-day
month counts a third of its population.  If any sub-district the party held during the month
has no known population, the area's population is unknown: it is never estimated.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from marsad.engines.control import ControlLayer
from marsad.engines.gazetteer import Gazetteer, Place

__all__ = ["AreaPopulation", "area_populations", "month_days", "months_between"]


@dataclass
class AreaPopulation:
    """The people under one party in one governorate in one month.

    ``population`` is the day-weighted sum, rounded to whole people (``None`` when a held
    sub-district's population is unknown); ``subdistricts`` the P-codes held at least one day;
    ``unknown`` those of them without a population."""

    population: int | None = None
    subdistricts: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    _person_days: float = 0.0


def months_between(first: dt.date, last: dt.date) -> list[str]:
    """``YYYY-MM`` labels of every month from ``first``'s to ``last``'s, both included."""
    months: list[str] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_days(label: str) -> list[dt.date]:
    year, month = (int(part) for part in label.split("-"))
    day = dt.date(year, month, 1)
    days: list[dt.date] = []
    while day.month == month:
        days.append(day)
        day += dt.timedelta(days=1)
    return days


def _governorate(gazetteer: Gazetteer, place: Place) -> str | None:
    for parent in gazetteer.parents(place.pcode):
        if parent.level == "governorate":
            return parent.pcode
    return None


def area_populations(
    gazetteer: Gazetteer, control: ControlLayer, months: Iterable[str]
) -> dict[tuple[str, str, str], AreaPopulation]:
    """``{(party, governorate, month): AreaPopulation}`` for every party holding at least one
    sub-district of the governorate on at least one day of the month."""
    subdistricts: Sequence[tuple[Place, str | None]] = [
        (place, _governorate(gazetteer, place)) for place in gazetteer.places_at("subdistrict")
    ]
    areas: dict[tuple[str, str, str], AreaPopulation] = {}
    for month in months:
        days = month_days(month)
        for place, governorate in subdistricts:
            if governorate is None:
                continue
            held = Counter(
                period.party
                for period in (control.party_on(place.pcode, day) for day in days)
                if period is not None
            )
            for party, count in held.items():
                area = areas.setdefault((party, governorate, month), AreaPopulation())
                area.subdistricts.append(place.pcode)
                if place.population is None:
                    area.unknown.append(place.pcode)
                else:
                    area._person_days += place.population * count
        for (_, _, label), area in areas.items():
            if label == month and not area.unknown:
                area.population = round(area._person_days / len(days))
    return areas
