"""Which incidents a user may see: the one restriction every view, count, map, export and API
uses, so a restricted incident cannot leak through a page that forgot a check."""

from __future__ import annotations

from django.apps import apps
from django.db.models import Exists, OuterRef, Q, QuerySet

from marsad.records.models import Incident, SourceReport

SEE_RESTRICTED = "records.view_restricted_incident"


def visible_incidents(user, queryset: QuerySet[Incident] | None = None) -> QuerySet[Incident]:
    """``queryset`` (all incidents by default) without those restricted to groups ``user`` is
    not in.  Anonymous users see no restricted incident; superusers and holders of
    ``view_restricted_incident`` see them all."""
    queryset = Incident.objects.all() if queryset is None else queryset
    if user is not None and user.is_active and user.has_perm(SEE_RESTRICTED):
        return queryset
    restricted = Incident.restricted_to.through.objects.filter(incident_id=OuterRef("pk"))
    allowed = Q(~Exists(restricted))
    if user is not None and user.is_authenticated:
        mine = restricted.filter(group__user=user)
        allowed |= Q(Exists(mine))
    return queryset.filter(allowed)


def visible_reports(user, queryset: QuerySet[SourceReport] | None = None) -> QuerySet[SourceReport]:
    """Accounts ``user`` may see: those not linked to any incident hidden from them."""
    queryset = SourceReport.objects.all() if queryset is None else queryset
    if user is not None and user.is_active and user.has_perm(SEE_RESTRICTED):
        return queryset
    hidden = Incident.objects.exclude(pk__in=visible_incidents(user).values("pk"))
    return queryset.exclude(links__incident__in=hidden)


def hidden_changes(user) -> Q:
    """Change-log entries about incidents, accounts and links hidden from ``user``: the log
    keeps before/after values, so it must not show what the lists hide."""
    if user is not None and user.is_active and user.has_perm(SEE_RESTRICTED):
        return Q(pk__in=[])
    hidden = Incident.objects.exclude(pk__in=visible_incidents(user).values("pk"))
    hidden_ids = [str(pk) for pk in hidden.values_list("pk", flat=True)]
    if not hidden_ids:
        return Q(pk__in=[])
    report_ids = SourceReport.objects.filter(links__incident__in=hidden).values_list(
        "pk", flat=True
    )
    link_ids = Incident.reports.through.objects.filter(incident__in=hidden).values_list(
        "pk", flat=True
    )
    decision_ids: list[str] = []
    if apps.is_installed("marsad.review"):
        # A reviewer's decision logs its reason and what it changed about the incident.
        decisions = apps.get_model("review", "Decision").objects.filter(incidents__in=hidden)
        decision_ids = [str(pk) for pk in decisions.values_list("pk", flat=True).distinct()]
    return (
        Q(model="review.Decision", object_id__in=decision_ids)
        | Q(model=Incident._meta.label, object_id__in=hidden_ids)
        | Q(model=SourceReport._meta.label, object_id__in=[str(pk) for pk in report_ids])
        | Q(model=Incident.reports.through._meta.label, object_id__in=[str(pk) for pk in link_ids])
    )
