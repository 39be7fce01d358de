"""The role groups carry the permissions each kind of staff needs, and no more."""

import pytest
from django.contrib.auth.models import Group

from marsad.accounts import roles
from marsad.accounts.demo_users import ensure_demo_users

pytestmark = pytest.mark.django_db


def permissions_of(name):
    group = Group.objects.get(name=name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def test_roles_are_created_by_init_and_setting_them_again_changes_nothing():
    before = {name: permissions_of(name) for name in roles.ROLES}
    roles.ensure_roles()
    assert {name: permissions_of(name) for name in roles.ROLES} == before


def test_no_role_sees_source_identities_but_its_own_group():
    for name in (roles.MONITOR, roles.REVIEWER, roles.ANALYST, roles.ADMINISTRATOR):
        assert "records.view_source_identity" not in permissions_of(name)
    assert permissions_of(roles.SOURCE_IDENTITIES) == {"records.view_source_identity"}


def test_each_role_can_do_its_work_and_not_the_next_ones():
    monitor, reviewer, analyst = (
        permissions_of(n) for n in (roles.MONITOR, roles.REVIEWER, roles.ANALYST)
    )
    assert "records.add_sourcereport" in monitor
    assert "records.change_incident" not in monitor
    assert "records.publish_incident" not in monitor
    assert {"records.change_incident", "records.publish_incident"} <= reviewer
    assert "records.view_sourcereport" in analyst
    assert not {p for p in analyst if not p.split(".")[1].startswith("view_")}
    assert "auth.add_user" in permissions_of(roles.ADMINISTRATOR)


def test_demo_users_get_one_role_each_and_keep_their_passwords(django_user_model):
    first = ensure_demo_users()
    assert set(first) == {"monitor", "reviewer", "analyst"}
    assert ensure_demo_users() == first
    monitor = django_user_model.objects.get(username="monitor")
    assert monitor.check_password(first["monitor"])
    assert monitor.has_perm("records.add_sourcereport")
    assert not monitor.has_perm("records.change_incident")
