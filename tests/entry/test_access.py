"""Who may enter, edit and see what: monitors their own accounts, reviewers any they can see."""

import pytest
from django.contrib.auth.models import Group

from marsad.codebook.services import active_version
from marsad.records.models import Incident, IncidentReport, SourceReport

from .conftest import input_value, member

pytestmark = pytest.mark.django_db


def entered_by(user, source, **claims):
    values = {"type": "assassination", "date": "2020-01-15", "date_precision": "day"}
    return SourceReport.objects.create(
        codebook_version=active_version(), source=source, created_by=user, **{**values, **claims}
    )


def test_a_monitor_edits_their_own_report(client, monitor, source, assassination):
    client.force_login(monitor)
    client.post("/entry/new/assassination/", assassination)
    report = SourceReport.objects.get()
    page = client.get(f"/entry/{report.pk}/edit/")
    assert page.status_code == 200
    assert input_value(page, "place_text") == "جاسم" and input_value(page, "place") == "C6111"
    assert input_value(page, "method") == "gunfire" and input_value(page, "killed") == "1"
    assert input_value(page, "source_query") == "Daraa 24"
    response = client.post(f"/entry/{report.pk}/edit/", {**assassination, "killed": "2"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.killed == 2 and SourceReport.objects.count() == 1


def test_a_monitor_cannot_edit_another_monitors_report(client, monitor, other_monitor, source):
    report = entered_by(other_monitor, source)
    client.force_login(monitor)
    assert client.get(f"/entry/{report.pk}/edit/").status_code == 404
    assert client.post(f"/entry/{report.pk}/edit/", {"killed": "9"}).status_code == 404
    assert (
        client.post(
            "/entry/autosave/",
            {"report": report.pk, "data": {"killed": "9"}},
            content_type="application/json",
        ).status_code
        == 404
    )
    assert f"#{report.pk}" not in client.get("/entry/mine/").content.decode()


def test_a_reviewer_corrects_any_report_they_can_see(client, reviewer, monitor, source):
    report = entered_by(monitor, source, place_precision="community")
    client.force_login(reviewer)
    assert client.get(f"/entry/{report.pk}/edit/").status_code == 200
    hidden = entered_by(monitor, source, place_precision="community", target="x")
    incident = Incident.objects.create(
        codebook_version=active_version(), type="assassination", date=hidden.date
    )
    IncidentReport.objects.create(incident=incident, report=hidden)
    incident.restricted_to.add(Group.objects.create(name="Daraa desk"))
    assert client.get(f"/entry/{hidden.pk}/edit/").status_code == 404


def test_a_monitor_never_sees_who_a_source_is(client, monitor, source, assassination):
    client.force_login(monitor)
    client.post("/entry/new/assassination/", assassination)
    report = SourceReport.objects.get()
    for url in ("/entry/new/assassination/", f"/entry/{report.pk}/edit/", "/entry/mine/"):
        page = client.get(url).content.decode()
        assert 'name="source_identity"' not in page and 'name="source_contact"' not in page
        assert "Abu Hamza" not in page and "944 000" not in page


def test_entry_needs_the_right_to_add_reports(client, django_user_model):
    analyst = member(django_user_model, "ayman", "analyst")
    client.force_login(analyst)
    for url in ("/entry/new/", "/entry/new/assassination/", "/entry/mine/"):
        assert client.get(url).status_code == 403
    client.logout()
    response = client.get("/entry/new/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_my_reports_lists_only_mine_newest_first(client, monitor, other_monitor, source):
    first = entered_by(monitor, source, target="first")
    second = entered_by(monitor, source, target="second")
    theirs = entered_by(other_monitor, source, target="theirs")
    client.force_login(monitor)
    page = client.get("/entry/mine/").content.decode()
    assert page.index(f"/entry/{second.pk}/edit/") < page.index(f"/entry/{first.pk}/edit/")
    assert f"/entry/{theirs.pk}/edit/" not in page


def test_the_navigation_offers_entry_to_monitors(client, monitor):
    client.force_login(monitor)
    page = client.get("/entry/mine/").content.decode()
    assert 'href="/entry/new/"' in page and 'href="/entry/mine/"' in page


def test_correcting_an_imported_report_keeps_what_was_received(client, reviewer, source):
    report = entered_by(None, source, place_precision="community", target="checkpoint")
    report.raw = {"row": {"Date": "15/01/2020", "Place": "Jasim"}, "file": "daraa.xlsx"}
    report.save()
    client.force_login(reviewer)
    data = {
        "source": source.pk,
        "source_query": source.name,
        "date_precision": "day",
        "date": "2020-01-15",
        "place": "C6111",
        "place_text": "Jasim",
        "place_precision": "community",
        "target": "checkpoint",
        "method": "ied",
    }
    assert client.post(f"/entry/{report.pk}/edit/", data).status_code == 302
    report.refresh_from_db()
    assert report.method == "ied" and report.created_by is None
    assert report.raw["row"] == {"Date": "15/01/2020", "Place": "Jasim"}
    assert report.raw["entry"]["method"] == "ied"
