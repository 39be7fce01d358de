"""What waits for a reviewer, in the order it should be done."""

from __future__ import annotations

from django.db.models import Case, Count, IntegerField, QuerySet, Value, When

from marsad.records.models import Incident
from marsad.records.visibility import visible_incidents, visible_reports
from marsad.review.services import unlinked_reports

S = Incident.Status
# Work already started comes first: what the reviewer is in the middle of, then what came back
# with more information, then new work; verified incidents wait only for publication.
MY_ORDER = [S.IN_REVIEW, S.NEEDS_INFORMATION, S.SUBMITTED, S.DRAFT, S.VERIFIED]


def _incidents(user, incident_type: str) -> QuerySet[Incident]:
    incidents = visible_incidents(user).select_related("place", "assignee")
    if incident_type:
        incidents = incidents.filter(type=incident_type)
    return incidents.annotate(accounts=Count("links"))


def assigned_to(user, incident_type: str = "") -> QuerySet[Incident]:
    rank = Case(
        *(When(status=status, then=Value(i)) for i, status in enumerate(MY_ORDER)),
        default=Value(len(MY_ORDER)),
        output_field=IntegerField(),
    )
    return (
        _incidents(user, incident_type)
        .filter(assignee=user, status__in=MY_ORDER)
        .annotate(rank=rank)
        .order_by("rank", "updated_at", "id")
    )


def unassigned_submitted(user, incident_type: str = "") -> QuerySet[Incident]:
    """First come, first served."""
    return (
        _incidents(user, incident_type)
        .filter(status=S.SUBMITTED, assignee__isnull=True)
        .order_by("created_at", "id")
    )


def needing_information(user, incident_type: str = "") -> QuerySet[Incident]:
    """Longest waiting first."""
    return (
        _incidents(user, incident_type)
        .filter(status=S.NEEDS_INFORMATION)
        .order_by("updated_at", "id")
    )


def unlinked_accounts(user, incident_type: str = ""):
    accounts = visible_reports(user).select_related("source", "place")
    if incident_type:
        accounts = accounts.filter(type=incident_type)
    return unlinked_reports(accounts)
