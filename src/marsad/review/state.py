"""The review state of incidents as plain data: what each decision records before and after,
what an undo checks and what it puts back.

An undo restores exactly the fields a decision changed, and only while they still hold the
values the decision gave them: when a later decision changed them again, that one has to be
undone first, so no undo silently overwrites someone else's work.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.auth import get_user_model

from marsad.records.models import Incident, IncidentReport
from marsad.review.workflow import REJECTED

FIELDS = (
    "status",
    "assignee_id",
    *Incident.FIGURES,
    "reconciliation_rule",
)
# What an incident a decision created "was" before it: nothing the desk counts. Incidents are
# never deleted, so undoing their creation rejects them and takes their accounts away.
ABSENT = {"status": REJECTED, "assignee_id": None, "links": []}

State = dict[str, dict | None]


def capture(incident_ids: Iterable[int]) -> State:
    """The review state of each incident (``None`` for an id that does not exist yet)."""
    ids = sorted(set(incident_ids))
    incidents = {i.pk: i for i in Incident.objects.filter(pk__in=ids)}
    links: dict[int, list[dict]] = {pk: [] for pk in ids}
    for link in IncidentReport.objects.filter(incident_id__in=ids).order_by("report_id"):
        links[link.incident_id].append(
            {
                "report": link.report_id,
                "linked_by": link.linked_by_id,
                "note": link.note,
                "linked_at": link.linked_at.isoformat() if link.linked_at else None,
            }
        )
    state: State = {}
    for pk in ids:
        incident = incidents.get(pk)
        if incident is None:
            state[str(pk)] = None
            continue
        values = {name: getattr(incident, name) for name in FIELDS}
        state[str(pk)] = {**values, "links": links[pk]}
    return state


def _comparable(values: dict, name: str):
    if name == "links":
        return sorted(link["report"] for link in values["links"])
    return values.get(name)


def changed_fields(before: State, after: State) -> dict[str, list[str]]:
    """Per incident, the fields (``links`` included) a decision changed."""
    changed: dict[str, list[str]] = {}
    for key, new in after.items():
        if new is None:
            continue
        old = {**new, **ABSENT} if before.get(key) is None else before[key]
        names = [n for n in (*FIELDS, "links") if _comparable(old, n) != _comparable(new, n)]
        if names:
            changed[key] = names
    return changed


def conflicts(before: State, after: State) -> list[int]:
    """Incidents where something this decision changed has changed again since."""
    current = capture(int(key) for key in after)
    stale = []
    for key, names in changed_fields(before, after).items():
        now = current.get(key)
        if now is None or any(_comparable(now, n) != _comparable(after[key], n) for n in names):
            stale.append(int(key))
    return stale


def status_moves(before: State, after: State) -> list[tuple[str, str]]:
    """(status after, status before) for each incident an undo would move."""
    moves = []
    for key, names in changed_fields(before, after).items():
        if "status" in names:
            old = before.get(key) or ABSENT
            moves.append((after[key]["status"], old["status"]))
    return moves


def restore(before: State, after: State) -> None:
    """Put back what the decision changed (call inside a transaction, after ``conflicts``)."""
    for key, names in changed_fields(before, after).items():
        old = before.get(key)
        old = {**after[key], **ABSENT} if old is None else old
        incident = Incident.objects.select_for_update().get(pk=int(key))
        fields = [n for n in names if n != "links"]
        for name in fields:
            setattr(incident, name, old[name])
        if fields:
            incident.save(update_fields=[*fields, "updated_at"])
        if "links" in names:
            _restore_links(incident, old["links"])


def _restore_links(incident: Incident, wanted: list[dict]) -> None:
    by_report = {link["report"]: link for link in wanted}
    for link in incident.links.all():
        if link.report_id not in by_report:
            link.delete()
    present = set(incident.links.values_list("report_id", flat=True))
    for report_id, old in by_report.items():
        if report_id in present:
            continue
        linker = old["linked_by"]
        if linker is not None and not get_user_model().objects.filter(pk=linker).exists():
            linker = None  # the account of whoever linked it has been removed since
        link = IncidentReport.objects.create(
            incident=incident, report_id=report_id, linked_by_id=linker, note=old["note"]
        )
        if old.get("linked_at"):
            # Back to when it was first linked, not when it was put back.
            IncidentReport.objects.filter(pk=link.pk).update(
                linked_at=datetime.datetime.fromisoformat(old["linked_at"])
            )
