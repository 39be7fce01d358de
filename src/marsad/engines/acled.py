"""ACLED export rows as Marsad import rows (pure, no Django).

>>> result = acled_row({"event_id_cnty": "SYR1", "event_date": "15 January 2020",
...                     "time_precision": "1", "event_type": "Explosions/Remote violence",
...                     "sub_event_type": "Suicide bomb", "actor1": "Islamic State (Syria)",
...                     "inter1": "2", "admin1": "Aleppo", "location": "Al Bab",
...                     "latitude": "36.3709", "longitude": "37.5156", "geo_precision": "1",
...                     "fatalities": "4", "country": "Syria"})
>>> result.values["type"], result.values["method"], result.values["killed"], result.rule
('explosion', 'suicide_attack', '4', 'acled.suicide_bomb')

Every mapping choice is listed in ``docs/external-data.md``.  ACLED's terms of use forbid
redistributing its rows: what ``extra`` keeps stays in the raw record, never in exports.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from marsad.engines.external_events import (
    EXTERNAL_SOURCE_TYPE,
    ExternalRow,
    Rejection,
    blank_values,
    fmt_coord,
    load_ruleset,
    normalise_row,
    parse_float,
    parse_int,
    resolve_governorate,
    resolve_place,
)

__all__ = ["SOURCE_NAME", "acled_row", "classification_fields", "parse_event_date"]

SOURCE_NAME = "ACLED"
WEEK_HALF_DAYS = 3  # time_precision 2: the coded date +/- 3 days

# ACLED geo_precision -> the precision Marsad asks the gazetteer for.
_GEO_PREC = {"1": "community", "2": "subdistrict", "3": "governorate"}

_DATE_FORMATS = ("%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%B %d, %Y", "%d/%m/%Y")

# Target status from the second actor (first match wins), before the generic rules.
_TARGET_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("media_worker", re.compile(r"\bjournalists?\b|\bmedia\b", re.IGNORECASE)),
    ("humanitarian_worker", re.compile(r"\baid workers?\b|\bhumanitarian\b", re.IGNORECASE)),
    ("civil_defence", re.compile(r"\bcivil defen[cs]e\b|\bwhite helmets\b", re.IGNORECASE)),
)
_POLICE = re.compile(
    r"^Police Forces of\b|\bpolice\b|\bsecurity (?:forces|branch|services?)\b|\basayish\b"
    r"|\bintelligence\b",
    re.IGNORECASE,
)


def _reject(en: str, ar: str) -> Rejection:
    return Rejection(reason_en=en, reason_ar=ar)


def parse_event_date(value: str) -> dt.date | None:
    """ACLED's ``event_date``: ``"15 January 2020"``, ``"2020-01-15"`` and a few variants."""
    text = " ".join(value.split())
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def classification_fields(row: Mapping[str, str]) -> dict[str, str]:
    """The fields the ACLED rules read, from a (normalised) export row."""
    names = (
        "event_type",
        "sub_event_type",
        "actor1",
        "assoc_actor_1",
        "inter1",
        "actor2",
        "assoc_actor_2",
        "inter2",
        "civilian_targeting",
        "fatalities",
        "notes",
    )
    fields = {name: row.get(name, "") for name in names}
    fields["text"] = fields["notes"]
    return fields


def _target_status(r: Mapping[str, str]) -> str:
    partner = f"{r.get('actor2', '')} | {r.get('assoc_actor_2', '')}"
    for status, pattern in _TARGET_ROLES:
        if pattern.search(partner):
            return status
    if "civilian targeting" in r.get("civilian_targeting", "").lower():
        return "civilian"
    inter2 = r.get("inter2", "").strip().lower()
    if inter2 in ("7", "civilians"):
        return "civilian"
    actor2 = r.get("actor2", "")
    if not actor2:
        return "unknown"
    if _POLICE.search(actor2) or _POLICE.search(r.get("assoc_actor_2", "")):
        return "police_security"
    if inter2 in ("5", "6", "rioters", "protesters"):
        return "civilian"
    return "military"


def acled_row(row: Mapping[str, str]) -> ExternalRow | Rejection:
    """One ACLED event as a canonical import row, or the reason it cannot be imported."""
    r = normalise_row(row)
    event_id = r.get("event_id_cnty", "")
    if not event_id:
        return _reject("The event has no ACLED event_id_cnty.", "الحدث بلا معرّف ACLED.")
    day = parse_event_date(r.get("event_date", ""))
    if day is None:
        return _reject(
            f"ACLED event {event_id}: missing or unreadable event_date "
            f"{r.get('event_date', '')!r}.",
            f"حدث ACLED رقم {event_id}: تاريخ الحدث (event_date) مفقود أو غير مقروء.",
        )
    country = r.get("country", "")
    if country and country.lower() != "syria":
        return _reject(
            f"ACLED event {event_id} is in {country}, not Syria.",
            f"حدث ACLED رقم {event_id} خارج سوريا ({country}).",
        )
    try:
        fatalities = parse_int(r.get("fatalities", ""))
    except ValueError:
        return _reject(
            f"ACLED event {event_id}: fatalities is not a whole number "
            f"({r.get('fatalities', '')!r}).",
            f"حدث ACLED رقم {event_id}: عدد القتلى (fatalities) ليس عدداً صحيحاً.",
        )

    rules = load_ruleset("acled")
    result = rules.classify(classification_fields(r))
    if result.rule.reject:
        return _reject(
            f"ACLED event {event_id}: {result.rule.reason_en} (rule {result.rule.id})",
            f"حدث ACLED رقم {event_id}: {result.rule.reason_ar} (القاعدة {result.rule.id})",
        )
    values = blank_values()
    extra = {k: v for k, v in r.items() if v}

    values["report_id"] = event_id
    values["source_type"] = EXTERNAL_SOURCE_TYPE
    values["source_name"] = SOURCE_NAME

    # -- date
    precision = r.get("time_precision", "1")
    if precision == "2":
        values["date"] = (day - dt.timedelta(days=WEEK_HALF_DAYS)).isoformat()
        values["date_end"] = (day + dt.timedelta(days=WEEK_HALF_DAYS)).isoformat()
        values["date_precision"] = "range"
        extra["date_note"] = "ACLED time_precision 2: the coded date +/- 3 days"
    elif precision == "3":  # a month is given by its first day alone
        values["date"] = day.replace(day=1).isoformat()
        values["date_precision"] = "month"
    else:
        values["date"] = day.isoformat()
        values["date_precision"] = "day"

    # -- classification
    values["type"] = result.type
    values["method"] = result.method
    values["operation_type"] = result.operation_type

    # -- place
    lat, lon = parse_float(r.get("latitude", "")), parse_float(r.get("longitude", ""))
    admin1 = r.get("admin1", "")
    gov = resolve_governorate(admin1) if admin1 else None
    if admin1 and gov is None:
        extra["place_note"] = f"admin1 {admin1!r} not found in the gazetteer"
    wanted = _GEO_PREC.get(r.get("geo_precision", ""), "community")
    place = resolve_place(lat, lon, wanted, gov, r.get("admin2", ""), r.get("admin3", ""))
    values["place"] = r.get("location", "")
    values["pcode"] = place.pcode
    values["place_precision"] = place.precision
    values["latitude"] = fmt_coord(lat)
    values["longitude"] = fmt_coord(lon)
    if place.note and "place_note" not in extra:
        extra["place_note"] = place.note

    # -- parties
    actor1 = r.get("actor1", "")
    values["perpetrator"] = actor1
    values["perpetrator_type"] = rules.actor_type({"actor": actor1, "inter": r.get("inter1", "")})
    values["target"] = r.get("actor2", "")
    status = _target_status(r)
    values["target_status"] = status

    # -- casualties: ACLED reports fatalities only, without a breakdown
    if fatalities is not None:
        values["killed"] = str(fatalities)
        if "civilian targeting" in r.get("civilian_targeting", "").lower():
            values["killed_civilian"] = str(fatalities)

    values["narrative_en"] = r.get("notes", "")
    return ExternalRow(values=values, rule=result.rule.id, extra=extra)
