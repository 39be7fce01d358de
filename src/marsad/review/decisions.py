"""How a reviewer decision is carried out and remembered, shared by every service function:
permission checks, one transaction, the state before and after, the ``Decision`` row."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction

from marsad.audit.context import acting_as
from marsad.records.models import Incident
from marsad.records.visibility import visible_incidents
from marsad.review.models import Decision
from marsad.review.state import capture
from marsad.review.workflow import PUBLISH, REVIEW


class ReviewError(Exception):
    """A decision that cannot be made as asked; the message is for the reviewer."""


def require(user, permission: str) -> None:
    if user is None or not user.is_active or not user.has_perm(permission):
        raise PermissionDenied(permission)


def require_visible(user, *incidents: Incident) -> None:
    """Service functions are called by views that already looked the incident up through
    ``visible_incidents``; checking again keeps the CLI and tests honest too."""
    ids = {incident.pk for incident in incidents}
    if visible_incidents(user).filter(pk__in=ids).count() != len(ids):
        raise PermissionDenied("incident not visible")


def require_reviewer(user, *incidents: Incident) -> None:
    require(user, REVIEW)
    require_visible(user, *incidents)
    if any(i.status == Incident.Status.PUBLISHED for i in incidents):
        # Changing what a published incident is made of changes what readers see.
        require(user, PUBLISH)


def decide(
    kind: str,
    user,
    *,
    incidents: Iterable[Incident],
    reports: Iterable[int] = (),
    reason: str = "",
    change: Callable[[], Iterable[Incident]],
    extra: dict | None = None,
) -> Decision:
    """Run ``change`` in one transaction and record it. ``change`` returns the incidents it
    created, which the decision also remembers (as absent before it)."""
    ids = {incident.pk for incident in incidents}
    with transaction.atomic(), acting_as(user):
        # Lock the rows so two reviewers cannot decide on the same incident at once.
        list(Incident.objects.select_for_update().filter(pk__in=ids).values_list("pk"))
        before = capture(ids)
        created = {incident.pk for incident in change()}
        after = capture(ids | created)
        before.update({str(pk): None for pk in created})
        decision = Decision.objects.create(
            kind=kind,
            author=user,
            reason=reason.strip(),
            payload={**(extra or {}), "before": before, "after": after},
        )
        decision.incidents.set(ids | created)
        decision.reports.set(set(reports))
    return decision
