"""Finding the incident an account tells of: by number, or by date and place."""

from __future__ import annotations

import datetime
import re

from django.db.models import Count
from django.utils.translation import gettext as _

from marsad.engines.gazetteer import default_gazetteer
from marsad.records.visibility import visible_incidents
from marsad.transfer.filters import within

PCODE = re.compile(r"SY\d{2,}|C\d+", re.IGNORECASE)
LIMIT = 50


def resolve_place(text: str, near=None) -> str | None:
    """The P-code meant by ``text``: a P-code as typed, a unit above the account's own place
    (so "Daraa" next to an account in Jasim means the governorate), or the gazetteer's best
    match for a name in either script."""
    text = text.strip()
    if not text:
        return None
    if PCODE.fullmatch(text):
        return text.upper()
    chain = [near, *near.ancestors()] if near is not None else []
    for place in chain:
        if text in (place.name_ar, place.name_en):
            return place.pcode
    found = default_gazetteer().match(text, limit=1)
    return found[0].pcode if found else None


def find_incidents(user, report, form) -> list:
    """Visible incidents matching the search form (its initial values when not submitted),
    without those the account is already part of; nearest in date first."""
    if form.is_bound and not form.is_valid():
        return []
    data = form.cleaned_data if form.is_bound else form.initial
    incidents = (
        visible_incidents(user)
        .exclude(links__report=report)
        .select_related("place")
        .annotate(accounts=Count("links"))
    )
    if data.get("number"):
        return list(incidents.filter(pk=data["number"]))
    if data.get("same_type"):
        incidents = incidents.filter(type=report.type)
    day = data.get("date")
    if day:
        days = data.get("days")
        span = datetime.timedelta(days=7 if days is None else days)
        incidents = incidents.filter(date__range=(day - span, day + span))
    if data.get("place"):
        pcode = resolve_place(data["place"], near=report.place)
        if pcode is None:
            if form.is_bound:
                form.add_error("place", _("No place of that name was found."))
            return []
        incidents = incidents.filter(within([pcode]))
    found = list(incidents.order_by("date", "id")[: LIMIT * 4])
    if day:
        found.sort(key=lambda incident: abs((incident.date - day).days) if incident.date else 10**6)
    return found[:LIMIT]
