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


def test_a_granted_or_withdrawn_permission_counts_on_the_next_request(client, users, world):
    """Permissions are cached per data generation (marsad.accounts.backends)."""
    from django.contrib.auth.models import Group, Permission

    client.force_login(users.analyst)
    assert client.get("/review/").status_code == 403
    analysts = Group.objects.get(name="analyst")
    change = Permission.objects.get(codename="change_incident", content_type__app_label="records")
    analysts.permissions.add(change)
    assert client.get("/review/").status_code == 200
    analysts.permissions.remove(change)
    assert client.get("/review/").status_code == 403
    users.analyst.user_permissions.add(change)
    assert client.get("/review/").status_code == 200
    users.analyst.groups.clear()
    users.analyst.user_permissions.clear()
    assert client.get("/incidents/").status_code == 403


def test_a_new_reviewer_can_be_assigned_at_once(client, users, world):
    from django.contrib.auth.models import Group

    client.force_login(users.reviewer)
    option = f'<option value="{users.analyst.pk}">ana</option>'
    assert option not in client.get(f"/incidents/{world.raqqa.pk}/").content.decode()
    users.analyst.groups.add(Group.objects.get(name="reviewer"))
    assert option in client.get(f"/incidents/{world.raqqa.pk}/").content.decode()


def test_one_server_process_reads_what_another_cached(tmp_path):
    """The page cache: each process's memory, then files the host's processes share."""
    from marsad.web.cache import MemoryAndFileCache

    params = {"TIMEOUT": 300, "OPTIONS": {"MAX_ENTRIES": 100}}
    first = MemoryAndFileCache(str(tmp_path), params)
    second = MemoryAndFileCache(str(tmp_path), params)  # another process: memory of its own
    first.set("rows", "<tr>…</tr>")
    assert second.get("rows") == "<tr>…</tr>"
    assert second.get("missing", "absent") == "absent"
    assert second.add("rows", "other") is False
    first.clear()
    assert first.get("rows") is None
    assert not list(tmp_path.iterdir())
