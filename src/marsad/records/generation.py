"""A generation changed with every change to what the desk shows, and a cache keyed on it.

The map's points, the home dashboard's counts and the number of rows a filter matches take
10-200 ms each at 100,000 incidents, and every analyst asks for the same ones.  They are cached
under the current generation: any change makes them all stale at once, no change means no
work.

The generation is one row changed in the same transaction as the change (by signals on saves and
deletes of incidents, accounts, links, sources, actors, places, control periods and codebook
versions, on restrictions, memberships and permissions, and by the bulk writers, which call
:func:`bump`).  A reader therefore never sees new data under an old generation or old data
under a new one.  Writers that bypass both (``QuerySet.update()`` elsewhere, raw SQL) are
covered by the entries' lifetime, ``CACHE_SECONDS``.

Cached values must not depend on who asks except through ``parts``: callers put the reader's
visibility (:func:`visibility_key`) and language there.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.core.cache import cache

from marsad import memo
from marsad.records.models import DataGeneration
from marsad.records.visibility import hidden_incident_ids

T = TypeVar("T")
CACHE_SECONDS = 300
_MEMO = "records.generation"


def current() -> int:
    """The generation now (read once per request)."""
    return memo.remembered(_MEMO, _read)


def _read() -> int:
    return DataGeneration.objects.filter(pk=1).values_list("value", flat=True).first() or 0


def bump(*args, **kwargs) -> None:
    """Move to a new generation (a signal receiver too, hence the ignored arguments).

    A new random value rather than the next number: a transaction rolled back after caching a
    page under its own generation must not leave that page to a later change that would have
    reused the number."""
    value = secrets.randbits(62)
    if not DataGeneration.objects.filter(pk=1).update(value=value):
        DataGeneration.objects.update_or_create(pk=1, defaults={"value": value})
    memo.forget_all()  # the generation, and what was read under it (who may see what)


def visibility_key(user) -> str:
    """Users who may see the same incidents share this key."""
    hidden = sorted(hidden_incident_ids(user))
    if not hidden:
        return "all"
    return hashlib.sha1(",".join(map(str, hidden)).encode()).hexdigest()


def key(namespace: str, parts: tuple[Hashable, ...]) -> str:
    """A cache key for ``parts`` in this generation (also for the ``{% cache %}`` tag)."""
    digest = hashlib.sha1(repr(parts).encode()).hexdigest()
    return f"marsad:{namespace}:{current()}:{digest}"


def cached(namespace: str, parts: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """``compute()``, or what it gave for the same ``parts`` in this generation."""
    key_now = key(namespace, parts)
    found = cache.get(key_now)
    if found is None:
        found = compute()
        cache.set(key_now, found, CACHE_SECONDS)
    return found


def connect() -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from marsad.codebook.models import CodebookVersion
    from marsad.places.models import ControlPeriod, Place
    from marsad.places.signals import control_changed
    from marsad.records.models import Actor, Incident, IncidentReport, Source, SourceReport

    uid = "marsad-generation-"
    for model in (Incident, SourceReport, IncidentReport, Source, Actor, Place, ControlPeriod):
        name = model._meta.label_lower
        post_save.connect(bump, model, dispatch_uid=f"{uid}{name}-saved")
        post_delete.connect(bump, model, dispatch_uid=f"{uid}{name}-deleted")
    m2m_changed.connect(bump, Incident.restricted_to.through, dispatch_uid=uid + "restricted")
    # Joining or leaving a group changes who sees restricted incidents, and what one may do
    # (permissions are cached too: marsad.accounts.backends).
    user = get_user_model()
    m2m_changed.connect(bump, user.groups.through, dispatch_uid=uid + "membership")
    m2m_changed.connect(bump, user.user_permissions.through, dispatch_uid=uid + "user-perms")
    m2m_changed.connect(bump, Group.permissions.through, dispatch_uid=uid + "group-perms")
    post_delete.connect(bump, Group, dispatch_uid=uid + "group-deleted")
    post_save.connect(bump, Permission, dispatch_uid=uid + "permission-added")
    post_save.connect(_user_saved, user, dispatch_uid=uid + "user-saved")
    control_changed.connect(bump, dispatch_uid=uid + "control")
    # Activating a codebook version changes every label (marsad.codebook.services).
    post_save.connect(bump, CodebookVersion, dispatch_uid=uid + "codebook")


def _user_saved(sender, instance, update_fields=None, **kwargs) -> None:
    """A user made superuser, or a new user, changes who may review; a login does not."""
    if update_fields is None or set(update_fields) != {"last_login"}:
        bump()
