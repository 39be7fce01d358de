"""Which accounts make up which incident: link, unlink, a new incident from an account, split
and merge. Used through :mod:`marsad.review.services`; each call is one recorded decision.

One account tells of one incident, so an account is linked to at most one: moving it elsewhere
is an unlink and a link (or a split or a merge), each of which can be undone.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from marsad.records.models import Claims, Incident, IncidentReport, SourceReport
from marsad.records.visibility import visible_reports
from marsad.review.decisions import ReviewError, decide, require, require_reviewer
from marsad.review.models import Decision
from marsad.review.workflow import REJECTED, SUBMITTED

# Every claim an account makes that an incident also has (not the bookkeeping timestamps).
CLAIMS = [f.name for f in Claims._meta.fields if f.editable and f.name != "id"]
ADD_INCIDENT = "records.add_incident"


def incident_from(report: SourceReport) -> Incident:
    """A new (unsaved) incident that says what ``report`` says, waiting for review."""
    incident = Incident(**{name: getattr(report, name) for name in CLAIMS})
    for measure in ("killed", "injured"):
        for part in ("low", "best", "high"):
            setattr(incident, f"{measure}_{part}", getattr(report, measure))
    incident.reconciliation_rule = _("copied from account #%(id)s") % {"id": report.pk}
    incident.status = SUBMITTED
    incident.confidence = "single_source"
    return incident


def _require_report_visible(user, report: SourceReport) -> None:
    if not visible_reports(user).filter(pk=report.pk).exists():
        raise PermissionDenied("account not visible")


def _refuse_if_linked(report: SourceReport, incident: Incident | None = None) -> None:
    current = report.links.first()
    if current is None:
        return
    if incident is not None and current.incident_id == incident.pk:
        raise ReviewError(_("This account is already part of this incident."))
    raise ReviewError(
        _(
            "This account is already part of incident #%(id)s: unlink it there first, "
            "or merge the two incidents."
        )
        % {"id": current.incident_id}
    )


def link(incident: Incident, report: SourceReport, user, note: str = "") -> Decision:
    require_reviewer(user, incident)
    _require_report_visible(user, report)
    _refuse_if_linked(report, incident)

    def change():
        IncidentReport.objects.create(
            incident=incident, report=report, linked_by=user, note=note.strip()[:300]
        )
        return ()

    return decide(
        Decision.Kind.LINK,
        user,
        incidents=[incident],
        reports=[report.pk],
        reason=note,
        change=change,
    )


def unlink(incident: Incident, report: SourceReport, user, reason: str = "") -> Decision:
    require_reviewer(user, incident)
    current = incident.links.filter(report=report).first()
    if current is None:
        raise ReviewError(_("This account is not part of this incident."))

    def change():
        current.delete()
        return ()

    return decide(
        Decision.Kind.UNLINK,
        user,
        incidents=[incident],
        reports=[report.pk],
        reason=reason,
        change=change,
    )


def new_incident(report: SourceReport, user, reason: str = "") -> Decision:
    """A new incident (status submitted) copying the account's claims, with the account
    linked; ``decision.incidents`` holds it."""
    require(user, ADD_INCIDENT)
    require(user, "records.change_incident")
    _require_report_visible(user, report)
    _refuse_if_linked(report)

    def change():
        incident = incident_from(report)
        incident.save()
        IncidentReport.objects.create(incident=incident, report=report, linked_by=user)
        return [incident]

    return decide(
        Decision.Kind.CREATE,
        user,
        incidents=[],
        reports=[report.pk],
        reason=reason,
        change=change,
    )


def split(incident: Incident, report_ids: Iterable[int], user, reason: str = "") -> Decision:
    """Move the chosen accounts of ``incident`` into a new incident (copying the claims of
    the first of them)."""
    require_reviewer(user, incident)
    require(user, ADD_INCIDENT)
    moving = list(incident.links.filter(report_id__in=list(report_ids)).select_related("report"))
    if not moving:
        raise ReviewError(_("Choose the accounts to move to a new incident."))
    if len(moving) == incident.links.count():
        raise ReviewError(
            _("Leave at least one account in this incident; to drop it, reject it instead.")
        )

    def change():
        created = incident_from(moving[0].report)
        created.save()
        for current in moving:
            current.incident = created
            current.save(update_fields=["incident"])
        return [created]

    return decide(
        Decision.Kind.SPLIT,
        user,
        incidents=[incident],
        reports=[current.report_id for current in moving],
        reason=reason,
        change=change,
        extra={"from": incident.pk},
    )


def merge(target: Incident, other: Incident, user, reason: str = "") -> Decision:
    """Move every account of ``other`` into ``target``; ``other`` is rejected with the reason
    "merged into #N" and kept, so links to it and its history still make sense."""
    if target.pk == other.pk:
        raise ReviewError(_("An incident cannot be merged into itself."))
    require_reviewer(user, target, other)
    moving = list(other.links.all())
    already = set(target.links.values_list("report_id", flat=True))

    def change():
        for current in moving:
            if current.report_id in already:
                current.delete()
            else:
                current.incident = target
                current.save(update_fields=["incident"])
        other.status = REJECTED
        other.save(update_fields=["status", "updated_at"])
        return ()

    note = f"merged into #{target.pk}" + (f" — {reason.strip()}" if reason.strip() else "")
    return decide(
        Decision.Kind.MERGE,
        user,
        incidents=[target, other],
        reports=[current.report_id for current in moving],
        reason=note,
        change=change,
        extra={"into": target.pk, "from": other.pk},
    )
