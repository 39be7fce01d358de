"""``marsad export``: filtered reports or incidents in CSV, XLSX, GeoJSON, HXL or JSON, and the
public release (published incidents only, sensitive fields dropped, precision coarsened)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import BinaryIO

from marsad.codebook.services import active_codebook
from marsad.engines import export_fields, export_formats, public_release
from marsad.engines.gazetteer import default_gazetteer
from marsad.records.models import Incident, SourceReport
from marsad.transfer.filters import RecordFilters
from marsad.transfer.records import incident_records, report_records

KINDS = ("incidents", "reports")
FORMATS = tuple(export_formats.FORMATS)


class ExportRefused(Exception):
    pass


@dataclass(frozen=True)
class ExportResult:
    rows: int
    fields: tuple[str, ...]


def release_policy(
    place_level: str | None = None, date_level: str | None = None
) -> public_release.ReleasePolicy:
    """The public-release policy: settings from the environment, sensitive fields from the codebook."""
    return public_release.ReleasePolicy(
        place_level=place_level or os.environ.get("MARSAD_PUBLIC_PLACE_LEVEL", "subdistrict"),
        date_level=date_level or os.environ.get("MARSAD_PUBLIC_DATE_LEVEL", "week"),
        drop_fields=frozenset(active_codebook().sensitive_record_fields),
    )


def export(
    kind: str,
    fmt: str,
    out: BinaryIO,
    *,
    filters: RecordFilters | None = None,
    public: bool = False,
    policy: public_release.ReleasePolicy | None = None,
    queryset=None,
) -> ExportResult:
    """Write ``kind`` records matching ``filters`` (or ``queryset``, already restricted to what the
    requester may see) to ``out`` in ``fmt``."""
    if kind not in KINDS:
        raise ExportRefused(f"Unknown kind {kind!r}: choose incidents or reports.")
    if fmt not in FORMATS:
        raise ExportRefused(f"Unknown format {fmt!r}: choose one of {', '.join(FORMATS)}.")
    if public and kind == "reports":
        raise ExportRefused("Reports name their sources: only incidents can be released publicly.")
    incidents = kind == "incidents"
    model = Incident if incidents else SourceReport
    filters = filters or RecordFilters()
    queryset = filters.apply(
        queryset if queryset is not None else model.objects.all(), incidents=incidents
    )
    if public:
        # An incident restricted to some groups is never released, whoever asks.
        queryset = queryset.filter(restricted_to__isnull=True)
    fields = export_fields.fields_for(kind)
    records = incident_records(queryset) if incidents else report_records(queryset)
    if public:
        policy = policy or release_policy()
        fields = public_release.public_fields(fields, policy)
        gazetteer = default_gazetteer()
        records = (
            public_release.coarsen(record, policy, gazetteer)
            for record in records
            if public_release.is_releasable(record, policy)
        )
    rows = export_formats.FORMATS[fmt](records, fields, out, codebook=active_codebook())
    return ExportResult(rows=rows, fields=tuple(f.name for f in fields))
