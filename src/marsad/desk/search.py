"""Full-text search over reports and incidents with normalised Arabic.

Each record keeps ``search_text`` (``Claims.compute_search_text``): its narratives, target,
place names (with the units above, in both scripts) and actor names, normalised with
``marsad.engines.arabic`` and lower-cased. A query is normalised the same way and every word
must occur in it, so "الرقة" finds "الرقه", hamza forms, diacritics and tatweel are ignored, and
"Raqqa" finds an incident written only in Arabic. ``contains`` is a plain ``LIKE`` on both
SQLite and PostgreSQL.

Bulk inserts (``bulk_create``) skip ``save()``: call :func:`refresh_search_text` on what they
wrote.
"""

from __future__ import annotations

import re

from django.db.models import Q, QuerySet

from marsad.engines.arabic import normalise_arabic

BATCH = 1000
_RECORD_NUMBER = re.compile(r"#(\d{1,12})")


def search_terms(query: str) -> list[str]:
    """The normalised words of ``query``, at most 10 (a pasted paragraph is not a search)."""
    return normalise_arabic(query or "").split()[:10]


def search_condition(query: str) -> Q:
    """Records whose search text holds every word of ``query``; ``#123`` means record 123."""
    condition = Q()
    for term in search_terms(query):
        number = _RECORD_NUMBER.fullmatch(term)
        if number:
            condition &= Q(pk=int(number.group(1)))
        else:
            condition &= Q(search_text__contains=term)
    return condition


def refresh_search_text(queryset: QuerySet) -> int:
    """Recompute ``search_text`` for every record of ``queryset`` (reports or incidents), in
    batches; returns how many were updated. For imports that write with ``bulk_create`` and
    after renaming places or actors."""
    model = queryset.model
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        batch = list(
            model.objects.filter(pk__in=ids[start : start + BATCH]).select_related(
                "place__parent__parent__parent", "perpetrator__parent"
            )
        )
        for record in batch:
            record.search_text = record.compute_search_text()
        model.objects.bulk_update(batch, ["search_text"])
    return len(ids)
