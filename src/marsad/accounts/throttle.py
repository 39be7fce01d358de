"""Sign-in rate limiting: after too many failures for one username or from one address within
a window, further attempts are refused before the password is even checked.

Failures are kept in the database (not a per-process cache) so the limit holds across server
processes and restarts.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from marsad.accounts.models import FailedLogin

WINDOW = datetime.timedelta(minutes=15)
PER_USERNAME = 5
PER_ADDRESS = 20


def client_address(request) -> str | None:
    # Behind a reverse proxy every request comes from the proxy; the limit per username still
    # holds, which is the one that protects an account.
    return request.META.get("REMOTE_ADDR") if request is not None else None


def wait_before_next_attempt(username: str, address: str | None) -> datetime.timedelta | None:
    """How long until another attempt is allowed, or None when one is allowed now."""
    since = timezone.now() - WINDOW
    recent = FailedLogin.objects.filter(at__gte=since)
    for failures, limit in (
        (recent.filter(username__iexact=username), PER_USERNAME),
        (recent.filter(address=address) if address else recent.none(), PER_ADDRESS),
    ):
        times = list(failures.order_by("-at").values_list("at", flat=True)[:limit])
        if len(times) >= limit:
            return times[-1] + WINDOW - timezone.now()
    return None


def record_failure(username: str, address: str | None) -> None:
    FailedLogin.objects.create(username=username[:150], address=address)
    # Old failures no longer count; keep the table small.
    FailedLogin.objects.filter(at__lt=timezone.now() - 4 * WINDOW).delete()


def forget_failures(username: str) -> None:
    FailedLogin.objects.filter(username__iexact=username).delete()
