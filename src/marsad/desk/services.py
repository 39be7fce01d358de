"""Sorting and paging the desk's two lists (their rows: :mod:`marsad.desk.rows`)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from marsad.records import generation

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


def link_with(query, **changes) -> str:
    """The query string ``query`` (a QueryDict) with ``changes`` made (``None`` removes a
    key), as ``{% querystring %}`` writes it; a dozen per list page, so without copying the
    QueryDict each time."""
    items = dict(query.lists())
    for key, value in changes.items():
        if value is None:
            items.pop(key, None)
        else:
            items[key] = [str(value)]
    if not items and not query:
        return ""
    return "?" + urlencode([(key, value) for key, values in items.items() for value in values])


def pager_links(query, page: Page) -> dict[str, str]:
    links = {}
    if page.has_previous():
        links["first"] = link_with(query, page=1)
        links["previous"] = link_with(query, page=page.previous_page_number())
    if page.has_next():
        links["next"] = link_with(query, page=page.next_page_number())
        links["last"] = link_with(query, page=page.paginator.num_pages)
    return links


def header(columns: list[Column], sort: str, query) -> list[dict]:
    """Each column's label, the link that sorts by it and its ``aria-sort`` state."""
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
                "link": link_with(query, sort=target, page=None) if column.order else "",
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


def paginate(queryset: QuerySet, page: str | None, count_key: tuple) -> Page:
    """``count_key``: what decides the number of rows besides the data (filters, audience)."""
    return _CachedCountPaginator(queryset, PAGE_SIZE, count_key).get_page(page)


class LazyRows:
    """A page's rows, read when first used: when the template prints them (as HTML, written
    by ``write``), not at all when the template has them cached."""

    def __init__(self, read, write) -> None:
        self._read, self._write = read, write

    @functools.cached_property
    def _rows(self) -> list[dict]:
        return self._read()

    def __iter__(self):
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index):
        return self._rows[index]

    def __html__(self) -> str:
        return self._write(self._rows)

    __str__ = __html__


def incident_url(pk: int) -> str:
    """The incident's page (review app), or its admin page while that does not exist."""
    try:
        return reverse("review:incident", args=[pk])
    except NoReverseMatch:
        return reverse("admin:records_incident_change", args=[pk])


_ID_PLACEHOLDER = 987654321


def url_pattern(url_of, *args) -> str:
    """``url_of(pk, *args)`` with ``{id}`` where the number goes: reversed once, then filled in
    for each of many rows (and by the map's script); empty when ``url_of`` gives no URL."""
    return url_of(_ID_PLACEHOLDER, *args).replace(str(_ID_PLACEHOLDER), "{id}")


def report_url(pk: int, user) -> str:
    """The account's review page, for those who review (the only page that shows one whole)."""
    if not user.has_perm("records.change_incident"):
        return ""
    try:
        return reverse("review:account", args=[pk])
    except NoReverseMatch:
        return ""
