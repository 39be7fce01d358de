"""Claims as a reader sees them: dates with their precision, places with the units above
them, actors, codebook labels, all in the reader's language."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from marsad.codebook import labels
from marsad.codebook.services import active_codebook


def is_arabic() -> bool:
    return labels.current_lang() == "ar"


def day(value) -> str:
    return date_format(value, "j F Y") if value else ""


def claim_date(claims) -> str:
    """The date as precisely as the account gives it: a day, a week, a month or a range."""
    if claims.date is None:
        return ""
    precision = claims.date_precision
    if precision == "month":
        return date_format(claims.date, "F Y")
    if precision == "week":
        return _("week of %(day)s") % {"day": day(claims.date)}
    if precision == "range" and claims.date_end:
        return f"{day(claims.date)} – {day(claims.date_end)}"
    return day(claims.date)


def place_name(place) -> str:
    if place is None:
        return ""
    return (place.name_ar if is_arabic() else place.name_en) or place.name_en or place.name_ar


def place_parents(place) -> str:
    """The units above the place, nearest first ("Izra, Daraa")."""
    if place is None:
        return ""
    separator = "، " if is_arabic() else ", "
    return separator.join(place_name(parent) for parent in place.ancestors())


def place_chain(place) -> tuple:
    """The place's P-code and those of every unit above it (for precision-aware comparison)."""
    if place is None:
        return ()
    return (place.pcode, *(parent.pcode for parent in place.ancestors()))


def actor_chain(actor) -> tuple:
    chain = []
    while actor is not None and actor.pk not in chain:
        chain.append(actor.pk)
        actor = actor.parent
    return tuple(chain)


def type_label(code: str) -> str:
    types = active_codebook().incident_types
    return types[code].label[labels.current_lang()] if code in types else code


def choice(list_name: str, code: str) -> str:
    try:
        return labels.label(list_name, code)
    except KeyError:  # a list this codebook version does not have
        return code


def confidence(code: str) -> str:
    return choice(labels.CONFIDENCE, code)


def party(incident) -> str:
    return labels.party_label(incident.controlling_party, incident.controlling_sub_label)


def number(value) -> str:
    return "" if value is None else str(value)
