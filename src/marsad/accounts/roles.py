"""The centre's roles as Django groups, each with exactly the permissions its work needs.

Seeing who a source is stays a permission of its own (the "source identities" group): no role
carries it, so an administrator grants it person by person.  Likewise no role sees incidents
restricted to groups it is not in, administrators included.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

MONITOR = "monitor"
REVIEWER = "reviewer"
ANALYST = "analyst"
ADMINISTRATOR = "administrator"
SOURCE_IDENTITIES = "source identities"

_READ = [
    "records.view_incident",
    "records.view_actor",
    "records.view_source",
    "places.view_place",
    "places.view_controlperiod",
    "codebook.view_codebookversion",
]
_ENTER = [
    "records.add_sourcereport",
    "records.change_sourcereport",  # their own only: see marsad.records.visibility
    "records.view_sourcereport",
    "records.add_actor",
    "records.add_source",
]
_REVIEW = [
    "records.add_incident",
    "records.change_incident",
    "records.publish_incident",
    "records.add_incidentreport",
    "records.change_incidentreport",
    "records.delete_incidentreport",
    "records.view_incidentreport",
    "records.change_actor",
    "records.change_source",
    "crosscheck.view_candidatepair",
    "crosscheck.add_pairdecision",
    "crosscheck.view_pairdecision",
    "crosscheck.view_run",
]
_ANALYSE = [
    "records.view_sourcereport",
    "records.view_incidentreport",
    "crosscheck.view_run",
    "audit.view_changelog",
]
_ADMINISTER = [
    "auth.add_user",
    "auth.change_user",
    "auth.view_user",
    "auth.view_group",
    "auth.change_group",
    "codebook.add_codebookversion",
    "places.add_place",
    "places.change_place",
    "places.add_controlperiod",
    "places.change_controlperiod",
    "places.delete_controlperiod",
    "audit.view_changelog",
]

ROLES: dict[str, list[str]] = {
    MONITOR: _READ + _ENTER,
    REVIEWER: _READ + _ENTER + _REVIEW + ["audit.view_changelog"],
    ANALYST: _READ + _ANALYSE,
    ADMINISTRATOR: _READ + _ENTER + _REVIEW + _ANALYSE + _ADMINISTER,
    SOURCE_IDENTITIES: ["records.view_source_identity"],
}


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_roles() -> dict[str, int]:
    """Create the role groups and set their permissions to exactly the list above."""
    counts = {}
    for name, permissions in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set([_permission(p) for p in sorted(set(permissions))])
        counts[name] = group.permissions.count()
    return counts
