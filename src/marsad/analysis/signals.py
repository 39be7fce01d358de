"""Changes that alter an incident's snapshot row without saving the incident (an account linked
or unlinked, a restriction set, a group deleted, an actor or source renamed) bump the incident's
``updated_at``, so the next snapshot refresh reads it again.

Chosen over a table of dirty ids: no extra table to keep in step, no migration, and the bump is
one ``UPDATE`` in the same transaction as the change, so it commits or rolls back with it.  The
price: ``updated_at`` also means "its analysis row changed", which is what a reader of the
incident expects anyway (it gained an account).  Not seen: rows changed by ``QuerySet.update()``
or raw SQL that leave ``updated_at`` alone; such code must set ``updated_at`` itself (or run
``marsad analyse --rebuild``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.utils import timezone

from marsad.analysis.snapshot import mark_changed
from marsad.records.models import Actor, Incident, IncidentReport, Source, SourceReport

_OLD_INCIDENT = "_snapshot_previous_incident_id"


def touch(incidents: Iterable[int | None] | QuerySet[Incident]) -> int:
    """Mark ``incidents`` (ids or a queryset) changed now; returns how many rows were bumped."""
    mark_changed()
    if isinstance(incidents, QuerySet):
        queryset = incidents
    else:
        ids = {pk for pk in incidents if pk is not None}
        if not ids:
            return 0
        queryset = Incident.objects.filter(pk__in=ids)
    return queryset.order_by().update(updated_at=timezone.now())


def _incident_changed(sender, **kwargs) -> None:
    mark_changed()


def _remember_linked_incident(sender, instance: IncidentReport, **kwargs) -> None:
    # A link moved to another incident changes both; only the new one is known after saving.
    if instance.pk is not None:
        old = IncidentReport.objects.filter(pk=instance.pk).values_list("incident_id", flat=True)
        setattr(instance, _OLD_INCIDENT, old.first())


def _link_saved(sender, instance: IncidentReport, **kwargs) -> None:
    touch([instance.incident_id, getattr(instance, _OLD_INCIDENT, None)])


def _link_deleted(sender, instance: IncidentReport, **kwargs) -> None:
    touch([instance.incident_id])


def _related_incidents(through, instance) -> QuerySet[Incident]:
    """Incidents joined to ``instance`` (a group or an account) through ``through``."""
    for field in through._meta.concrete_fields:
        if field.is_relation and isinstance(instance, field.related_model):
            linked = through.objects.filter(**{field.name: instance}).values("incident_id")
            return Incident.objects.filter(pk__in=linked)
    return Incident.objects.none()


def _many_to_many_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """``incident.restricted_to.add(...)``, ``group.restricted_incidents.clear()``,
    ``incident.reports.add(...)`` … from either side."""
    if action == "pre_clear":
        touch(_related_incidents(sender, instance) if reverse else [instance.pk])
    elif action in ("post_add", "post_remove"):
        touch((pk_set or ()) if reverse else [instance.pk])


def _group_deleted(sender, instance: Group, **kwargs) -> None:
    # Deleting a group drops its restriction rows without any m2m signal: the incidents open up.
    touch(Incident.objects.filter(restricted_to=instance))


def _actor_saved(sender, instance: Actor, created: bool, **kwargs) -> None:
    if not created:
        touch(Incident.objects.filter(perpetrator=instance))


_OLD_VALUE = "_snapshot_previous_value"


def _remember(field: str):
    """A pre_save handler keeping ``field``'s stored value, to tell whether the save changed it."""

    def remember(sender, instance, **kwargs) -> None:
        if instance.pk is not None:
            stored = sender.objects.filter(pk=instance.pk).values_list(field, flat=True)
            setattr(instance, _OLD_VALUE, stored.first())

    return remember


def _changed(instance, field: str) -> bool:
    return hasattr(instance, _OLD_VALUE) and getattr(instance, _OLD_VALUE) != getattr(
        instance, field
    )


def _source_saved(sender, instance: Source, created: bool, **kwargs) -> None:
    # Only the source's type is in the snapshot (its name and identity are not).
    if not created and _changed(instance, "source_type"):
        touch(Incident.objects.filter(links__report__source=instance))


def _account_saved(sender, instance: SourceReport, created: bool, **kwargs) -> None:
    # Moved to another source: the incident's source types may change.
    if not created and _changed(instance, "source_id"):
        touch(Incident.objects.filter(links__report=instance))


def connect() -> None:
    uid = "marsad-analysis-snapshot-"
    post_save.connect(_incident_changed, Incident, dispatch_uid=uid + "incident-saved")
    post_delete.connect(_incident_changed, Incident, dispatch_uid=uid + "incident-deleted")
    pre_save.connect(_remember_linked_incident, IncidentReport, dispatch_uid=uid + "link-pre")
    post_save.connect(_link_saved, IncidentReport, dispatch_uid=uid + "link-saved")
    post_delete.connect(_link_deleted, IncidentReport, dispatch_uid=uid + "link-deleted")
    for through in (IncidentReport, Incident.restricted_to.through):
        m2m_changed.connect(
            _many_to_many_changed, through, dispatch_uid=uid + through._meta.label_lower
        )
    pre_delete.connect(_group_deleted, Group, dispatch_uid=uid + "group-deleted")
    post_save.connect(_actor_saved, Actor, dispatch_uid=uid + "actor")
    pre_save.connect(_remember("source_type"), Source, dispatch_uid=uid + "source-pre", weak=False)
    post_save.connect(_source_saved, Source, dispatch_uid=uid + "source")
    pre_save.connect(
        _remember("source_id"), SourceReport, dispatch_uid=uid + "account-pre", weak=False
    )
    post_save.connect(_account_saved, SourceReport, dispatch_uid=uid + "account")
