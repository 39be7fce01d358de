"""Source reports as the Arrow table the cross-checking engine reads (no scoring here)."""

from __future__ import annotations

import pyarrow as pa
from django.db.models import QuerySet

from marsad.records.models import SourceReport

SCHEMA = pa.schema(
    [
        ("report_id", pa.int64()),
        ("source_id", pa.int64()),
        ("source_type", pa.string()),
        ("repeats_source_id", pa.int64()),
        ("type", pa.string()),
        ("method", pa.string()),
        ("date", pa.date32()),
        ("date_end", pa.date32()),
        ("date_precision", pa.string()),
        ("pcode", pa.string()),
        ("place_precision", pa.string()),
        ("latitude", pa.float64()),
        ("longitude", pa.float64()),
        ("perpetrator", pa.string()),
        ("perpetrator_type", pa.string()),
        ("target_status", pa.string()),
        ("killed", pa.int64()),
        ("injured", pa.int64()),
        ("narrative", pa.string()),
        ("language", pa.string()),
        ("place_text", pa.string()),
    ]
)

_FIELDS = {
    "report_id": "pk",
    "source_id": "source_id",
    "source_type": "source__source_type",
    "repeats_source_id": "repeats_source_id",
    "type": "type",
    "method": "method",
    "date": "date",
    "date_end": "date_end",
    "date_precision": "date_precision",
    "pcode": "place__pcode",
    "place_precision": "place_precision",
    "latitude": "latitude",
    "longitude": "longitude",
    "perpetrator_type": "perpetrator_type",
    "target_status": "target_status",
    "killed": "killed",
    "injured": "injured",
    "place_text": "place_text",
}


def reports_table(queryset: QuerySet[SourceReport] | None = None) -> pa.Table:
    """One row per report.  A named perpetrator is its actor (``actor:<id>``) so Arabic and
    English accounts naming the same actor agree; otherwise the name as the source wrote it."""
    queryset = SourceReport.objects.all() if queryset is None else queryset
    names = list(_FIELDS)
    extra = [
        "perpetrator_id",
        "perpetrator_text",
        "narrative_ar",
        "narrative_en",
        "source__language",
    ]
    columns: dict[str, list] = {name: [] for name in SCHEMA.names}
    rows = queryset.order_by("pk").values_list(*_FIELDS.values(), *extra)
    for row in rows.iterator(chunk_size=5000):
        values = dict(zip(names, row[: len(names)], strict=True))
        actor_id, perpetrator_text, narrative_ar, narrative_en, language = row[len(names) :]
        for name, value in values.items():
            columns[name].append(None if value == "" else value)
        columns["perpetrator"].append(
            f"actor:{actor_id}" if actor_id else (perpetrator_text or None)
        )
        columns["narrative"].append(" ".join(t for t in (narrative_ar, narrative_en) if t) or None)
        columns["language"].append(
            language
            or ("ar" if narrative_ar and not narrative_en else "en" if narrative_en else None)
        )
    return pa.table(columns, schema=SCHEMA)


def actors_for_engine():
    """Every actor with its names and aliases, keyed as :func:`reports_table` names them."""
    from marsad.engines.crosscheck import Actor as EngineActor
    from marsad.records.models import Actor

    return [
        EngineActor(
            key=f"actor:{pk}",
            names=tuple(n for n in (name_en, name_ar, *(aliases or [])) if n),
            parent=f"actor:{parent_id}" if parent_id else None,
        )
        for pk, name_en, name_ar, aliases, parent_id in Actor.objects.values_list(
            "pk", "name_en", "name_ar", "aliases", "parent_id"
        )
    ]
