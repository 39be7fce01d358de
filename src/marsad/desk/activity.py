"""Recent activity for the home page: the latest change-log entries about reports, incidents,
sources and actors that the reader may see, told in their language, never with a value."""

from __future__ import annotations

from django.apps import apps

from marsad.audit.models import ChangeLog
from marsad.desk.labels import Labels
from marsad.desk.scoping import reports_for
from marsad.desk.services import incident_url
from marsad.records.visibility import hidden_changes, visible_incidents

# Links between accounts and incidents are left out: one review makes a dozen of them.
MODELS = ("records.Incident", "records.SourceReport", "records.Source", "records.Actor")
# Bookkeeping columns whose change tells a reader nothing.
QUIET_FIELDS = {"updated_at", "search_text", "content_hash", "codebook_version", "raw"}


def recent_activity(user, labels: Labels, limit: int = 10) -> list[dict]:
    """Everyone's changes for those who may read the change log, otherwise the reader's own;
    in both cases without the entries about records hidden from them (``hidden_changes``)."""
    entries = ChangeLog.objects.filter(model__in=MODELS).exclude(hidden_changes(user))
    if not user.has_perm("audit.view_changelog"):
        entries = entries.filter(actor=user)
    entries = list(entries.order_by("-at", "-id")[:limit])
    names = _record_names(user, entries, labels)
    separator = "، " if labels.lang == "ar" else ", "
    activity = []
    for entry in entries:
        model = apps.get_model(entry.model)
        fields = {f.name: str(f.verbose_name) for f in model._meta.concrete_fields}
        changed = entry.changed_fields() if entry.action == ChangeLog.Action.UPDATE else []
        name = names.get((entry.model, entry.object_id))
        activity.append(
            {
                "at": entry.at,
                "who": entry.actor_label,
                "action": entry.get_action_display(),
                "what": str(model._meta.verbose_name),
                "record": name or entry.object_repr,
                "fields": separator.join(
                    fields.get(n, n) for n in changed if n not in QUIET_FIELDS
                ),
                "url": incident_url(int(entry.object_id))
                if name and entry.model == "records.Incident"
                else "",
            }
        )
    return activity


def _record_names(user, entries, labels: Labels) -> dict[tuple[str, str], str]:
    """Readable names of the incidents and reports still there (and visible): number, type
    in the reader's language, date and place, instead of the codes the log kept."""
    wanted: dict[str, set[int]] = {}
    for entry in entries:
        if entry.object_id.isdigit():
            wanted.setdefault(entry.model, set()).add(int(entry.object_id))
    names = {}
    incidents = visible_incidents(user).filter(pk__in=wanted.get("records.Incident", ()))
    for incident in incidents.select_related("place"):
        names[("records.Incident", str(incident.pk))] = _describe(
            f"#{incident.pk}", incident, labels
        )
    reports = reports_for(user).filter(pk__in=wanted.get("records.SourceReport", ()))
    for report in reports.select_related("source", "place").defer(
        "source__identity", "source__contact"
    ):
        label = f"{report.source.name} {report.report_id or f'#{report.pk}'}"
        names[("records.SourceReport", str(report.pk))] = _describe(label, report, labels)
    return names


def _describe(label: str, record, labels: Labels) -> str:
    parts = [label, labels.of("type", record.type)]
    if record.date:
        parts.append(record.date.isoformat())
    if record.place:
        parts.append(record.place.name)
    return " · ".join(parts)
