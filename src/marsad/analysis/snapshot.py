"""The incidents the analysis engine reads, as one Arrow table built from the database."""

from __future__ import annotations

from collections import defaultdict

import pyarrow as pa
from django.db.models import QuerySet

from marsad.records.models import Incident, IncidentReport

TEXT = [
    "type",
    "method",
    "operation_type",
    "target_status",
    "target_gender",
    "perpetrator_type",
    "status",
    "confidence",
    "controlling_party",
    "controlling_sub_label",
    "date_precision",
    "place_precision",
]
COUNTS = [
    "killed_low",
    "killed_best",
    "killed_high",
    "injured_low",
    "injured_best",
    "injured_high",
    "killed_civilian",
    "killed_military",
    "killed_unknown",
    "injured_civilian",
    "injured_military",
    "injured_unknown",
    "number_targeted",
]
SCHEMA = pa.schema(
    [("incident_id", pa.int64())]
    + [(name, pa.string()) for name in TEXT]
    + [
        ("perpetrator", pa.string()),
        ("date", pa.date32()),
        ("date_end", pa.date32()),
        ("pcode", pa.string()),
    ]
    + [(name, pa.int64()) for name in COUNTS]
    + [("report_count", pa.int64()), ("source_types", pa.list_(pa.string()))]
)


def incidents_table(queryset: QuerySet[Incident] | None = None) -> pa.Table:
    """Every incident of ``queryset`` (all by default) as a row, with its accounts' source types."""
    queryset = Incident.objects.all() if queryset is None else queryset
    sources: dict[int, set[str]] = defaultdict(set)
    reports: dict[int, int] = defaultdict(int)
    links = IncidentReport.objects.filter(incident__in=queryset.values("pk")).values_list(
        "incident_id", "report__source__source_type"
    )
    for incident_id, source_type in links.iterator(chunk_size=5000):
        sources[incident_id].add(source_type)
        reports[incident_id] += 1
    columns: dict[str, list] = {name: [] for name in SCHEMA.names}
    fields = ["pk", *TEXT, "perpetrator__name_en", "date", "date_end", "place__pcode", *COUNTS]
    for row in queryset.values_list(*fields).iterator(chunk_size=5000):
        values = dict(
            zip(
                ["incident_id", *TEXT, "perpetrator", "date", "date_end", "pcode", *COUNTS],
                row,
                strict=True,
            )
        )
        for name, value in values.items():
            columns[name].append(None if value == "" else value)
        columns["report_count"].append(reports[values["incident_id"]])
        columns["source_types"].append(sorted(sources[values["incident_id"]]))
    return pa.table(columns, schema=SCHEMA)


def incidents_for(user) -> pa.Table:
    """The enriched incidents ``user`` may see (restricted incidents of other groups left out),
    ready for :func:`marsad.engines.analysis.analyse`."""
    from marsad.engines import analysis
    from marsad.engines.gazetteer import default_gazetteer
    from marsad.records.visibility import visible_incidents

    return analysis.enrich(incidents_table(visible_incidents(user)), default_gazetteer())
