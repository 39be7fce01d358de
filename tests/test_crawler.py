"""Crawl the whole app as each role: every page and JSON endpoint reachable from the navigation
and the lists.  A canary source identity may appear only for roles allowed to see it, and an
incident restricted to a group appears nowhere for anyone outside it.  No page may fail."""

from __future__ import annotations

import re
from collections import deque
from html import unescape
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.contrib.auth.models import Group

from marsad.accounts import roles
from marsad.records.demo import load_demo
from marsad.records.models import Incident, Source

pytestmark = pytest.mark.django_db

IDENTITY = "CANARY-IDENTITY-5c2e"
CONTACT = "CANARY-CONTACT-5c2e"
RESTRICTED = "CANARY-RESTRICTED-91ab"
LINK = re.compile(r"""(?:href|src|data-[a-z-]*url)\s*=\s*["']([^"']+)["']""", re.I)
# Pages whose GET changes state or only repeats the same page in many forms.
SKIP = re.compile(r"/(logout|i18n)/|/static/|\.(css|js|png|svg|woff2?|ico)$")
PAGE_LIMIT = 400
# Pages of one shape (the same path with other ids or query strings) visited: the others repeat
# a template the crawl has already read.
PER_SHAPE = 3


@pytest.fixture
def crawl_data(db):
    # Inside the test's transaction, so nothing outlives the test.
    load_demo()
    for source in Source.objects.all():
        source.identity = f"{IDENTITY} {source.pk}"
        source.contact = f"{CONTACT} {source.pk}"
        source.save()
    secret_group, _ = Group.objects.get_or_create(name="special investigations")
    incident = Incident.objects.filter(links__isnull=False).order_by("pk").first()
    incident.narrative_en = f"{RESTRICTED} narrative"
    incident.narrative_ar = f"{RESTRICTED} سرد"
    incident.target = f"{RESTRICTED} target"
    incident.save()
    incident.restricted_to.add(secret_group)
    report = incident.reports.first()
    report.narrative_en = f"{RESTRICTED} account"
    report.save()
    return {"incident": incident.pk, "report": report.pk, "group": secret_group.pk}


def user_with(django_user_model, name, groups):
    user = django_user_model.objects.create_user(name, password="crawler passphrase 42")
    user.groups.set(Group.objects.filter(name__in=groups))
    if roles.ADMINISTRATOR in groups:
        user.is_staff = True
        user.save()
    return user


def crawl(client, start: str = "/") -> dict[str, bytes]:
    """Every same-site URL reachable by GET from ``start``, with its body."""
    seen: dict[str, bytes] = {}
    shapes: dict[str, int] = {}
    queue = deque([start])
    while queue and len(seen) < PAGE_LIMIT:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code < 500, f"{url} failed with {response.status_code}"
        if response.status_code in (301, 302):
            target = urljoin(url, response["Location"])
            if urlsplit(target).netloc in ("", "testserver") and not SKIP.search(target):
                queue.append(urlsplit(target)._replace(scheme="", netloc="").geturl())
            seen[url] = b""
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        seen[url] = body
        if "html" not in response.get("Content-Type", ""):
            continue
        for link in LINK.findall(body.decode("utf-8", "replace")):
            link = urldefrag(urljoin(url, unescape(link)))[0]
            parts = urlsplit(link)
            if parts.netloc not in ("", "testserver") or SKIP.search(parts.path):
                continue
            local = parts._replace(scheme="", netloc="").geturl()
            shape = re.sub(r"\d+", "N", parts.path)
            if local not in seen and local not in queue and shapes.get(shape, 0) < PER_SHAPE:
                shapes[shape] = shapes.get(shape, 0) + 1
                queue.append(local)
    return seen


def leaks(pages: dict[str, bytes], marker: str) -> list[str]:
    return [url for url, body in pages.items() if marker.encode() in body]


ROLES = {
    "monitor": [roles.MONITOR],
    "reviewer": [roles.REVIEWER],
    "analyst": [roles.ANALYST],
    "administrator": [roles.ADMINISTRATOR],
    "identity-keeper": [roles.ADMINISTRATOR, roles.SOURCE_IDENTITIES],
}


@pytest.mark.parametrize("role", list(ROLES))
def test_each_role_sees_identities_only_when_allowed(role, crawl_data, client, django_user_model):
    user = user_with(django_user_model, f"crawler-{role}", ROLES[role])
    client.force_login(user)
    pages = crawl(client)
    assert len(pages) > 5, "the crawl found almost nothing to visit"
    identity_pages = leaks(pages, IDENTITY) + leaks(pages, CONTACT)
    if user.has_perm("records.view_source_identity"):
        # The keeper can reach identities somewhere (the source pages), so the canary is live.
        source_page = client.get(f"/en/admin/records/source/{Source.objects.first().pk}/change/")
        assert IDENTITY.encode() in source_page.content
    else:
        assert identity_pages == [], f"{role} saw a source identity on {identity_pages}"
    restricted = leaks(pages, RESTRICTED)
    assert restricted == [], f"{role} outside the group saw the restricted incident on {restricted}"


def test_a_member_of_the_group_does_see_the_restricted_incident(
    crawl_data, client, django_user_model
):
    user = user_with(django_user_model, "crawler-insider", [roles.REVIEWER])
    user.groups.add(crawl_data["group"])
    client.force_login(user)
    response = client.get(f"/en/admin/records/incident/{crawl_data['incident']}/change/")
    assert RESTRICTED.encode() in response.content or response.status_code == 302


def test_anonymous_visitors_reach_no_record(crawl_data, client):
    pages = crawl(client)
    assert leaks(pages, IDENTITY) == []
    assert leaks(pages, RESTRICTED) == []
