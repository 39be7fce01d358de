"""Which incidents a user may see: the one restriction every view, count, map, export and API
uses, so a restricted incident cannot leak through a page that forgot a check."""

from __future__ import annotations

from django.apps import apps
from django.db.models import Exists, OuterRef, Q, QuerySet

from marsad import memo
from marsad.records.models import Incident, SourceReport

SEE_RESTRICTED = "records.view_restricted_incident"


# Beyond this many hidden incidents, exclude them with a subquery instead of a list of ids.
_ID_LIST_LIMIT = 2000


def _sees_everything(user) -> bool:
    return user is not None and user.is_active and user.has_perm(SEE_RESTRICTED)


def hidden_incident_ids(user) -> set[int]:
    """Incidents restricted to groups ``user`` is not in.  Restrictions are rare, so this reads
    only the small restriction table and lets the big queries go unfiltered when nothing is
    hidden.  Read once per data generation (restrictions and group membership change it) and
    kept for the request (:mod:`marsad.memo`); a write in the request makes it read again."""
    if _sees_everything(user):
        return set()
    from marsad.records import generation

    reader = getattr(user, "pk", None)
    return set(
        memo.remembered(
            f"records.hidden_incident_ids:{reader}",
            lambda: generation.cached("hidden", (reader,), lambda: frozenset(_read_hidden(user))),
        )
    )


def _read_hidden(user) -> set[int]:
    through = Incident.restricted_to.through.objects
    restricted = set(through.values_list("incident_id", flat=True))
    if restricted and user is not None and user.is_authenticated:
        restricted -= set(through.filter(group__user=user).values_list("incident_id", flat=True))
    return restricted


def _without_hidden(queryset: QuerySet, user, incident_field: str) -> QuerySet:
    hidden = hidden_incident_ids(user)
    if not hidden:
        return queryset
    if len(hidden) <= _ID_LIST_LIMIT:
        return queryset.exclude(**{f"{incident_field}__in": sorted(hidden)})
    restricted = Incident.restricted_to.through.objects.filter(incident_id=OuterRef("pk"))
    allowed = Q(~Exists(restricted))
    if user is not None and user.is_authenticated:
        allowed |= Q(Exists(restricted.filter(group__user=user)))
    return queryset.exclude(**{f"{incident_field}__in": Incident.objects.exclude(allowed)})


def visible_incidents(user, queryset: QuerySet[Incident] | None = None) -> QuerySet[Incident]:
    """``queryset`` (all incidents by default) without those restricted to groups ``user`` is
    not in.  Anonymous users see no restricted incident; superusers and holders of
    ``view_restricted_incident`` see them all."""
    queryset = Incident.objects.all() if queryset is None else queryset
    return _without_hidden(queryset, user, "pk")


def visible_reports(user, queryset: QuerySet[SourceReport] | None = None) -> QuerySet[SourceReport]:
    """Accounts ``user`` may see: those not linked to any incident hidden from them."""
    queryset = SourceReport.objects.all() if queryset is None else queryset
    return _without_hidden(queryset, user, "links__incident")


def hidden_changes(user) -> Q:
    """Change-log entries about incidents, accounts and links hidden from ``user``: the log
    keeps before/after values, so it must not show what the lists hide."""
    hidden = Incident.objects.filter(pk__in=hidden_incident_ids(user))
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
