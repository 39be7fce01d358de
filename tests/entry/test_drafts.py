"""Nothing typed is lost: drafts saved while typing, kept on errors, restored later."""

import json

import pytest

from marsad.entry.models import Draft
from marsad.records.models import SourceReport

from .conftest import input_value

pytestmark = pytest.mark.django_db


def autosave(client, **payload):
    return client.post("/entry/autosave/", json.dumps(payload), content_type="application/json")


def test_typing_is_saved_as_a_draft_and_comes_back(client, monitor):
    client.force_login(monitor)
    first = autosave(client, type="assassination", data={"place_text": "جاس", "target": "حاجز"})
    assert first.status_code == 200
    draft_id = first.json()["draft"]
    again = autosave(
        client, type="assassination", draft=draft_id, data={"place_text": "جاسم", "target": "حاجز"}
    )
    assert again.json()["draft"] == draft_id and Draft.objects.count() == 1
    draft = Draft.objects.get()
    assert (draft.user, draft.incident_type, draft.report) == (monitor, "assassination", None)
    assert draft.data == {"place_text": "جاسم", "target": "حاجز"}
    page = client.get(f"/entry/new/assassination/?draft={draft_id}")
    assert input_value(page, "place_text") == "جاسم" and input_value(page, "target") == "حاجز"
    assert input_value(page, "draft") == str(draft_id)
    mine = client.get("/entry/mine/").content.decode()
    assert f"/entry/new/assassination/?draft={draft_id}" in mine


def test_a_draft_never_keeps_who_a_source_is(client, trusted_monitor):
    client.force_login(trusted_monitor)
    data = {
        "source_name": "Jasim observer",
        "source_identity": "the teacher",
        "source_contact": "x",
    }
    autosave(client, type="assassination", data=data)
    assert Draft.objects.get().data == {"source_name": "Jasim observer"}


def test_a_validation_error_keeps_a_draft_too(client, monitor, assassination):
    client.force_login(monitor)
    response = client.post("/entry/new/assassination/", {**assassination, "killed_civilian": "5"})
    assert response.status_code == 200
    draft = Draft.objects.get()
    assert draft.data["killed_civilian"] == "5" and draft.data["place"] == "C6111"
    assert input_value(response, "draft") == str(draft.pk)
    fixed = client.post("/entry/new/assassination/", {**assassination, "draft": str(draft.pk)})
    assert fixed.status_code == 302
    assert not Draft.objects.exists() and SourceReport.objects.count() == 1


def test_an_expired_session_is_refused_and_the_draft_stays(client, monitor):
    client.force_login(monitor)
    draft_id = autosave(client, type="assassination", data={"target": "حاجز"}).json()["draft"]
    client.logout()  # what an expired session looks like to the server
    refused = autosave(client, type="assassination", draft=draft_id, data={"target": "حاجز ٢"})
    assert refused.status_code == 302 and "/accounts/login/" in refused["Location"]
    assert Draft.objects.get().data == {"target": "حاجز"}  # the browser keeps the rest
    # After logging in again the form opens on the draft.
    client.force_login(monitor)
    page = client.get(f"/entry/new/assassination/?draft={draft_id}")
    assert input_value(page, "target") == "حاجز"


def test_someone_elses_draft_is_not_opened_or_overwritten(client, monitor, other_monitor):
    client.force_login(other_monitor)
    theirs = autosave(client, type="assassination", data={"target": "secret"}).json()["draft"]
    client.force_login(monitor)
    page = client.get(f"/entry/new/assassination/?draft={theirs}").content.decode()
    assert "secret" not in page
    mine = autosave(client, type="assassination", draft=theirs, data={"target": "mine"})
    assert mine.json()["draft"] != theirs
    assert Draft.objects.get(pk=theirs).data == {"target": "secret"}
    assert client.post(f"/entry/drafts/{theirs}/discard/").status_code == 404


def test_autosave_refuses_what_is_not_a_draft(client, monitor):
    client.force_login(monitor)
    assert autosave(client, type="looting", data={}).status_code == 404
    assert autosave(client, type="assassination", data=["x"]).status_code == 400
    huge = {"narrative_ar": "x" * 30_000}
    assert autosave(client, type="assassination", data=huge).status_code == 400
    assert client.get("/entry/autosave/").status_code == 405


def test_autosave_needs_the_csrf_token(monitor):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(monitor)
    response = strict.post(
        "/entry/autosave/", json.dumps({"type": "assassination", "data": {}}), "application/json"
    )
    assert response.status_code == 403


def test_a_draft_can_be_discarded(client, monitor):
    client.force_login(monitor)
    draft_id = autosave(client, type="explosion", data={"target": "x"}).json()["draft"]
    response = client.post(f"/entry/drafts/{draft_id}/discard/")
    assert response.status_code == 302 and not Draft.objects.exists()
    # The browser copy of that form is forgotten on the next page.
    page = client.get("/entry/mine/").content.decode()
    assert '"marsad-entry:samira:explosion:new"' in page


def test_editing_keeps_its_own_draft(client, monitor, assassination):
    client.force_login(monitor)
    client.post("/entry/new/assassination/", assassination)
    report = SourceReport.objects.get()
    autosave(client, report=report.pk, data={**assassination, "killed": "3"})
    page = client.get(f"/entry/{report.pk}/edit/")
    assert input_value(page, "killed") == "3"  # the unsaved change, not the stored 1
    client.post(f"/entry/{report.pk}/edit/", {**assassination, "killed": "3"})
    assert not Draft.objects.exists()
    report.refresh_from_db()
    assert report.killed == 3
