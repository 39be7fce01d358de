"""Cached pages (map points, list counts, the home dashboard) follow every change at once and
never show one user what only another may see."""

import pytest
from django.db import transaction

from marsad.records import generation
from marsad.records.models import Incident, IncidentReport
from tests.desk.conftest import listed

pytestmark = pytest.mark.django_db


def map_count(client, **query) -> int:
    return client.get("/map/data.json", query).json()["count"]


def list_count(client, **query) -> int:
    return client.get("/incidents/", query).context["page"].paginator.count


def home_count(client) -> int:
    return client.get("/").context["incidents"]


def test_a_new_incident_shows_at_once_on_the_map_in_the_list_and_at_home(client, users, world):
    client.force_login(users.analyst)
    before = (map_count(client), list_count(client), home_count(client))
    assert before == (map_count(client), list_count(client), home_count(client))  # cached
    Incident.objects.create(
        codebook_version=world.raqqa.codebook_version,
        type="explosion",
        date=world.raqqa.date,
        place=world.raqqa.place,
        status="submitted",
    )
    assert (map_count(client), list_count(client), home_count(client)) == tuple(
        n + 1 for n in before
    )


def test_an_edit_and_a_deletion_show_at_once(client, users, world):
    client.force_login(users.analyst)
    assert list_count(client, type="explosion") == 2
    world.raqqa.type = "assassination"
    world.raqqa.save()
    assert list_count(client, type="explosion") == 1
    assert map_count(client, type="assassination") == 2
    IncidentReport.objects.filter(incident=world.douma).delete()
    world.douma.delete()
    assert map_count(client) == list_count(client) == 4  # five visible, one gone


def test_restricted_incidents_never_reach_an_outsider_through_the_cache(client, users, world):
    client.force_login(users.insider)  # sees the restricted incident, and caches first
    inside = (map_count(client), list_count(client), home_count(client))
    client.force_login(users.analyst)
    outside = (map_count(client), list_count(client), home_count(client))
    assert outside == tuple(n - 1 for n in inside)
    assert world.secret.pk not in listed(client.get("/incidents/"))

    world.secret.restricted_to.clear()  # opened up: now everyone counts it
    assert (map_count(client), list_count(client), home_count(client)) == inside


def test_accounts_imported_in_bulk_show_at_once(client, users, world, tmp_path):
    from marsad.transfer.importing import import_reports
    from tests.transfer.test_import import GOOD, write_csv

    client.force_login(users.analyst)
    import_reports(write_csv(tmp_path / "first.csv", GOOD[:1]))  # its source is new: saved
    before = client.get("/").context["reports"]
    assert client.get("/").context["reports"] == before  # cached
    again = [[f"{row[0]}-again", *row[1:]] for row in GOOD if row[1] == GOOD[0][1]]
    import_reports(write_csv(tmp_path / "again.csv", again))  # bulk_create, known source
    assert client.get("/").context["reports"] == before + len(again)


def test_a_rolled_back_generation_is_never_used_again(db):
    seen = set()
    for _ in range(20):
        with pytest.raises(RuntimeError), transaction.atomic():
            generation.bump()
            seen.add(generation.current())
            raise RuntimeError("rolled back")
        generation.bump()
        assert generation.current() not in seen


def test_an_edited_row_shows_at_once_in_the_cached_list(client, users, world):
    client.force_login(users.analyst)
    assert "Changed target 42" not in client.get("/incidents/").content.decode()
    world.raqqa.target = "Changed target 42"
    world.raqqa.save()
    assert "Changed target 42" in client.get("/incidents/").content.decode()


def test_an_account_list_cached_for_a_monitor_is_theirs_alone(client, users, world):
    client.force_login(users.monitor)
    own = client.get("/reports/").context["page"].paginator.count
    client.force_login(users.other_monitor)
    other = client.get("/reports/").context["page"].paginator.count
    client.force_login(users.monitor)
    assert client.get("/reports/").context["page"].paginator.count == own
    assert own != other
