"""Who may enter and edit which report, saving a checked form, and keeping drafts."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from marsad.entry import dating
from marsad.entry.models import Draft
from marsad.records.models import SourceReport
from marsad.records.visibility import visible_reports

# Reviewers conclude incidents from accounts, so they may correct any account they can see;
# everyone else (monitors) only the accounts they entered themselves.
EDIT_ANY = "records.change_incident"
MAX_DRAFT_VALUES = 200
MAX_DRAFT_VALUE = 20_000


def editable_reports(user) -> QuerySet[SourceReport]:
    reports = visible_reports(user)
    if not user.has_perm(EDIT_ANY):
        reports = reports.filter(created_by=user)
    return reports


def my_reports(user) -> QuerySet[SourceReport]:
    return (
        visible_reports(user)
        .filter(created_by=user)
        .select_related("place", "source")
        .order_by("-created_at", "-id")
    )


def storage_key(user, incident_type: str, report: SourceReport | None) -> str:
    """The browser's localStorage key of a form: one per user, type and report."""
    return f"marsad-entry:{user.get_username()}:{incident_type}:{report.pk if report else 'new'}"


def initial_from_report(form, report: SourceReport) -> dict[str, str]:
    """The form's inputs showing a stored report (fields without a column come from ``raw``)."""
    typed = (report.raw or {}).get("entry", {}) if isinstance(report.raw, dict) else {}
    initial: dict[str, str] = {}
    for spec in form.specs:
        if spec.model_field is None:
            initial[spec.name] = str(typed.get(spec.name, ""))
            continue
        value = getattr(report, spec.model_field)
        if spec.widget == "place":
            initial[spec.name] = value.pcode if value else ""
        elif spec.widget == "actor":
            initial[spec.name] = str(value.pk) if value else ""
        else:
            initial[spec.name] = "" if value is None else str(value)
        if spec.text_field:
            initial[f"{spec.name}_text"] = getattr(report, spec.text_field) or (
                str(value) if value and spec.widget == "actor" else ""
            )
    if report.place_id and not initial.get("place_text"):
        initial["place_text"] = report.place.name
    initial.update(dating.inputs(report.date, report.date_precision, report.date_end))
    initial.update(source=str(report.source_id), source_query=report.source.name)
    return initial


def save_report(form, draft: Draft | None) -> SourceReport:
    """Save the checked report with any new source and actors it names; drop its draft."""
    reader = form.reader
    with transaction.atomic():
        reader.create_linked()
        report = reader.report
        report.save()
        if draft is not None:
            draft.delete()
        Draft.objects.filter(user=form.user, report=report).delete()
    return report


def clean_draft_data(data: object, sensitive: set[str]) -> dict[str, str] | None:
    """Draft values as strings, without sensitive inputs; None for something that is not one."""
    if not isinstance(data, dict) or len(data) > MAX_DRAFT_VALUES:
        return None
    kept = {}
    for name, value in data.items():
        if not isinstance(name, str) or name in sensitive or name == "csrfmiddlewaretoken":
            continue
        text = "" if value is None else str(value)
        if len(text) > MAX_DRAFT_VALUE:
            return None
        if text:
            kept[name] = text
    return kept


def keep_draft(user, incident_type, report, draft_id, data: dict[str, str]) -> Draft:
    """Update the user's draft ``draft_id`` (if it is theirs and for this form) or start one."""
    draft = None
    if str(draft_id or "").isdigit():
        draft = Draft.objects.filter(
            pk=int(draft_id), user=user, incident_type=incident_type, report=report
        ).first()
    if draft is None:
        draft = Draft(user=user, incident_type=incident_type, report=report)
    draft.data = data
    draft.save()
    return draft


def own_draft(user, draft_id, incident_type=None, report=None) -> Draft | None:
    if not str(draft_id or "").isdigit():
        return None
    drafts = Draft.objects.filter(pk=int(draft_id), user=user)
    if incident_type is not None:
        drafts = drafts.filter(incident_type=incident_type, report=report)
    return drafts.first()
