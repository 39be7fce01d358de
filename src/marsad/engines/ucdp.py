"""UCDP Georeferenced Event Dataset (GED) rows as Marsad import rows (pure, no Django).

>>> result = ucdp_row({"id": "1", "date_start": "2016-01-02", "date_end": "2016-01-02",
...                    "date_prec": "1", "type_of_violence": "3", "best": "1",
...                    "side_a": "IS", "side_b": "Civilians", "where_prec": "4",
...                    "adm_1": "Aleppo Governorate", "latitude": "36.2", "longitude": "37.1",
...                    "source_headline": "IS executes a man in Aleppo"})
>>> result.values["type"], result.values["pcode"], result.rule
('assassination', 'SY02', 'ucdp.execution')

Every mapping choice is listed in ``docs/external-data.md``.  UCDP GED is CC BY 4.0; cite
Sundberg & Melander (2013), "Introducing the UCDP Georeferenced Event Dataset", JPR 50(4).
"""

from __future__ import annotations

import calendar
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

__all__ = ["SOURCE_NAME", "classification_fields", "ucdp_row"]

SOURCE_NAME = "UCDP GED"
ARTICLE_MAX = 500  # a source_article shorter than this joins the narrative and the text

# UCDP where_prec -> the precision Marsad asks the gazetteer for.
_WHERE_PREC = {
    "1": "community",  # exact location (the coordinates of the named town or village)
    "2": "community",  # within about 25 km of a known point
    "3": "district",  # only the second-order admin unit (adm_2) is known
    "4": "governorate",  # only the first-order admin unit (adm_1) is known
    "5": "governorate",  # a larger region or a linear feature (road, border, front line)
    "6": "governorate",  # only the country is known
    "7": "governorate",  # international waters or airspace
}
_WHERE_NOTE = {
    "5": "UCDP where_prec 5: a larger region or linear feature; kept at governorate level",
    "6": "UCDP where_prec 6: only the country is known",
    "7": "UCDP where_prec 7: international waters or airspace",
}
# Columns not copied to the raw record (derivable from latitude/longitude).
_NOT_KEPT = frozenset({"geom_wkt"})


def _reject(en: str, ar: str) -> Rejection:
    return Rejection(reason_en=en, reason_ar=ar)


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _date_precision(start: dt.date, end: dt.date, date_prec: str) -> str:
    """day / week / month / range from UCDP's dates and date_prec (see docs)."""
    if end == start:
        return "day"
    span = (end - start).days
    if date_prec == "3" and span <= 6:
        return "week"
    last = calendar.monthrange(start.year, start.month)[1]
    if start.day == 1 and (end.year, end.month, end.day) == (start.year, start.month, last):
        return "month"
    return "range"


def _headline_segments(headline: str) -> list[str]:
    return [s.strip() for s in headline.split(";") if s.strip()]


_CITATION = re.compile(r'"?[^",;]*,\d{4}-\d{2}-\d{2},')


def article_text(article: str, headline: str) -> str:
    """The source article when it is short and says more than the headline, else ``""``.

    In GED releases ``source_article`` is mostly citations (``"SOHR,2016-01-02,<headline>"``);
    those add nothing to the headline and are kept in the raw record only.
    """
    if not article or len(article) >= ARTICLE_MAX:
        return ""
    rest = _CITATION.sub(" ", article)
    for segment in _headline_segments(headline):
        rest = rest.replace(segment, " ")
    if len(re.sub(r"\W", "", rest)) <= 20:
        return ""
    return article


def classification_fields(row: Mapping[str, str]) -> dict[str, str]:
    """The fields the UCDP rules read, built from a (normalised) GED row."""
    rules = load_ruleset("ucdp")
    headline = row.get("source_headline", "")
    segments = _headline_segments(headline)
    text = "; ".join(rules.drop_segments(segments))
    article = article_text(row.get("source_article", ""), headline)
    if article:
        text = f"{text} {article}".strip()
    return {
        "text": text,
        "type_of_violence": row.get("type_of_violence", ""),
        "best": row.get("best", ""),
        "source_office": row.get("source_office", ""),
        "side_a": row.get("side_a", ""),
        "side_b": row.get("side_b", ""),
    }


def _target_status(violence: str, civilians: int, military: int, unknown: int) -> str:
    """Civilian for one-sided violence; otherwise the largest group of the dead (ties: military)."""
    if violence == "3":
        return "civilian"
    if civilians > military and civilians >= unknown:
        return "civilian"
    if unknown > military and unknown > civilians:
        return "unknown"
    return "military"


def ucdp_row(row: Mapping[str, str]) -> ExternalRow | Rejection:
    """One UCDP GED event as a canonical import row, or the reason it cannot be imported."""
    r = normalise_row(row)
    event_id = r.get("id", "")
    if not event_id:
        return _reject("The event has no UCDP id.", "الحدث بلا معرّف UCDP.")
    start = _date(r.get("date_start", ""))
    if start is None:
        return _reject(
            f"UCDP event {event_id}: missing or invalid date_start {r.get('date_start', '')!r}.",
            f"حدث UCDP رقم {event_id}: تاريخ البداية (date_start) مفقود أو غير صالح.",
        )
    end = _date(r.get("date_end", "")) or start
    if end < start:
        return _reject(
            f"UCDP event {event_id}: date_end {end} is before date_start {start}.",
            f"حدث UCDP رقم {event_id}: تاريخ النهاية يسبق تاريخ البداية.",
        )
    counts: dict[str, int | None] = {}
    for name in (
        "best",
        "low",
        "high",
        "deaths_a",
        "deaths_b",
        "deaths_civilians",
        "deaths_unknown",
    ):
        try:
            counts[name] = parse_int(r.get(name, ""))
        except ValueError:
            return _reject(
                f"UCDP event {event_id}: {name} is not a whole number ({r.get(name)!r}).",
                f"حدث UCDP رقم {event_id}: الحقل {name} ليس عدداً صحيحاً.",
            )
    country = r.get("country", "")
    if country and country.lower() != "syria":
        return _reject(
            f"UCDP event {event_id} is in {country}, not Syria.",
            f"حدث UCDP رقم {event_id} خارج سوريا ({country}).",
        )

    rules = load_ruleset("ucdp")
    fields = classification_fields(r)
    result = rules.classify(fields)
    values = blank_values()
    extra = {k: v for k, v in r.items() if v and k not in _NOT_KEPT}

    # -- identity and source
    values["report_id"] = f"UCDP-{event_id}"
    values["source_type"] = EXTERNAL_SOURCE_TYPE
    values["source_name"] = SOURCE_NAME

    # -- date
    precision = _date_precision(start, end, r.get("date_prec", ""))
    values["date"] = start.isoformat()
    values["date_precision"] = precision
    if precision == "range":  # a week or a month is given by its first day alone
        values["date_end"] = end.isoformat()

    # -- classification
    values["type"] = result.type
    values["method"] = result.method
    values["operation_type"] = result.operation_type

    # -- place
    where = r.get("where_prec", "")
    lat, lon = parse_float(r.get("latitude", "")), parse_float(r.get("longitude", ""))
    adm1 = r.get("adm_1", "")
    gov = resolve_governorate(adm1) if adm1 else None
    wanted = _WHERE_PREC.get(where, "governorate")
    if adm1 and gov is None:
        extra["place_note"] = f"adm_1 {adm1!r} not found in the gazetteer"
        place = resolve_place(None, None, "governorate", None, require_governorate=True)
    else:
        place = resolve_place(
            lat, lon, wanted, gov, r.get("adm_2", ""), "", require_governorate=True
        )
    values["pcode"] = place.pcode
    values["place_precision"] = place.precision
    # An event UCDP places in no governorate ("Syria", "Al Hasakah/Deir ez Zor border") must not
    # be placed in one by whoever reads the row, by name or by point: its place text and
    # coordinates then stay in `extra` only.  A country centroid is never a location.
    if place.pcode:
        values["place"] = r.get("where_coordinates", "")
        if where not in ("6", "7"):
            values["latitude"] = fmt_coord(lat)
            values["longitude"] = fmt_coord(lon)
    notes = [n for n in (_WHERE_NOTE.get(where, ""), place.note) if n]
    if notes and "place_note" not in extra:
        extra["place_note"] = "; ".join(notes)

    # -- parties
    side_a, side_b = r.get("side_a", ""), r.get("side_b", "")
    values["perpetrator"] = side_a
    values["perpetrator_type"] = rules.actor_type({"actor": side_a})
    values["target"] = side_b
    civ = counts["deaths_civilians"] or 0
    mil = (counts["deaths_a"] or 0) + (counts["deaths_b"] or 0)
    unk = counts["deaths_unknown"] or 0
    values["target_status"] = _target_status(r.get("type_of_violence", ""), civ, mil, unk)

    # -- casualties (UCDP counts deaths only)
    if counts["best"] is not None:
        values["killed"] = str(counts["best"])
    if counts["deaths_civilians"] is not None:
        values["killed_civilian"] = str(civ)
    if counts["deaths_a"] is not None or counts["deaths_b"] is not None:
        values["killed_military"] = str(mil)
    if counts["deaths_unknown"] is not None:
        values["killed_unknown"] = str(unk)

    # -- text
    headline = r.get("source_headline", "")
    article = article_text(r.get("source_article", ""), headline)
    values["narrative_en"] = f"{headline}\n{article}".strip() if article else headline
    return ExternalRow(values=values, rule=result.rule.id, extra=extra)
