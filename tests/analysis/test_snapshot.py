"""The incrementally refreshed snapshot: after any change a refresh gives what a full rebuild
gives, reading only what changed; and a user never sees incidents restricted to other groups."""

import datetime as dt

import pyarrow.parquet as pq
import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marsad.analysis import snapshot, snapshot_file
from marsad.engines import analysis
from marsad.engines.gazetteer import default_gazetteer
from marsad.records.demo import load_demo
from marsad.records.models import Actor, Incident, IncidentReport, Source, SourceReport
from marsad.records.visibility import visible_incidents

pytestmark = pytest.mark.django_db


@pytest.fixture
def path(desk):
    return snapshot.snapshot_path()


def age_everything():
    """Pretend the incidents were entered an hour apart long ago, so that a refresh re-reads only the
    latest of them (the one inside the overlap window) besides what a test changes."""
    long_ago = timezone.now() - dt.timedelta(days=30)
    for hours, pk in enumerate(Incident.objects.order_by("-pk").values_list("pk", flat=True)):
        Incident.objects.filter(pk=pk).update(updated_at=long_ago - dt.timedelta(hours=hours))
    snapshot.refresh_snapshot(full=True)  # moving stamps back is invisible to a refresh


def assert_equals_rebuild(path, *, changed):
    refresh = snapshot.refresh_snapshot(path)
    # Besides the changed rows, the latest row before them is inside the overlap window.
    assert not refresh.rebuilt and refresh.read <= changed + 1, refresh
    stored = snapshot._plain(snapshot_file.read(path).table)
    rebuilt = snapshot._plain(snapshot._build())
    assert stored.equals(rebuilt)
    return refresh


def row(path, incident):
    rows = snapshot._plain(snapshot_file.read(path).table).to_pylist()
    return next((r for r in rows if r["incident_id"] == incident.pk), None)


def test_create_update_and_delete_are_merged(path):
    age_everything()
    incident = Incident.objects.first()
    incident.killed_best = 41
    incident.save()
    copy = Incident.objects.get(pk=incident.pk)
    copy.pk = None
    copy.type = "abduction"
    copy.save()
    gone = Incident.objects.exclude(pk__in=[incident.pk, copy.pk]).last()
    gone.delete()
    refresh = assert_equals_rebuild(path, changed=2)
    assert (refresh.changed, refresh.deleted) == (2, 1)
    assert row(path, incident)["killed_best"] == 41
    assert row(path, copy)["type"] == "abduction"
    assert row(path, gone) is None


def test_linking_and_unlinking_an_account_changes_the_row(path):
    age_everything()
    incident = Incident.objects.filter(links__isnull=False).first()
    before = row(path, incident)
    source = Source.objects.create(name="Observation point 7", source_type="observation_point")
    account = SourceReport.objects.create(
        codebook_version=incident.codebook_version, source=source, type=incident.type
    )
    IncidentReport.objects.create(incident=incident, report=account)
    assert_equals_rebuild(path, changed=1)
    after = row(path, incident)
    assert after["report_count"] == before["report_count"] + 1
    assert "observation_point" in after["source_types"]

    IncidentReport.objects.filter(report=account).delete()
    assert_equals_rebuild(path, changed=1)
    assert row(path, incident)["report_count"] == before["report_count"]

    incident.reports.add(account)  # the many-to-many side sends no save signal
    assert_equals_rebuild(path, changed=1)
    assert row(path, incident)["report_count"] == before["report_count"] + 1


def test_renaming_a_perpetrator_or_retyping_a_source_reaches_its_incidents(path):
    age_everything()
    incident = Incident.objects.filter(perpetrator__isnull=False, links__isnull=False).first()
    actor = incident.perpetrator
    actor.name_en = "Renamed militia"
    actor.save()
    source = incident.links.first().report.source
    source.source_type = "partner_ngo"
    source.save()
    expected = Incident.objects.filter(perpetrator=actor).count()
    expected += Incident.objects.filter(links__report__source=source).distinct().count()
    assert_equals_rebuild(path, changed=expected)
    assert row(path, incident)["perpetrator"] == "Renamed militia"
    assert "partner_ngo" in row(path, incident)["source_types"]
    assert Actor.objects.filter(name_en="Renamed militia").exists()


def test_restrictions_are_recorded_from_either_side(path):
    age_everything()
    investigators = Group.objects.create(name="investigators")
    first, second = Incident.objects.all()[:2]
    first.restricted_to.add(investigators)
    investigators.restricted_incidents.add(second)
    assert_equals_rebuild(path, changed=2)
    assert row(path, first)["restricted_groups"] == [investigators.pk]
    investigators.restricted_incidents.clear()
    assert_equals_rebuild(path, changed=2)
    assert row(path, second)["restricted_groups"] == []
    first.restricted_to.add(investigators)
    snapshot.refresh_snapshot(path)
    investigators.delete()  # the restriction rows go without an m2m signal
    assert_equals_rebuild(path, changed=1)
    assert row(path, first)["restricted_groups"] == []


def test_nothing_changed_means_nothing_written(path):
    age_everything()
    stamp = path.stat().st_mtime_ns
    refresh = snapshot.refresh_snapshot(path)
    assert (refresh.read, refresh.written) == (1, False)
    assert path.stat().st_mtime_ns == stamp


def test_a_commit_older_than_the_watermark_is_still_caught(path):
    """A long transaction commits a row stamped before the last refresh: within OVERLAP it is
    re-read; a row never seen at all is found by its id even with a very old stamp."""
    age_everything()
    Incident.objects.first().save()  # moves the watermark to now
    snapshot.refresh_snapshot(path)
    late = Incident.objects.last()
    Incident.objects.filter(pk=late.pk).update(
        killed_best=77, updated_at=timezone.now() - snapshot.OVERLAP / 2
    )
    hidden = Incident.objects.get(pk=late.pk)
    hidden.pk = None
    hidden.save()
    Incident.objects.filter(pk=hidden.pk).update(updated_at=timezone.now() - dt.timedelta(days=400))
    assert_equals_rebuild(path, changed=3)
    assert row(path, late)["killed_best"] == 77
    assert row(path, hidden) is not None


def test_a_snapshot_of_another_database_or_an_unreadable_file_is_rebuilt(path):
    table = pq.read_table(path)
    meta = dict(table.schema.metadata)
    meta[b"marsad.database"] = b"sqlite|/elsewhere.sqlite3||"
    pq.write_table(table.replace_schema_metadata(meta), path)
    assert snapshot.refresh_snapshot(path).rebuilt
    path.write_bytes(b"not parquet")
    snapshot_file.forget()
    assert snapshot.refresh_snapshot(path).rebuilt
    assert snapshot.refresh_snapshot(path).rows == Incident.objects.count()


@pytest.fixture
def people(desk, django_user_model):
    investigators = Group.objects.create(name="investigators")
    desk = Group.objects.create(name="desk")
    secret = Incident.objects.order_by("pk").first()
    secret.restricted_to.add(investigators)
    insider = django_user_model.objects.create_user("insider")
    insider.groups.add(investigators)
    outsider = django_user_model.objects.create_user("outsider")
    outsider.groups.add(desk)
    chief = django_user_model.objects.create_user("chief")
    chief.user_permissions.add(Permission.objects.get(codename="view_restricted_incident"))
    return secret, {"insider": insider, "outsider": outsider, "chief": chief, "anonymous": None}


def test_restricted_incidents_disappear_for_outsiders(people):
    secret, users = people
    seen = {
        name: set(snapshot.incidents_for(user)["incident_id"].to_pylist())
        for name, user in users.items()
    }
    assert secret.pk in seen["insider"] and secret.pk in seen["chief"]
    assert secret.pk not in seen["outsider"] and secret.pk not in seen["anonymous"]
    for name, user in users.items():  # the same rule as every list and export
        assert seen[name] == set(visible_incidents(user).values_list("pk", flat=True))


def test_incidents_for_gives_what_the_database_gives(data_dir, django_user_model):
    load_demo()
    outsider = django_user_model.objects.create_user("outsider")
    Incident.objects.order_by("pk").first().restricted_to.add(Group.objects.create(name="x"))
    users = {"outsider": outsider}
    from_database = analysis.enrich(
        snapshot.incidents_table(visible_incidents(users["outsider"])), default_gazetteer()
    )
    from_snapshot = snapshot.incidents_for(users["outsider"])
    assert from_snapshot.column_names == from_database.column_names
    assert snapshot._plain(from_snapshot).equals(snapshot._plain(from_database))
    by_type = analysis.analyse(from_snapshot, by=["type"], measures=["incidents", "killed_best"])
    assert (
        sum(by_type["incidents"].to_pylist())
        == visible_incidents(users["outsider"])
        .exclude(status="rejected")
        .exclude(confidence="discounted")
        .count()
    )


def test_an_unwritable_data_directory_still_answers(people, settings, tmp_path):
    secret, users = people
    settings.DATA_DIR = tmp_path / "read-only"
    settings.DATA_DIR.mkdir()
    (settings.DATA_DIR / "snapshots").write_text("a file where the directory should be")
    snapshot_file.forget()
    seen = snapshot.incidents_for(users["outsider"])["incident_id"].to_pylist()
    assert secret.pk not in seen and len(seen) == Incident.objects.count() - 1


def test_a_page_of_charts_asks_the_database_once_but_sees_its_own_changes(people):
    secret, users = people
    snapshot.incidents_for(users["chief"], max_age=60)
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            snapshot.incidents_for(users["outsider"], max_age=60)
    assert queries and not [q for q in queries if "records_incident" in q["sql"]]
    secret.restricted_to.clear()  # a change made here is seen at once
    assert (
        secret.pk
        in snapshot.incidents_for(users["outsider"], max_age=60)["incident_id"].to_pylist()
    )
