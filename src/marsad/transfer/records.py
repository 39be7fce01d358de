"""Stored reports and incidents as flat records under the export field names
(``marsad.engines.export_fields``), streamed from the database."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet

from marsad.engines.gazetteer import Gazetteer, default_gazetteer
from marsad.records.models import Incident, SourceReport

ADMIN_LEVELS = ("governorate", "district", "subdistrict")
CHUNK = 2000


def place_columns(pcode: str | None, gazetteer: Gazetteer) -> dict[str, object]:
    """The place's names and its governorate, district and sub-district, from the gazetteer."""
    columns: dict[str, object] = {
        "pcode": pcode or None,
        "place_name_en": None,
        "place_name_ar": None,
    }
    for level in ADMIN_LEVELS:
        columns.update({f"{level}_pcode": None, f"{level}_name_en": None, f"{level}_name_ar": None})
    place = gazetteer.get(pcode) if pcode else None
    if place is None:
        return columns
    columns.update(place_name_en=place.name_en, place_name_ar=place.name_ar)
    for unit in [place, *gazetteer.parents(place.pcode)]:
        if unit.level in ADMIN_LEVELS:
            columns.update(
                {
                    f"{unit.level}_pcode": unit.pcode,
                    f"{unit.level}_name_en": unit.name_en,
                    f"{unit.level}_name_ar": unit.name_ar,
                }
            )
    return columns


def _claims(record, names) -> dict[str, object]:
    # An empty text is "not given", the same as a missing number: null in JSON, empty in CSV.
    return {
        name: (getattr(record, name) if getattr(record, name) != "" else None) for name in names
    }


COMMON = [
    "type",
    "date",
    "date_precision",
    "date_end",
    "place_precision",
    "method",
    "operation_type",
    "target",
    "target_status",
    "perpetrator_type",
    "number_targeted",
    "target_gender",
    "killed_civilian",
    "killed_military",
    "killed_unknown",
    "injured_civilian",
    "injured_military",
    "injured_unknown",
    "narrative_ar",
    "narrative_en",
]


def report_records(queryset: QuerySet[SourceReport]) -> Iterator[dict[str, object]]:
    gazetteer = default_gazetteer()
    rows = (
        queryset.select_related("source", "place", "perpetrator", "codebook_version")
        .prefetch_related("links")
        .order_by("pk")
    )
    for report in rows.iterator(chunk_size=CHUNK):
        yield {
            "report_id": report.report_id or None,
            "source_name": report.source.name,
            "source_type": report.source.source_type,
            "received_at": report.received_at,
            "place": report.place_text or None,
            **place_columns(report.place.pcode if report.place else None, gazetteer),
            "latitude": report.latitude,
            "longitude": report.longitude,
            "perpetrator": report.perpetrator_text or None,
            "perpetrator_actor": report.perpetrator.name_en or report.perpetrator.name_ar
            if report.perpetrator
            else None,
            "killed": report.killed,
            "injured": report.injured,
            "observation_place": report.observation_place or None,
            "url": report.url or None,
            "codebook_version": report.codebook_version.version,
            "incident_ids": [link.incident_id for link in report.links.all()],
            **_claims(report, COMMON),
        }


def incident_records(queryset: QuerySet[Incident]) -> Iterator[dict[str, object]]:
    gazetteer = default_gazetteer()
    rows = (
        queryset.select_related("place", "perpetrator")
        .prefetch_related("links__report__source")
        .order_by("pk")
    )
    for incident in rows.iterator(chunk_size=CHUNK):
        reports = [link.report for link in incident.links.all()]
        place = gazetteer.get(incident.place.pcode) if incident.place else None
        yield {
            "incident_id": incident.pk,
            **place_columns(place.pcode if place else None, gazetteer),
            # Analysts map incidents: without a reported point, the place's own point.
            "latitude": incident.latitude
            if incident.latitude is not None
            else (place.latitude if place else None),
            "longitude": incident.longitude
            if incident.longitude is not None
            else (place.longitude if place else None),
            "controlling_party": incident.controlling_party or None,
            "controlling_sub_label": incident.controlling_sub_label or None,
            "perpetrator": str(incident.perpetrator) if incident.perpetrator else None,
            **{name: getattr(incident, name) for name in Incident.FIGURES},
            "status": incident.status,
            "confidence": incident.confidence or None,
            "reconciliation_rule": incident.reconciliation_rule or None,
            "report_ids": [r.report_id or f"#{r.pk}" for r in reports],
            "source_count": len({r.source_id for r in reports}),
            "source_types": sorted({r.source.source_type for r in reports}),
            **_claims(incident, COMMON),
        }
