"""Sorting, paging and the rows of the desk's two lists, with labels in the reader's language."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from marsad.desk.labels import Labels
from marsad.places.models import Place
from marsad.records import generation
from marsad.records.models import IncidentReport

PAGE_SIZE = 50
DEFAULT_SORT = "-date"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    order: tuple[str, ...] = ()  # fields to sort by; empty: not sortable
    numeric: bool = False


INCIDENT_COLUMNS = [
    Column("id", _("No."), ("id",), numeric=True),
    Column("date", _("Date"), ("date", "id")),
    Column("type", _("Type"), ("type", "-date", "-id")),
    Column("place", _("Place"), ("place__name_{lang}", "-date", "-id")),
    Column("party", _("Controlling party"), ("controlling_party", "-date", "-id")),
    Column("target", _("Target")),
    Column("perpetrator", _("Perpetrator")),
    Column("killed", _("Killed"), ("killed_best", "-date", "-id"), numeric=True),
    Column("status", _("Review status"), ("status", "-date", "-id")),
    Column("confidence", _("Confidence"), ("confidence", "-date", "-id")),
]
REPORT_COLUMNS = [
    Column("id", _("No."), ("id",), numeric=True),
    Column("date", _("Date"), ("date", "id")),
    Column("type", _("Type"), ("type", "-date", "-id")),
    Column("source", _("Source"), ("source__name", "-date", "-id")),
    Column("place", _("Place"), ("place__name_{lang}", "-date", "-id")),
    Column("target", _("Target")),
    Column("perpetrator", _("Perpetrator")),
    Column("killed", _("Killed"), ("killed", "-date", "-id"), numeric=True),
    Column("incidents", _("Incidents")),
    Column("entered_by", _("Entered by"), ("created_by__username", "-date", "-id")),
]


def sort_key(requested: str, columns: list[Column]) -> str:
    """The requested sort if a column allows it (``date`` or ``-date``), else the default."""
    key = requested.removeprefix("-")
    if any(c.key == key and c.order for c in columns):
        return requested
    return DEFAULT_SORT


def ordered(queryset: QuerySet, sort: str, columns: list[Column], lang: str) -> QuerySet:
    column = next(c for c in columns if c.key == sort.removeprefix("-"))
    descending = sort.startswith("-")
    order = []
    for name in column.order:
        field_descending = name.startswith("-") != descending
        expression = F(name.removeprefix("-").format(lang=lang))
        # Empty values last whichever way: a reader sorting by deaths wants the figures first.
        order.append(
            expression.desc(nulls_last=True)
            if field_descending
            else expression.asc(nulls_last=True)
        )
    return queryset.order_by(*order)


# Newest, largest and latest first on the first click; names and codes A to Z.
DESCENDING_FIRST = ("id", "date", "killed")


def header(columns: list[Column], sort: str) -> list[dict]:
    """Each column's label, the sort its link asks for and its ``aria-sort`` state."""
    current, descending = sort.removeprefix("-"), sort.startswith("-")
    cells = []
    for column in columns:
        if column.key == current:
            target = column.key if descending else f"-{column.key}"
            state = "descending" if descending else "ascending"
        else:
            target = f"-{column.key}" if column.key in DESCENDING_FIRST else column.key
            state = ""
        cells.append(
            {
                "key": column.key,
                "label": column.label,
                "sort": target if column.order else None,
                "state": state,
                "numeric": column.numeric,
            }
        )
    return cells


class _CachedCountPaginator(Paginator):
    """Counting 10,000 matching incidents takes longer than reading the 50 shown; the count
    is kept for the data generation (see :mod:`marsad.records.generation`)."""

    def __init__(self, object_list, per_page, count_key: tuple):
        super().__init__(object_list, per_page)
        self.count_key = count_key

    @functools.cached_property
    def count(self) -> int:
        return generation.cached("desk-count", self.count_key, self.object_list.count)


def paginate(queryset: QuerySet, page: str | None, count_key: tuple | None = None) -> Page:
    """``count_key``: what decides the number of rows besides the data (filters, audience)."""
    if count_key is None:
        return Paginator(queryset, PAGE_SIZE).get_page(page)
    return _CachedCountPaginator(queryset, PAGE_SIZE, count_key).get_page(page)


class LazyRows:
    """A page's rows, worked out when first iterated: not at all when the template has them
    cached."""

    def __init__(self, compute) -> None:
        self._compute = compute

    @functools.cached_property
    def _rows(self) -> list[dict]:
        return self._compute()

    def __iter__(self):
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index):
        return self._rows[index]


def incident_url(pk: int) -> str:
    """The incident's page (review app), or its admin page while that does not exist."""
    try:
        return reverse("review:incident", args=[pk])
    except NoReverseMatch:
        return reverse("admin:records_incident_change", args=[pk])


def report_url(pk: int, user) -> str:
    """The account's review page, for those who review (the only page that shows one whole)."""
    if not user.has_perm("records.change_incident"):
        return ""
    try:
        return reverse("review:account", args=[pk])
    except NoReverseMatch:
        return ""


def _place(place: Place | None, fallback: str = "") -> dict:
    """The place's name and, above it, its governorate (walking the selected parents)."""
    if place is None:
        return {"name": fallback, "within": "", "pcode": ""}
    top = place
    while top.parent_id is not None and top.level != Place.Level.GOVERNORATE:
        top = top.parent
    within = top.name if top is not place else ""
    return {"name": place.name, "within": within, "pcode": place.pcode}


def _date(record, labels: Labels) -> dict:
    precision = record.date_precision or "day"
    return {
        "value": record.date,
        "end": record.date_end if precision == "range" else None,
        "precision": "" if precision == "day" else labels.of("date_precision", precision),
    }


_PLACES = "place__parent__parent__parent"
# What a row does not show of its place and the units above it (the aliases are JSON to decode).
_PLACE_UNUSED = [
    f"{level}__{name}"
    for level in (
        "place",
        "place__parent",
        "place__parent__parent",
        "place__parent__parent__parent",
    )
    for name in ("aliases", "latitude", "longitude", "population", "source")
]


def _page_records(page: Page, related: QuerySet) -> list:
    """The page's records in the page's order, read in two steps: the ids first (a narrow
    sort), then their rows with ``related``'s joins.  Sorting whole joined rows, narratives and
    all, spilled to disk at 100,000 incidents."""
    ids = list(page.object_list.values_list("pk", flat=True))
    by_id = related.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def incident_rows(page: Page, labels: Labels) -> list[dict]:
    incidents = _page_records(
        page,
        page.object_list.model.objects.select_related(_PLACES, "perpetrator").defer(
            "narrative_ar", "narrative_en", "search_text", *_PLACE_UNUSED
        ),
    )
    accounts = dict(
        IncidentReport.objects.filter(incident_id__in=[i.pk for i in incidents])
        .values("incident_id")
        .annotate(n=Count("id"))
        .values_list("incident_id", "n")
    )
    return [
        {
            "pk": incident.pk,
            "url": incident_url(incident.pk),
            "date": _date(incident, labels),
            "type": labels.of("type", incident.type),
            "method": labels.of("method", incident.method),
            "place": _place(incident.place),
            "party": labels.party(incident.controlling_party, incident.controlling_sub_label),
            "target": incident.target,
            "target_status": labels.of("target_status", incident.target_status),
            "perpetrator": str(incident.perpetrator) if incident.perpetrator else "",
            "perpetrator_type": labels.of("perpetrator_type", incident.perpetrator_type),
            "killed": incident.killed_best,
            "killed_range": (incident.killed_low, incident.killed_high)
            if incident.killed_low != incident.killed_high
            else None,
            "status": labels.of("status", incident.status),
            "status_code": incident.status,
            "confidence": labels.of("confidence", incident.confidence),
            "accounts": accounts.get(incident.pk, 0),
        }
        for incident in incidents
    ]


def report_rows(page: Page, labels: Labels, user) -> list[dict]:
    reports = _page_records(
        page,
        page.object_list.model.objects.select_related(
            "source", _PLACES, "perpetrator", "created_by"
        )
        # Who a source is never reaches a list page, not even into memory.
        .defer(
            "source__identity",
            "source__contact",
            "narrative_ar",
            "narrative_en",
            "search_text",
            *_PLACE_UNUSED,
        )
        .prefetch_related("links"),
    )
    return [
        {
            "pk": report.pk,
            "url": report_url(report.pk, user),
            "report_id": report.report_id,
            "date": _date(report, labels),
            "type": labels.of("type", report.type),
            "method": labels.of("method", report.method),
            "source": report.source.name,
            "source_type": labels.of("source_type", report.source.source_type),
            "place": _place(report.place, report.place_text),
            "place_text": report.place_text,
            "target": report.target,
            "target_status": labels.of("target_status", report.target_status),
            "perpetrator": str(report.perpetrator)
            if report.perpetrator
            else report.perpetrator_text,
            "killed": report.killed,
            "injured": report.injured,
            "incidents": [
                {"pk": link.incident_id, "url": incident_url(link.incident_id)}
                for link in report.links.all()
            ],
            "entered_by": report.created_by.get_username() if report.created_by else "",
        }
        for report in reports
    ]
