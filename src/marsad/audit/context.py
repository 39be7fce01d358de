"""Who is acting: set by the web middleware per request, or by the CLI for a command."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

_current_actor: ContextVar[tuple[Any, str] | None] = ContextVar("marsad_actor", default=None)


def current_actor() -> tuple[Any, str]:
    """The (user or None, label) responsible for changes being made now."""
    return _current_actor.get() or (None, "system")


@contextlib.contextmanager
def acting_as(user: Any = None, label: str | None = None) -> Iterator[None]:
    if label is None:
        label = getattr(user, "get_username", lambda: "system")() if user is not None else "system"
    token = _current_actor.set((user, label))
    try:
        yield
    finally:
        _current_actor.reset(token)
