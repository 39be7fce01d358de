"""Everything a reviewer decides, as library functions the pages, the CLI and the tests share.

Each function checks the person's permission, runs in one transaction, lands in the change log
(the records are audited) and is recorded as a ``Decision`` that :func:`undo` can reverse.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from marsad.audit.context import acting_as
from marsad.records import generation
from marsad.records.models import Incident, IncidentReport, SourceReport
from marsad.review import linking, state, workflow
from marsad.review.decisions import (
    ReviewError,
    decide,
    require,
    require_reviewer,
    require_visible,
)
from marsad.review.models import Comment, Decision

__all__ = [
    "COMMENT",
    "FIGURES",
    "Proposal",
    "ReviewError",
    "add_comment",
    "assign",
    "can_undo",
    "link",
    "merge",
    "new_incident",
    "reconcile",
    "reconcile_incident",
    "reviewers",
    "split",
    "transition",
    "undo",
    "unlink",
    "unlinked_reports",
]

# Whoever may see how an incident is built from its accounts (reviewers, analysts,
# administrators) may discuss it; monitors enter accounts and do not see the linking.
COMMENT = "records.view_incidentreport"
FIGURES = Incident.FIGURES

# The linking decisions live in their own module; they are part of this API all the same.
link = linking.link
unlink = linking.unlink
new_incident = linking.new_incident
split = linking.split
merge = linking.merge


@dataclass(frozen=True)
class Proposal:
    """Reconciled casualty figures proposed by the cross-checking engine, and its rule."""

    killed_low: int | None
    killed_best: int | None
    killed_high: int | None
    injured_low: int | None
    injured_best: int | None
    injured_high: int | None
    rule: str


def reconcile_incident(incident: Incident, reports=None) -> Proposal | None:
    """The cross-checking engine's proposal for ``incident``'s figures from its accounts
    (independent sources only, low / median / high), or ``None`` without accounts.
    ``reports``: all of its accounts, when the caller has them at hand."""
    from marsad.engines.crosscheck_figures import figures
    from marsad.engines.crosscheck_reconcile import RULE_TEXT

    fields = ("pk", "source_id", "repeats_source_id", "killed", "injured")
    rows = (
        incident.reports.values_list(*fields)
        if reports is None
        else [tuple(getattr(report, name) for name in fields) for report in reports]
    )
    accounts = [{"report_id": pk, **dict(zip(fields[1:], rest, strict=True))} for pk, *rest in rows]
    if not accounts:
        return None
    return Proposal(**figures(accounts), rule=RULE_TEXT)


def transition(incident: Incident, target: str, user, reason: str = "") -> Decision:
    """Move ``incident`` to status ``target`` as the workflow table allows."""
    require_visible(user, incident)
    try:
        move = workflow.check(incident.status, target, user.has_perm, reason)
    except workflow.WorkflowError as refused:
        if refused.code == "forbidden":
            raise PermissionDenied(workflow.find(incident.status, target).permission) from refused
        if refused.code == "reason_required":
            raise ReviewError(_("Give a reason for this decision.")) from refused
        raise ReviewError(_("This status change is not possible from here.")) from refused

    def change():
        incident.status = target
        incident.save(update_fields=["status", "updated_at"])
        return ()

    return decide(
        Decision.Kind.TRANSITION,
        user,
        incidents=[incident],
        reason=reason,
        change=change,
        extra={"transition": move.name, "from": move.source, "to": move.target},
    )


def reviewers():
    """Active users who may review (hold ``change_incident``), for assignment.  Who holds the
    permission is worked out once per data generation (memberships and permissions change
    it): the query joins users, groups and permissions twice over."""
    holders = generation.cached(
        "reviewers", (), lambda: list(_reviewers().values_list("pk", flat=True))
    )
    return get_user_model().objects.filter(pk__in=holders, is_active=True).order_by("username")


def _reviewers():
    users = get_user_model().objects.filter(is_active=True)
    holds = Q(is_superuser=True)
    holds |= Q(
        user_permissions__codename="change_incident",
        user_permissions__content_type__app_label="records",
    )
    holds |= Q(
        groups__permissions__codename="change_incident",
        groups__permissions__content_type__app_label="records",
    )
    return users.filter(holds).distinct().order_by("username")


def assign(incident: Incident, assignee, user) -> Decision:
    """Make ``assignee`` (a reviewer, or ``None`` to unassign) responsible for ``incident``."""
    require(user, workflow.REVIEW)
    require_visible(user, incident)
    if assignee is not None and not (assignee.is_active and assignee.has_perm(workflow.REVIEW)):
        raise ReviewError(_("Only a reviewer can be assigned an incident."))
    if incident.assignee_id == (assignee.pk if assignee else None):
        raise ReviewError(_("The incident is already assigned that way."))

    def change():
        incident.assignee = assignee
        incident.save(update_fields=["assignee", "updated_at"])
        return ()

    return decide(Decision.Kind.ASSIGN, user, incidents=[incident], change=change)


def reconcile(incident: Incident, user, figures: dict, reason: str, rule: str = "") -> Decision:
    """Set the reconciled killed/injured low, best and high, with the reason (kept as the
    rule unless ``rule`` is given, e.g. the engine's when accepting its proposal)."""
    require_reviewer(user, incident)
    if not reason.strip():
        raise ReviewError(_("Give a reason for this decision."))
    for measure in ("killed", "injured"):
        low, best, high = (figures.get(f"{measure}_{part}") for part in ("low", "best", "high"))
        given = [v for v in (low, best, high) if v is not None]
        if given and len(given) != 3:
            raise ReviewError(_("Give low, best and high together, or none of them."))
        if given and not (0 <= low <= best <= high):
            raise ReviewError(_("The figures must read low ≤ best ≤ high."))

    def change():
        for name in FIGURES:
            setattr(incident, name, figures.get(name))
        incident.reconciliation_rule = (rule or _("reviewer: %(reason)s") % {"reason": reason})[
            :200
        ].strip()
        incident.save(update_fields=[*FIGURES, "reconciliation_rule", "updated_at"])
        return ()

    return decide(Decision.Kind.RECONCILE, user, incidents=[incident], reason=reason, change=change)


def undo(decision: Decision, user, reason: str = "") -> Decision:
    """Put back exactly what ``decision`` changed (status, assignee, figures, links), as a
    decision of its own. Refused while a later decision has changed the same things."""
    require(user, workflow.REVIEW)
    incidents = list(decision.incidents.all())
    require_visible(user, *incidents)
    with transaction.atomic(), acting_as(user):
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
        if not decision.undoable:
            raise ReviewError(_("This decision has already been undone."))
        before, after = decision.payload["before"], decision.payload["after"]
        if any(workflow.touches_publication(*move) for move in state.status_moves(before, after)):
            require(user, workflow.PUBLISH)
        stale = state.conflicts(before, after)
        if stale:
            raise ReviewError(
                _("Later decisions changed incident %(ids)s again: undo those first.")
                % {"ids": ", ".join(f"#{pk}" for pk in stale)}
            )

        def change():
            state.restore(before, after)
            return ()

        reversal = decide(
            Decision.Kind.UNDO,
            user,
            incidents=incidents,
            reports=decision.reports.values_list("pk", flat=True),
            reason=reason,
            change=change,
            extra={"undoes": decision.pk, "undone_kind": decision.kind},
        )
        decision.undone_by = reversal
        decision.undone_at = timezone.now()
        decision.save(update_fields=["undone_by", "undone_at"])
    return reversal


def can_undo(decision: Decision, user) -> bool:
    """Whether :func:`undo` would accept this decision from ``user`` now (for the pages, which
    offer "undo" only where it works)."""
    if not decision.undoable or not user.has_perm(workflow.REVIEW):
        return False
    before, after = decision.payload["before"], decision.payload["after"]
    moves = state.status_moves(before, after)
    if any(workflow.touches_publication(*m) for m in moves) and not user.has_perm(workflow.PUBLISH):
        return False
    return not state.conflicts(before, after)


def add_comment(incident: Incident, user, text: str) -> Comment:
    require(user, COMMENT)
    require_visible(user, incident)
    text = text.strip()
    if not text:
        raise ReviewError(_("Write something before posting a comment."))
    return Comment.objects.create(incident=incident, author=user, text=text)


def unlinked_reports(queryset=None):
    """Accounts no incident includes yet (from monitors and imports), oldest first."""
    queryset = SourceReport.objects.all() if queryset is None else queryset
    linked = IncidentReport.objects.values("report_id")
    return queryset.exclude(pk__in=linked).order_by("created_at", "id")
