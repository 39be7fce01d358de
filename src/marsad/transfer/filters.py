"""The filters exports share with lists and analysis: period, type, place, control, status."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

# A place is "within" a unit when the unit is the place itself or one of its ancestors
# (communities sit at most three levels below a governorate).
_WITHIN = ["pcode", "parent__pcode", "parent__parent__pcode", "parent__parent__parent__pcode"]


def within(pcodes, prefix: str = "place") -> Q:
    condition = Q()
    for path in _WITHIN:
        condition |= Q(**{f"{prefix}__{path}__in": list(pcodes)})
    return condition


@dataclass(frozen=True)
class RecordFilters:
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    types: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()

    def apply(self, queryset: QuerySet, *, incidents: bool) -> QuerySet:
        if self.date_from:
            queryset = queryset.filter(date__gte=self.date_from)
        if self.date_to:
            queryset = queryset.filter(date__lte=self.date_to)
        if self.types:
            queryset = queryset.filter(type__in=self.types)
        if self.places:
            queryset = queryset.filter(within(self.places))
        if incidents:
            if self.parties:
                queryset = queryset.filter(controlling_party__in=self.parties)
            if self.statuses:
                queryset = queryset.filter(status__in=self.statuses)
        elif self.parties or self.statuses:
            # A report's control and status are its incidents'.
            linked = Q()
            if self.parties:
                linked &= Q(incidents__controlling_party__in=self.parties)
            if self.statuses:
                linked &= Q(incidents__status__in=self.statuses)
            queryset = queryset.filter(linked).distinct()
        return queryset
