"""Cross-checking the database: score new accounts against what exists, file them into
incidents without undoing any reviewer's decision, and queue the doubtful pairs for review.

The pure engine (:mod:`marsad.engines.crosscheck`) does the work on Arrow tables; this module
reads the database into those tables and writes the outcome back, in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
from django.db import transaction
from django.utils import timezone

from marsad.audit.context import acting_as
from marsad.codebook.services import active_version
from marsad.crosscheck.models import CandidatePair, PairDecision, Run
from marsad.crosscheck.tables import actors_for_engine, reports_table
from marsad.engines import crosscheck
from marsad.engines.crosscheck_reconcile import RULE_TEXT
from marsad.places.models import Place
from marsad.places.services import control_layer
from marsad.records import generation
from marsad.records.models import Incident, IncidentReport, SourceReport

#: Incidents whose figures the machine may still set: a reviewer has not reconciled them.
MACHINE_STATUSES = ("draft", "submitted", "in_review")
QUEUE_LIMIT = 5000


def assignments() -> pa.Table:
    """Every linked account and its incident (rejected incidents no longer hold accounts)."""
    links = (
        IncidentReport.objects.exclude(incident__status=Incident.Status.REJECTED)
        .order_by("report_id", "incident_id")
        .values_list("report_id", "incident_id")
    )
    seen: dict[int, int] = {}
    for report_id, incident_id in links.iterator(chunk_size=10000):
        seen.setdefault(report_id, incident_id)
    return pa.table(
        {"report_id": list(seen), "cluster_id": list(seen.values())},
        schema=pa.schema([("report_id", pa.int64()), ("cluster_id", pa.int64())]),
    )


def decisions() -> pa.Table:
    """Reviewers' standing verdicts on pairs: the latest one not undone, "unsure" left out."""
    latest: dict[tuple[int, int], str] = {}
    rows = PairDecision.objects.filter(undone_at__isnull=True).order_by("decided_at", "id")
    for a, b, verdict in rows.values_list("report_a_id", "report_b_id", "verdict"):
        latest[(a, b)] = verdict
    kept = [(a, b, v == "same") for (a, b), v in latest.items() if v != "unsure"]
    return pa.table(
        {
            "report_id_l": [a for a, _, _ in kept],
            "report_id_r": [b for _, b, _ in kept],
            "same": [same for _, _, same in kept],
        },
        schema=pa.schema(
            [("report_id_l", pa.int64()), ("report_id_r", pa.int64()), ("same", pa.bool_())]
        ),
    )


@dataclass
class Outcome:
    run: Run
    result: crosscheck.Result


def run_crosscheck(*, full: bool = False, user=None) -> Outcome:
    """Score the accounts entered since the last run (all of them with ``full``) against the
    others, link them into incidents and queue doubtful pairs.  Re-running with nothing new
    changes nothing."""
    last = Run.objects.filter(finished_at__isnull=False).order_by("-id").first()
    watermark = 0 if full or last is None else last.scored_up_to
    new = reports_table(SourceReport.objects.filter(pk__gt=watermark))
    existing = reports_table(SourceReport.objects.filter(pk__lte=watermark))
    linked, verdicts = assignments(), decisions()
    model = crosscheck.load_model()
    result = crosscheck.run(
        new, existing, assignments=linked, decisions=verdicts, model=model,
        actors=actors_for_engine(),
    )  # fmt: skip
    with transaction.atomic(), acting_as(user, "marsad crosscheck"):
        run = Run.objects.create(parameters=model.raw)
        counts = _file_new_reports(result, new, linked, run)
        everything = pa.concat_tables([new, existing]) if existing.num_rows else new
        pairs_found = _queue_pairs(result, everything, verdicts, run, model)
        newest = max(new.column("report_id").to_pylist(), default=watermark)
        Run.objects.filter(pk=run.pk).update(
            finished_at=timezone.now(),
            scored_up_to=max(newest, watermark),
            new_reports=new.num_rows,
            pairs_found=pairs_found,
            **counts,
        )
        run.refresh_from_db()
    return Outcome(run, result)


def _file_new_reports(result, new: pa.Table, linked: pa.Table, run: Run) -> dict[str, int]:
    existing_ids = set(linked.column("cluster_id").to_pylist())
    # Accounts a reviewer (or an earlier run) already filed stay where they are.
    new_ids = set(new.column("report_id").to_pylist()) - set(linked.column("report_id").to_pylist())
    members: dict[int, list[int]] = {}
    for row in result.clusters.to_pylist():
        if row["report_id"] in new_ids:
            members.setdefault(row["cluster_id"], []).append(row["report_id"])
    reconciled = {row["cluster_id"]: row for row in result.incidents.to_pylist()}
    places = _places({reconciled[c].get("pcode") for c in members if c not in existing_ids})
    layer, version = control_layer(), active_version()
    created = linked = 0
    note = f"cross-checking run #{run.pk}"
    for cluster_id, report_ids in members.items():
        if cluster_id in existing_ids:
            incident = Incident.objects.get(pk=cluster_id)
        else:
            incident = _new_incident(reconciled[cluster_id], places, layer, version)
            created += 1
        IncidentReport.objects.bulk_create(
            [IncidentReport(incident=incident, report_id=pk, note=note) for pk in report_ids]
        )
        linked += len(report_ids)
        _update_figures(incident, reconciled.get(cluster_id))
    if linked:
        generation.bump()  # bulk_create sends no signals
    return {"incidents_created": created, "reports_linked": linked}


def _places(pcodes: set) -> dict[str, Place]:
    return {p.pcode: p for p in Place.objects.filter(pcode__in=[c for c in pcodes if c])}


def _new_incident(row: dict, places: dict[str, Place], layer, version) -> Incident:
    incident = Incident(
        codebook_version=version,
        type=row.get("type") or "",
        method=row.get("method") or "",
        target_status=row.get("target_status") or "",
        date=row.get("date"),
        date_end=row.get("date_end"),
        date_precision=row.get("date_precision") or "day",
        place=places.get(row.get("pcode") or ""),
        place_precision=row.get("place_precision") or "community",
        status=Incident.Status.SUBMITTED,
    )
    _set_figures(incident, row)
    incident.derive_control(layer)  # one layer for the whole run, not one per save
    incident.save()
    return incident


def _set_figures(incident: Incident, row: dict) -> None:
    for name in ("killed", "injured"):
        for bound in ("low", "best", "high"):
            setattr(incident, f"{name}_{bound}", row.get(f"{name}_{bound}"))
    incident.reconciliation_rule = row["rule_text"][:200]
    incident.confidence = row.get("confidence") or ""


def _update_figures(incident: Incident, row: dict | None) -> None:
    """Refresh the figures of an incident the machine still owns (never a reviewer's)."""
    if row is None or incident.status not in MACHINE_STATUSES:
        return
    if incident.reconciliation_rule not in ("", RULE_TEXT[:200]):
        return
    _set_figures(incident, row)
    incident.save()


def _queue_pairs(result, reports: pa.Table, verdicts: pa.Table, run: Run, model) -> int:
    queue = crosscheck.review_queue(
        result.pairs, reports, model=model, clusters=result.clusters, decisions=verdicts,
        limit=QUEUE_LIMIT,
    )  # fmt: skip
    scored = {(row["report_id_l"], row["report_id_r"]): row for row in result.pairs.to_pylist()}
    levels = [c.name for c in model.comparisons]
    rows = queue.to_pylist()
    keys = [(row["report_id_l"], row["report_id_r"]) for row in rows]
    # A pair queued by an earlier run is replaced by this run's score.
    wanted = set(keys)
    candidates = CandidatePair.objects.filter(report_a_id__in={a for a, _ in keys})
    stale = [
        pk
        for pk, a, b in candidates.values_list("pk", "report_a_id", "report_b_id")
        if (a, b) in wanted
    ]
    CandidatePair.objects.filter(pk__in=stale).delete()
    CandidatePair.objects.bulk_create(
        [
            CandidatePair(
                report_a_id=a,
                report_b_id=b,
                probability=row["match_probability"],
                priority=row["priority"],
                comparisons={n: scored.get((a, b), {}).get(f"gamma_{n}") for n in levels},
                run=run,
            )
            for (a, b), row in zip(keys, rows, strict=True)
        ],
        batch_size=1000,
    )
    return len(rows)


def explain_report(report_id: int) -> list:
    """Every candidate match of one report, scored now, with each comparison's contribution."""
    if not SourceReport.objects.filter(pk=report_id).exists():
        raise LookupError(f"There is no report {report_id}.")
    model = crosscheck.load_model()
    one = reports_table(SourceReport.objects.filter(pk=report_id))
    others = reports_table(SourceReport.objects.exclude(pk=report_id))
    pairs = crosscheck.score(one, others, model=model, actors=actors_for_engine())
    return crosscheck.explain_report(report_id, pairs, model)


def evaluate_against(truth: dict[int, int]) -> crosscheck.Metrics:
    """Pairwise and B-cubed scores of the database's incidents against ``truth`` (report id →
    true incident label), over the reports in ``truth``; an unlinked report is alone."""
    linked = dict(zip(*assignments().to_pydict().values(), strict=True))
    # An unlinked report is an incident of its own: give it a label no incident id can take.
    predicted = {pk: linked.get(pk, -pk) for pk in truth}
    return crosscheck.evaluate(predicted, truth)
