import pytest

from marsad.audit.context import acting_as
from marsad.audit.models import ChangeLog
from marsad.audit.registry import REDACTED
from marsad.records.models import Actor, Source

pytestmark = pytest.mark.django_db


def test_create_update_delete_are_logged_with_author_and_values(django_user_model):
    editor = django_user_model.objects.create_user("editor", password="x" * 16)
    with acting_as(editor):
        actor = Actor.objects.create(
            name_en="Unknown gunmen", name_ar="مسلحون مجهولون", actor_type="unknown"
        )
        actor.name_en = "Unidentified gunmen"
        actor.save()
        actor_id = actor.pk
        actor.delete()
    log = list(
        ChangeLog.objects.filter(model="records.Actor", object_id=str(actor_id)).order_by("id")
    )
    assert [entry.action for entry in log] == ["create", "update", "delete"]
    assert all(entry.actor == editor for entry in log)
    created, updated, deleted = log
    assert created.before is None and created.after["name_ar"] == "مسلحون مجهولون"
    assert updated.before["name_en"] == "Unknown gunmen"
    assert updated.after["name_en"] == "Unidentified gunmen"
    assert updated.changed_fields() == ["name_en"]
    assert deleted.after is None and deleted.before["name_en"] == "Unidentified gunmen"


def test_saving_without_changes_logs_nothing():
    actor = Actor.objects.create(name_en="HTS", actor_type="local")
    before = ChangeLog.objects.count()
    actor.save()
    assert ChangeLog.objects.count() == before


def test_source_identity_never_reaches_the_change_log():
    source = Source.objects.create(
        name="Observer J-2",
        source_type="observation_point",
        identity="Abu Khaled, mukhtar of the eastern quarter",
        contact="+963 944 000 111",
    )
    source.contact = "+963 944 999 222"
    source.save()
    entries = ChangeLog.objects.filter(model="records.Source", object_id=str(source.pk))
    text = " ".join(str(e.before) + str(e.after) for e in entries)
    assert "Abu Khaled" not in text and "944" not in text
    update = entries.get(action="update")
    assert update.before["contact"] == REDACTED
    assert update.after["contact"].startswith(REDACTED) and "changed" in update.after["contact"]
    assert update.changed_fields() == ["contact"]
