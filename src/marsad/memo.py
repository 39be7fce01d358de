"""Values worked out once per web request instead of once per use.

A page asks for the active codebook a dozen times (every label, every form field); each ask
was a database query.  :func:`scope` (entered by
:class:`marsad.web.middleware.RequestMemoMiddleware` around each request) keeps such values
until the request ends; outside a scope nothing is kept, so commands and tests see every
change at once.  Code that changes a remembered value calls :func:`forget`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

__all__ = ["forget", "forget_all", "remembered", "scope"]

T = TypeVar("T")
_store: ContextVar[dict[str, object] | None] = ContextVar("marsad_memo", default=None)


@contextmanager
def scope() -> Iterator[None]:
    token = _store.set({})
    try:
        yield
    finally:
        _store.reset(token)


def remembered(key: str, compute: Callable[[], T]) -> T:
    """``compute()``, once per scope for ``key``; every time outside a scope."""
    store = _store.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]  # type: ignore[return-value]


def forget(key: str) -> None:
    store = _store.get()
    if store is not None:
        store.pop(key, None)


def forget_all() -> None:
    """After a write: everything remembered in this scope may have changed."""
    store = _store.get()
    if store is not None:
        store.clear()
