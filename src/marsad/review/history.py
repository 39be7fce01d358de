"""An incident's change history as people read it: who changed what, when, newest first.

Read from the audit change log (every save of the incident and of its links to accounts), with
what the reader may not see left out (``hidden_changes``) and sensitive values never shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.utils.translation import gettext as _

from marsad.audit.models import ChangeLog
from marsad.audit.registry import REDACTED
from marsad.records.models import Incident, IncidentReport, Source
from marsad.records.visibility import hidden_changes

# Bookkeeping every save touches, and derived text: not worth a line in the history.
SKIPPED = {"id", "created_at", "updated_at", "search_text", "content_hash", "demo_key"}
USER_FIELDS = {"assignee", "linked_by", "created_by"}


@dataclass
class Entry:
    at: object
    who: str
    summary: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (field, before, after)


def _entries_for(incident: Incident, user):
    link_model = IncidentReport._meta.label
    about_links = Q(model=link_model) & (
        Q(after__incident=incident.pk) | Q(before__incident=incident.pk)
    )
    mine = Q(model=Incident._meta.label, object_id=str(incident.pk)) | about_links
    return ChangeLog.objects.filter(mine).exclude(hidden_changes(user)).order_by("-at", "-id")


def change_history(incident: Incident, user, limit: int = 100) -> list[Entry]:
    rows = list(_entries_for(incident, user)[:limit])
    names = _usernames(rows)
    return [_describe(row, incident, names) for row in rows]


def _usernames(rows) -> dict[int, str]:
    ids = set()
    for row in rows:
        for values in (row.before or {}, row.after or {}):
            ids.update(values[name] for name in USER_FIELDS if values.get(name))
    return dict(get_user_model().objects.filter(pk__in=ids).values_list("pk", "username"))


def _describe(row: ChangeLog, incident: Incident, names: dict[int, str]) -> Entry:
    entry = Entry(at=row.at, who=row.actor_label or "—", summary="")
    if row.model == IncidentReport._meta.label:
        entry.summary = _link_summary(row, incident)
        return entry
    if row.action == ChangeLog.Action.CREATE:
        entry.summary = _("incident recorded")
        return entry
    entry.summary = _("incident changed")
    before, after = row.before or {}, row.after or {}
    for name in row.changed_fields():
        if name in SKIPPED or name in Source.sensitive_fields():
            continue
        entry.changes.append(
            (
                _label(name),
                _value(name, before.get(name), names),
                _value(name, after.get(name), names),
            )
        )
    return entry


def _link_summary(row: ChangeLog, incident: Incident) -> str:
    before, after = row.before or {}, row.after or {}
    report = after.get("report") or before.get("report")
    if row.action == ChangeLog.Action.CREATE:
        return _("account #%(report)s linked") % {"report": report}
    if row.action == ChangeLog.Action.DELETE:
        return _("account #%(report)s unlinked") % {"report": report}
    if after.get("incident") == incident.pk:
        return _("account #%(report)s moved here from incident #%(other)s") % {
            "report": report,
            "other": before.get("incident"),
        }
    return _("account #%(report)s moved to incident #%(other)s") % {
        "report": report,
        "other": after.get("incident"),
    }


def _label(name: str) -> str:
    try:
        return str(Incident._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _value(name: str, value, names: dict[int, str]) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(value, str) and value.startswith(REDACTED):
        return _("(sensitive: not shown)")
    if name == "status":
        return str(dict(Incident.Status.choices).get(value, value))
    if name in USER_FIELDS:
        return names.get(value, f"#{value}")
    return str(value)
