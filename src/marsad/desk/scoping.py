"""Which source reports a user's desk lists: ``visible_reports`` narrowed by role.

Reviewers and analysts work across every account (they link, compare and count them), so they
see all reports the visibility rule lets them see. A field monitor enters accounts but neither
links nor analyses them: the desk shows a monitor only the reports they entered themselves.
The rule is a permission test, not a group name, so a custom role behaves by what it may do:
whoever holds ``records.change_incident`` (reviewers) or ``records.view_incidentreport``
(analysts) sees all; everyone else sees their own.
"""

from __future__ import annotations

from django.db.models import QuerySet

from marsad.records.models import SourceReport
from marsad.records.visibility import visible_reports

ALL_REPORTS_PERMISSIONS = ("records.change_incident", "records.view_incidentreport")


def sees_all_reports(user) -> bool:
    return any(user.has_perm(permission) for permission in ALL_REPORTS_PERMISSIONS)


def reports_for(user, queryset: QuerySet[SourceReport] | None = None) -> QuerySet[SourceReport]:
    """The reports ``user``'s lists, counts, searches and exports start from."""
    reports = visible_reports(user, queryset)
    if user is None or not user.is_authenticated:
        return reports.none()
    if sees_all_reports(user):
        return reports
    return reports.filter(created_by=user)
