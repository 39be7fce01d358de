"""An incident restricted to named groups is invisible to everyone else: lists, change log,
exports and the public release alike."""

import io

import pytest
from django.contrib.auth.models import Group, Permission

from marsad.audit.models import ChangeLog
from marsad.records.demo import load_demo
from marsad.records.models import Incident
from marsad.records.visibility import visible_incidents, visible_reports
from marsad.transfer.exporting import export

pytestmark = pytest.mark.django_db
MARKER = "RESTRICTED-b61d0c"


@pytest.fixture
def restricted(django_user_model):
    load_demo()
    investigators = Group.objects.create(name="investigators")
    others = Group.objects.create(name="desk")
    staff_perms = Permission.objects.filter(
        codename__in=[
            "view_incident",
            "change_incident",
            "view_sourcereport",
            "view_changelog",
            "view_incidentreport",
        ]
    )
    investigators.permissions.set(staff_perms)
    others.permissions.set(staff_perms)
    incident = Incident.objects.filter(links__isnull=False).first()
    incident.narrative_en = f"{MARKER} narrative"
    incident.save()
    incident.restricted_to.add(investigators)
    insider = django_user_model.objects.create_user("insider", password="pw-insider-123456")
    insider.is_staff = True
    insider.save()
    insider.groups.add(investigators)
    outsider = django_user_model.objects.create_user("outsider", password="pw-outsider-123456")
    outsider.is_staff = True
    outsider.save()
    outsider.groups.add(others)
    return incident, insider, outsider


def test_the_queryset_restriction_hides_the_incident_and_its_accounts(restricted):
    incident, insider, outsider = restricted
    assert visible_incidents(insider).filter(pk=incident.pk).exists()
    assert not visible_incidents(outsider).filter(pk=incident.pk).exists()
    assert visible_incidents(outsider).count() == Incident.objects.count() - 1
    account_ids = list(incident.reports.values_list("pk", flat=True))
    assert account_ids
    assert not visible_reports(outsider).filter(pk__in=account_ids).exists()
    assert visible_reports(insider).filter(pk__in=account_ids).count() == len(account_ids)


def test_a_superuser_sees_everything(restricted, admin_user_ar):
    incident, _, _ = restricted
    assert visible_incidents(admin_user_ar).filter(pk=incident.pk).exists()


def test_admin_lists_and_change_log_hide_it_from_outsiders(restricted, client):
    incident, insider, outsider = restricted
    listing = f"/en/admin/records/incident/?date__year={incident.date.year}&all="
    link = f"/records/incident/{incident.pk}/change/"
    log = "/en/admin/audit/changelog/?model=records.Incident&all="
    entry = ChangeLog.objects.filter(model="records.Incident", object_id=str(incident.pk)).first()
    entry_link = f"/audit/changelog/{entry.pk}/change/"
    client.force_login(outsider)
    page = client.get(listing)
    assert page.status_code == 200
    assert link not in page.content.decode()
    assert client.get("/en/admin" + link).status_code == 302  # the admin's "does not exist"
    assert entry_link not in client.get(log).content.decode()
    assert client.get("/en/admin" + entry_link).status_code == 302
    client.force_login(insider)
    assert link in client.get(listing).content.decode()
    assert client.get("/en/admin" + link).status_code == 200
    assert entry_link in client.get(log).content.decode()
    assert MARKER in client.get("/en/admin" + entry_link).content.decode()


def test_exports_leave_it_out_for_outsiders_and_always_in_public(restricted, client):
    incident, insider, outsider = restricted
    url = "/export/?kind=incidents&format=csv&download=1"
    client.force_login(outsider)
    body = b"".join(client.get(url).streaming_content).decode()
    assert MARKER not in body
    client.force_login(insider)
    body = b"".join(client.get(url).streaming_content).decode()
    assert MARKER in body
    incident.status = Incident.Status.PUBLISHED
    incident.save()
    out = io.BytesIO()
    export("incidents", "csv", out, public=True)
    assert f"{MARKER}".encode() not in out.getvalue()


def test_the_report_leaves_restricted_incidents_out_unless_asked(restricted):
    from marsad.cli.report import _incidents

    incident, _, _ = restricted
    assert incident.pk not in _incidents(None).column("incident_id").to_pylist()
    assert (
        incident.pk in _incidents(None, include_restricted=True).column("incident_id").to_pylist()
    )


def test_within_one_request_a_change_of_restriction_or_membership_counts_at_once(restricted):
    """Who may see what is read once per request, and read again after a write in it."""
    from marsad import memo

    incident, insider, outsider = restricted
    with memo.scope():
        assert not visible_incidents(outsider).filter(pk=incident.pk).exists()
        incident.restricted_to.clear()
        assert visible_incidents(outsider).filter(pk=incident.pk).exists()
        incident.restricted_to.add(*insider.groups.all())
        assert not visible_incidents(outsider).filter(pk=incident.pk).exists()
        outsider.groups.add(*insider.groups.all())
        assert visible_incidents(outsider).filter(pk=incident.pk).exists()
