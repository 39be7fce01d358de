"""Change logging declared once per model: ``audited(Model, sensitive=(...))``.

Signals capture every save and delete made through the ORM (admin, CLI, importers), so no view
has to remember to log. Sensitive fields (source identities) are logged as changed, never with
their values: the change log is read by more people than may see who a source is.
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save

from marsad.audit.context import current_actor

REDACTED = "[sensitive: not logged]"
# Copies of other fields kept for search: logging them would repeat every narrative.
DERIVED = frozenset({"search_text"})
Sensitive = Iterable[str] | Callable[[], Iterable[str]]
_registry: dict[type[models.Model], Sensitive] = {}


def audited(model: type[models.Model], *, sensitive: Sensitive = ()) -> type[models.Model]:
    """Log every change of ``model``; ``sensitive`` names fields (or gives a function that
    names them, when the codebook declares them) whose values are never written to the log."""
    _registry[model] = sensitive
    uid = f"marsad-audit-{model._meta.label}"
    pre_save.connect(_remember_before, sender=model, dispatch_uid=uid + "-pre")
    post_save.connect(_log_save, sender=model, dispatch_uid=uid + "-post")
    post_delete.connect(_log_delete, sender=model, dispatch_uid=uid + "-delete")
    return model


def is_audited(model: type[models.Model]) -> bool:
    return model in _registry


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def _sensitive(model: type[models.Model]) -> tuple[str, ...]:
    declared = _registry.get(model, ())
    return tuple(declared() if callable(declared) else declared)


def snapshot(instance: models.Model) -> dict[str, Any]:
    sensitive = _sensitive(type(instance))
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in DERIVED:
            continue
        value = field.value_from_object(instance)
        if field.name in sensitive:
            data[field.name] = REDACTED if value else ""
        else:
            data[field.name] = _jsonable(value)
    return data


def _remember_before(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._audit_before = None
        return
    previous = sender._default_manager.filter(pk=instance.pk).first()
    instance._audit_before = snapshot(previous) if previous else None
    if previous is not None:
        sensitive = _sensitive(sender)
        instance._audit_sensitive_changed = [
            name for name in sensitive if getattr(previous, name) != getattr(instance, name)
        ]


def _write(instance, action: str, before, after) -> None:
    from marsad.audit.models import ChangeLog

    user, label = current_actor()
    ChangeLog.objects.create(
        model=instance._meta.label,
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        action=action,
        actor=user if getattr(user, "pk", None) else None,
        actor_label=label[:150],
        before=before,
        after=after,
    )


def _log_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_audit_before", None)
    after = snapshot(instance)
    for name in getattr(instance, "_audit_sensitive_changed", ()):
        # Both sides show the same marker; make the change itself visible without the values.
        after[name] = REDACTED + " (changed)"
    if not created and before == after:
        return
    _write(instance, "create" if created else "update", None if created else before, after)


def _log_delete(sender, instance, **kwargs):
    _write(instance, "delete", snapshot(instance), None)
