"""Loading the generated demo set (``marsad.engines.demo``) into the database, idempotently."""

from __future__ import annotations

import statistics

from django.db import transaction

from marsad.audit.context import acting_as
from marsad.codebook.services import active_version
from marsad.engines.demo import CASE_STUDY_PLACES, DemoPlace, generate_demo
from marsad.engines.gazetteer import default_gazetteer
from marsad.places.models import Place
from marsad.places.services import control_layer
from marsad.records.models import Actor, Incident, IncidentReport, Source, SourceReport

# The demo spreads incidents over review states the way a working desk would have them.
DEMO_STATUSES = [
    "published",
    "published",
    "verified",
    "verified",
    "in_review",
    "submitted",
    "draft",
]


def demo_places() -> list[DemoPlace]:
    """Resolve the demo's case-study places through the gazetteer (so P-codes are real)."""
    gazetteer = default_gazetteer()
    resolved = []
    for wanted in CASE_STUDY_PLACES:
        found = gazetteer.match(
            wanted.name_en, within=wanted.governorate_pcode, level="community", limit=1
        ) or gazetteer.match(wanted.name_ar, within=wanted.governorate_pcode, limit=1)
        if not found:
            continue
        place = gazetteer.get(found[0].pcode)
        assert place is not None
        resolved.append(
            DemoPlace(
                pcode=place.pcode,
                name_en=place.name_en,
                name_ar=place.name_ar,
                latitude=place.latitude,
                longitude=place.longitude,
                governorate_pcode=wanted.governorate_pcode,
            )
        )
    return resolved


def _claim_values(row: dict) -> dict:
    """The report's claims as model field values ('' for a missing text, None for a number)."""
    values = {}
    for name in SourceReport.RECORD_FIELDS:
        value = row.get(name)
        values[name] = (
            "" if value is None and not SourceReport._meta.get_field(name).null else value
        )
    return values


def load_demo(seed: int = 2020) -> dict[str, int]:
    """Create the demo actors, sources, reports and incidents that are not there yet."""
    demo = generate_demo(demo_places(), seed=seed)
    version = active_version()
    places = {
        p.pcode: p
        for p in Place.objects.filter(
            pcode__in={r["place_pcode"] for r in demo.reports}
            | {i["place_pcode"] for i in demo.incidents}
        )
    }
    created = 0
    with transaction.atomic(), acting_as(None, "marsad demo"):
        actors = {a.demo_key: a for a in Actor.objects.exclude(demo_key="")}
        for row in sorted(demo.actors, key=lambda a: a["parent_key"] is not None):
            if row["key"] not in actors:
                actors[row["key"]] = Actor.objects.create(
                    demo_key=row["key"],
                    name_en=row["name_en"],
                    name_ar=row["name_ar"],
                    aliases=row["aliases"],
                    actor_type=row["actor_type"],
                    parent=actors.get(row["parent_key"]) if row["parent_key"] else None,
                )
                created += 1
        sources = {s.demo_key: s for s in Source.objects.exclude(demo_key="")}
        for row in demo.sources:
            if row["key"] not in sources:
                sources[row["key"]] = Source.objects.create(
                    demo_key=row["key"],
                    name=row["name"],
                    source_type=row["source_type"],
                    identity=row["identity"],
                    contact=row["contact"],
                    language=row["language"],
                )
                created += 1
        reports = {r.demo_key: r for r in SourceReport.objects.exclude(demo_key="")}
        for row in demo.reports:
            if row["key"] in reports:
                continue
            reports[row["key"]] = SourceReport.objects.create(
                demo_key=row["key"],
                codebook_version=version,
                source=sources[row["source_key"]],
                report_id=row["report_id"],
                received_at=row["received_at"],
                place=places.get(row["place_pcode"]),
                place_text=row["place_text"],
                perpetrator=actors.get(row["perpetrator_key"]) if row["perpetrator_key"] else None,
                perpetrator_text=row["perpetrator_text"] or "",
                raw={k: str(v) if v is not None else None for k, v in row.items()},
                **_claim_values(row),
            )
            created += 1
        incidents = {i.demo_key: i for i in Incident.objects.exclude(demo_key="")}
        accounts: dict[str, list[SourceReport]] = {}
        for row in demo.reports:
            accounts.setdefault(row["incident_key"], []).append(reports[row["key"]])
        layer = control_layer()
        for number, row in enumerate(demo.incidents):
            if row["key"] in incidents:
                continue
            incident = _incident_from(row, accounts[row["key"]], number, version, places, actors)
            incident.derive_control(layer)
            incident.save()
            for report in accounts[row["key"]]:
                IncidentReport.objects.create(incident=incident, report=report, note="demo")
            created += 1
    return {
        "created": created,
        "reports": SourceReport.objects.count(),
        "incidents": Incident.objects.count(),
    }


def _incident_from(row, linked, number, version, places, actors) -> Incident:
    killed = [r.killed for r in linked if r.killed is not None]
    injured = [r.injured for r in linked if r.injured is not None]
    sources = {r.source_id for r in linked}
    return Incident(
        demo_key=row["key"],
        codebook_version=version,
        type=row["type"],
        date=row["date"],
        date_precision="day",
        place=places.get(row["place_pcode"]),
        place_precision="community",
        method=row.get("method") or "",
        operation_type=row.get("operation_type") or "",
        target=row.get("target") or "",
        target_status=row.get("target_status") or "",
        perpetrator=actors.get(row["perpetrator_key"]) if row.get("perpetrator_key") else None,
        perpetrator_type=(
            actors[row["perpetrator_key"]].actor_type if row.get("perpetrator_key") else "unknown"
        ),
        number_targeted=row.get("number_targeted"),
        target_gender=row.get("target_gender") or "",
        narrative_ar=row.get("summary_ar") or "",
        narrative_en=row.get("summary_en") or "",
        killed_low=min(killed) if killed else None,
        killed_best=round(statistics.median(killed)) if killed else None,
        killed_high=max(killed) if killed else None,
        injured_low=min(injured) if injured else None,
        injured_best=round(statistics.median(injured)) if injured else None,
        injured_high=max(injured) if injured else None,
        killed_civilian=row.get("killed_civilian"),
        killed_military=row.get("killed_military"),
        injured_civilian=row.get("injured_civilian"),
        injured_military=row.get("injured_military"),
        reconciliation_rule="demo: low/median/high of the linked accounts",
        status=DEMO_STATUSES[number % len(DEMO_STATUSES)],
        confidence="corroborated" if len(sources) > 1 else "single_source",
    )
