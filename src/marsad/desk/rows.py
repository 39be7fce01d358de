"""The rows of the desk's two lists: read as plain values, written as HTML in Python.

A page of 50 rows is the costliest part of a list.  Read as model instances (five per row
with the place's parents and the perpetrator) and rendered by the template engine (ten cells,
two includes and a dozen lookups per row), it took about 25 ms; as values and Python string
building it takes a few.  The markup is the one the templates wrote, every value escaped.
"""

from __future__ import annotations

import functools
from html import escape

from django.db.models import Count
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from marsad.desk.labels import Labels
from marsad.desk.services import (
    INCIDENT_COLUMNS,
    REPORT_COLUMNS,
    incident_url,
    report_url,
    url_pattern,
)
from marsad.places.models import names_with_governorate
from marsad.records.models import Incident, IncidentReport, SourceReport

_COMMON_VALUES = [
    "id",
    "type",
    "method",
    "date",
    "date_precision",
    "date_end",
    "place_id",
    "target",
    "target_status",
    "perpetrator__name_ar",
    "perpetrator__name_en",
]
_INCIDENT_VALUES = [
    *_COMMON_VALUES,
    "controlling_party",
    "controlling_sub_label",
    "perpetrator_type",
    "killed_low",
    "killed_best",
    "killed_high",
    "status",
    "confidence",
]
# Who a source is never reaches a list page, not even into memory: only its name and type.
_REPORT_VALUES = [
    *_COMMON_VALUES,
    "report_id",
    "source__name",
    "source__source_type",
    "place_text",
    "perpetrator_text",
    "killed",
    "injured",
    "created_by__username",
]


def _values_in_page_order(page, model, fields: list[str]) -> list[dict]:
    """The page's records in the page's order, read in two steps: the ids first (a narrow
    sort), then their values with the joins.  Sorting whole joined rows, narratives and all,
    spilled to disk at 100,000 incidents."""
    ids = list(page.object_list.values_list("pk", flat=True))
    by_id = {row["id"]: row for row in model.objects.filter(pk__in=ids).values(*fields)}
    return [by_id[pk] for pk in ids if pk in by_id]


def _in_language(row: dict, prefix: str, ar: bool) -> str:
    first, second = (f"{prefix}__name_ar", f"{prefix}__name_en")
    if not ar:
        first, second = second, first
    return row[first] or row[second] or ""


def _place(place_id, places: dict, fallback: str = "") -> dict:
    """The place's name and, above it, its governorate."""
    if place_id not in places:
        return {"name": fallback, "within": "", "pcode": ""}
    name, pcode, within = places[place_id]
    return {"name": name, "within": within, "pcode": pcode}


def _date(row: dict, labels: Labels) -> dict:
    precision = row["date_precision"] or "day"
    return {
        "value": row["date"],
        "end": row["date_end"] if precision == "range" else None,
        "precision": "" if precision == "day" else labels.of("date_precision", precision),
    }


def _url_maker(url_of, *args):
    """``url_of(pk, *args)`` for many ``pk``, reversed once (see ``url_pattern``)."""
    pattern = url_pattern(url_of, *args)
    return lambda pk: pattern.replace("{id}", str(pk))


def incident_rows(page, labels: Labels) -> list[dict]:
    ar = labels.lang == "ar"
    url = _url_maker(incident_url)
    party = functools.lru_cache(maxsize=None)(labels.party)
    records = _values_in_page_order(page, Incident, _INCIDENT_VALUES)
    places = names_with_governorate((r["place_id"] for r in records), ar)
    accounts = dict(
        IncidentReport.objects.filter(incident_id__in=[r["id"] for r in records])
        .values("incident_id")
        .annotate(n=Count("id"))
        .values_list("incident_id", "n")
    )
    return [
        {
            "pk": r["id"],
            "url": url(r["id"]),
            "date": _date(r, labels),
            "type": labels.of("type", r["type"]),
            "method": labels.of("method", r["method"]),
            "place": _place(r["place_id"], places),
            "party": party(r["controlling_party"], r["controlling_sub_label"]),
            "target": r["target"],
            "target_status": labels.of("target_status", r["target_status"]),
            "perpetrator": _in_language(r, "perpetrator", ar),
            "perpetrator_type": labels.of("perpetrator_type", r["perpetrator_type"]),
            "killed": r["killed_best"],
            "killed_range": (r["killed_low"], r["killed_high"])
            if r["killed_low"] != r["killed_high"]
            else None,
            "status": labels.of("status", r["status"]),
            "status_code": r["status"],
            "confidence": labels.of("confidence", r["confidence"]),
            "accounts": accounts.get(r["id"], 0),
        }
        for r in records
    ]


def report_rows(page, labels: Labels, user) -> list[dict]:
    ar = labels.lang == "ar"
    records = _values_in_page_order(page, SourceReport, _REPORT_VALUES)
    places = names_with_governorate((r["place_id"] for r in records), ar)
    links: dict[int, list[int]] = {}
    for report_id, incident_id in (
        IncidentReport.objects.filter(report_id__in=[r["id"] for r in records])
        .order_by("pk")
        .values_list("report_id", "incident_id")
    ):
        links.setdefault(report_id, []).append(incident_id)
    account_url, url = _url_maker(report_url, user), _url_maker(incident_url)
    return [
        {
            "pk": r["id"],
            "url": account_url(r["id"]),
            "report_id": r["report_id"],
            "date": _date(r, labels),
            "type": labels.of("type", r["type"]),
            "method": labels.of("method", r["method"]),
            "source": r["source__name"],
            "source_type": labels.of("source_type", r["source__source_type"]),
            "place": _place(r["place_id"], places, r["place_text"]),
            "place_text": r["place_text"],
            "target": r["target"],
            "target_status": labels.of("target_status", r["target_status"]),
            "perpetrator": _in_language(r, "perpetrator", ar) or r["perpetrator_text"],
            "killed": r["killed"],
            "injured": r["injured"],
            "incidents": [{"pk": pk, "url": url(pk)} for pk in links.get(r["id"], [])],
            "entered_by": r["created_by__username"] or "",
        }
        for r in records
    ]


# -- HTML ----------------------------------------------------------------------------------


def _cell(label: str, content: str, css: str = "") -> str:
    css_attribute = f' class="{css}"' if css else ""
    return f'  <td data-label="{label}"{css_attribute}><div class="cell">{content}</div></td>\n'


def _small(text) -> str:
    return f"<small>{escape(str(text))}</small>" if text else ""


def _date_html(date: dict) -> str:
    if not date["value"]:
        return "—"
    day = date["value"].isoformat()
    html = f'<time datetime="{day}">{day}</time>'
    if date["end"]:
        end = date["end"].isoformat()
        html += f' – <time datetime="{end}">{end}</time>'
    return html + _small(date["precision"])


def _place_html(place: dict) -> str:
    if not place["name"]:
        return "—"
    title = f' title="{escape(place["pcode"])}"' if place["pcode"] else ""
    return f"<span{title}><bdi>{escape(place['name'])}</bdi></span>" + _small(place["within"])


def _target_html(row: dict) -> str:
    target = Truncator(row["target"]).chars(90) if row["target"] else "—"
    return f"<bdi>{escape(target)}</bdi>" + _small(row["target_status"])


def _type_html(row: dict) -> str:
    return escape(row["type"]) + _small(row["method"])


def _headings(columns) -> dict[str, str]:
    """The column names each cell repeats for the narrow layout, translated once per page."""
    return {column.key: escape(str(column.label)) for column in columns}


def incident_rows_html(rows: list[dict]) -> SafeString:
    h = _headings(INCIDENT_COLUMNS)
    parts = []
    for row in rows:
        number = escape(_("Open incident %(number)s") % {"number": row["pk"]})
        killed = "—"
        if row["killed"] is not None:
            killed = str(row["killed"])
            if row["killed_range"]:
                low, high = ("?" if v is None else v for v in row["killed_range"])
                killed += f'<small><bdi dir="ltr">{low}–{high}</bdi></small>'
        accounts = ngettext("%(counter)s account", "%(counter)s accounts", row["accounts"])
        parts.append(
            "\n<tr>\n"
            + _cell(
                h["id"],
                f'<a href="{escape(row["url"])}" aria-label="{number}">#{row["pk"]}</a>',
                "num",
            )
            + _cell(h["date"], _date_html(row["date"]), "nowrap")
            + _cell(h["type"], _type_html(row))
            + _cell(h["place"], _place_html(row["place"]))
            + _cell(h["party"], escape(row["party"] or "—"))
            + _cell(h["target"], _target_html(row), "desk-text")
            + _cell(
                h["perpetrator"],
                f"<bdi>{escape(row['perpetrator'] or '—')}</bdi>" + _small(row["perpetrator_type"]),
            )
            + _cell(h["killed"], killed, "num")
            + _cell(
                h["status"],
                f'<span class="desk-status s-{escape(row["status_code"])}">'
                f"{escape(row['status'])}</span>",
            )
            + _cell(
                h["confidence"],
                escape(row["confidence"] or "—") + _small(accounts % {"counter": row["accounts"]}),
            )
            + "</tr>"
        )
    return mark_safe("".join(parts))


def report_rows_html(rows: list[dict]) -> SafeString:
    h = _headings(REPORT_COLUMNS)
    not_linked = escape(_("not linked yet"))
    parts = []
    for row in rows:
        number = (
            f'<a href="{escape(row["url"])}">#{row["pk"]}</a>' if row["url"] else f"#{row['pk']}"
        )
        place = _place_html(row["place"])
        if row["place_text"] and row["place_text"] != row["place"]["name"]:
            place += f"<small>“<bdi>{escape(row['place_text'])}</bdi>”</small>"
        killed = "—" if row["killed"] is None else str(row["killed"])
        if row["injured"] is not None:
            killed += _small(_("%(n)s injured") % {"n": row["injured"]})
        linked = ", ".join(
            f'<a href="{escape(link["url"])}">#{link["pk"]}</a>' for link in row["incidents"]
        )
        parts.append(
            "\n<tr>\n"
            + _cell(h["id"], number + _small(row["report_id"]), "num")
            + _cell(h["date"], _date_html(row["date"]), "nowrap")
            + _cell(h["type"], _type_html(row))
            + _cell(
                h["source"],
                f"<bdi>{escape(row['source'])}</bdi>" + _small_always(row["source_type"]),
            )
            + _cell(h["place"], place)
            + _cell(h["target"], _target_html(row), "desk-text")
            + _cell(h["perpetrator"], f"<bdi>{escape(row['perpetrator'] or '—')}</bdi>")
            + _cell(h["killed"], killed, "num")
            + _cell(h["incidents"], linked or f'<span class="hint">{not_linked}</span>')
            + _cell(h["entered_by"], escape(row["entered_by"] or "—"))
            + "</tr>"
        )
    return mark_safe("".join(parts))


def _small_always(text) -> str:
    return f"<small>{escape(str(text or ''))}</small>"
