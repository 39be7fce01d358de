"""Loading an incidents table (such as the published-figures dataset) into the database, the
way reviewers would have left it: one source per source type, one account per source."""

from __future__ import annotations

import pyarrow as pa

from marsad.codebook.services import active_version
from marsad.places.models import Place
from marsad.records.models import Incident, IncidentReport, Source, SourceReport

_TEXT = ["type", "method", "operation_type", "target_status", "target_gender",
         "perpetrator_type", "status", "confidence", "controlling_party",
         "controlling_sub_label", "date_precision", "place_precision"]  # fmt: skip
_COUNTS = ["killed_low", "killed_best", "killed_high", "injured_low", "injured_best",
           "injured_high", "killed_civilian", "killed_military", "killed_unknown",
           "injured_civilian", "injured_military", "injured_unknown", "number_targeted"]  # fmt: skip


def load_incidents(table: pa.Table) -> dict[int, int]:
    """Create the incidents of ``table``; returns the table's incident ids → database ids."""
    version = active_version()
    rows = table.to_pylist()
    places = {p.pcode: p for p in Place.objects.filter(pcode__in={r["pcode"] for r in rows})}
    kinds = sorted({kind for r in rows for kind in r["source_types"]})
    sources = {
        kind: Source.objects.create(name=f"test source ({kind})", source_type=kind)
        for kind in kinds
    }
    incidents = Incident.objects.bulk_create(
        Incident(
            codebook_version=version,
            place=places[r["pcode"]],
            date=r["date"],
            date_end=r["date_end"],
            **{name: r[name] or "" for name in _TEXT},
            **{name: r[name] for name in _COUNTS},
        )
        for r in rows
    )
    accounts = SourceReport.objects.bulk_create(
        SourceReport(
            codebook_version=version,
            source=sources[kind],
            report_id=f"{r['incident_id']}-{kind}",
            type=r["type"],
            date=r["date"],
            place=places[r["pcode"]],
        )
        for r in rows
        for kind in r["source_types"]
    )
    pairs = [
        (incident, kind)
        for incident, r in zip(incidents, rows, strict=True)
        for kind in r["source_types"]
    ]
    IncidentReport.objects.bulk_create(
        IncidentReport(incident=incident, report=account)
        for (incident, _), account in zip(pairs, accounts, strict=True)
    )
    return {r["incident_id"]: i.pk for r, i in zip(rows, incidents, strict=True)}
