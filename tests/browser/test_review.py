"""A reviewer turns two accounts of one explosion into a published incident, in the browser,
and takes the publication back; nothing leaves the machine."""

import re
import statistics
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser


def log_in(page, server, username):
    page.goto(server["url"] + "/accounts/login/?next=/review/")
    page.fill("#id_username", username)
    page.fill("#id_password", server["users"][username])
    page.click("main button[type=submit]")
    page.wait_for_url(server["url"] + "/review/")


def submitted_explosion_with_disputed_deaths(page, server) -> int:
    """The first new explosion in the queue whose accounts disagree on the number killed."""
    page.goto(server["url"] + "/review/?type=explosion")
    rows = page.locator("#new tr[data-incident]")
    candidates = [
        int(row.get_attribute("data-incident"))
        for row in rows.all()
        if int(row.get_attribute("data-accounts")) >= 2
    ]
    for pk in candidates:
        page.goto(f"{server['url']}/incidents/{pk}/")
        if "differs" in (page.locator('tr[data-field="killed"]').get_attribute("class") or ""):
            return pk
    raise AssertionError(f"no explosion among {candidates} has disputed deaths")


def killed_claims(page) -> list[int]:
    cells = page.locator('tr[data-field="killed"] td .value').all_inner_texts()
    return [int(text) for text in cells if text.strip().isdigit()]


def decide(page, move):
    page.click(f'button[data-move="{move}"]')
    page.wait_for_load_state()


def test_reviewer_links_reconciles_publishes_and_undoes(page, demo_server, screenshots):
    log_in(page, demo_server, "reviewer")
    assert page.locator("html").get_attribute("dir") == "rtl"
    pk = submitted_explosion_with_disputed_deaths(page, demo_server)
    incident_url = f"{demo_server['url']}/incidents/{pk}/"
    accounts = page.locator("th.account[data-report]")
    moved = accounts.last.get_attribute("data-report")
    count = accounts.count()

    # Take one account out: it now waits in the queue as not linked to any incident ...
    page.click(f'button[data-unlink="{moved}"]')
    page.wait_for_url(re.compile(rf"/incidents/{pk}/"))
    assert page.locator("th.account[data-report]").count() == count - 1
    page.goto(demo_server["url"] + "/review/?type=explosion")
    waiting = page.locator(f'#unlinked tr[data-report="{moved}"]')
    assert waiting.count() == 1
    # ... and link it back from its own page, finding the incident by its number.
    waiting.get_by_role("link").click()
    page.wait_for_url(re.compile(rf"/review/accounts/{moved}/"))
    page.fill("#id_incident", str(pk))
    page.click("form.link-form button[type=submit]")
    page.wait_for_url(re.compile(rf"/incidents/{pk}/"))
    assert page.locator("th.account[data-report]").count() == count
    killed_row = page.locator('tr[data-field="killed"]')
    assert "differs" in killed_row.get_attribute("class")

    # Settle the dispute: low, best and high with the reason.
    claims = killed_claims(page)
    low, best, high = min(claims), round(statistics.median(claims)), max(claims)
    page.click("details.reconcile summary")
    page.fill("#figures_killed_low", str(low))
    page.fill("#figures_killed_best", str(best))
    page.fill("#figures_killed_high", str(high))
    page.fill("#figures_reason", "median of the accounts; the observation point agrees")
    page.click("form.reconcile-form button[type=submit]")
    page.wait_for_url(re.compile(rf"/incidents/{pk}/"))
    assert page.locator('tr[data-measure="killed"] td.best').inner_text() == str(best)
    assert "median of the accounts" in page.locator("#figures .rule").inner_text()

    page.click('button[name="me"]')  # assign to me
    page.wait_for_load_state()
    assert page.locator(".assignee").inner_text() == "reviewer"
    for move in ("start_review", "verify", "publish"):
        decide(page, move)
    assert page.locator(".incident-head .status").get_attribute("data-status") == "published"
    history = page.locator("#history ol.decisions > li")
    kinds = [history.nth(i).get_attribute("data-kind") for i in range(history.count())]
    assert kinds[:7] == [
        "transition",
        "transition",
        "transition",
        "assign",
        "reconcile",
        "link",
        "unlink",
    ]
    page.screenshot(path=str(screenshots / "review-incident-published-ar.png"), full_page=True)

    # Take the publication back: verified again, the undo itself in the history.
    history.first.locator("button[data-undo]").click()
    page.wait_for_url(re.compile(rf"/incidents/{pk}/"))
    assert page.locator(".incident-head .status").get_attribute("data-status") == "verified"
    first = page.locator("#history ol.decisions > li").first
    assert first.get_attribute("data-kind") == "undo"
    assert "undone" in page.locator("#history ol.decisions > li").nth(1).get_attribute("class")
    assert page.url.startswith(incident_url)

    hosts = {urlparse(url).hostname for url in page.requested_urls if not url.startswith("data:")}
    assert hosts == {"127.0.0.1"}, hosts


def test_the_map_draws_the_governorate_offline(page, demo_server):
    log_in(page, demo_server, "reviewer")
    page.goto(demo_server["url"] + "/review/?type=explosion")
    page.locator("#new tr[data-incident] a").first.click()
    page.wait_for_selector("#incident-map.ready")
    assert page.locator("#incident-map path").count() >= 2  # the outline and the point
    hosts = {urlparse(url).hostname for url in page.requested_urls if not url.startswith("data:")}
    assert hosts == {"127.0.0.1"}, hosts
