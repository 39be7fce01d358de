"""The analysis dashboard in a real browser: the chart and the map draw from shipped files only,
under the Content-Security-Policy, in Arabic and English, on a desktop and on a phone."""

from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = pytest.mark.browser
BLOCKED = ("Content Security Policy", "unsafe-eval", "EvalError")


def log_in(page, server):
    page.goto(server["url"] + "/ar/admin/login/?next=/analysis/")
    page.fill("#id_username", server["user"])
    page.fill("#id_password", server["password"])
    page.click("input[type=submit]")
    page.wait_for_url(server["url"] + "/analysis/")


def watch_console(page) -> list[str]:
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" and any(b in message.text for b in BLOCKED)
            else None
        ),
    )
    return problems


def wait_for_drawings(page):
    page.wait_for_selector("#chart[data-rendered]", timeout=30_000)
    page.wait_for_selector("#map[data-rendered]", timeout=30_000)
    assert page.locator("#chart").get_attribute("data-rendered") == "true"
    assert page.locator("#map").get_attribute("data-rendered") == "true"


def only_local_requests(page) -> set:
    return {urlparse(u).hostname for u in page.requested_urls if not u.startswith("data:")}


def test_party_by_month_draws_a_chart_and_a_map_offline(page, demo_server, screenshots):
    problems = watch_console(page)
    log_in(page, demo_server)
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.select_option("#id_by", "controlling_party")
    page.select_option("#id_then_by", "month")
    page.click(".dash-actions button[type=submit]")
    page.wait_for_url("**/analysis/?*")
    query = parse_qs(urlparse(page.url).query)
    assert query["by"] == ["controlling_party"] and query["then_by"] == ["month"]
    wait_for_drawings(page)

    # One line per controlling party, with a point per month, inside the vega container.
    assert page.locator("#chart svg g.mark-line path").count() >= 3
    assert page.locator("#chart svg g.mark-symbol path").count() >= 12
    # One filled polygon per governorate, from the shipped boundaries.
    assert page.locator("#map path.leaflet-interactive").count() == 14
    assert page.locator(".map-legend").count() == 1
    assert page.locator(".dash-table tbody tr").count() >= 20
    page.screenshot(path=str(screenshots / "dashboard-ar.png"))

    # Switching language keeps the view: the URL still carries every choice.
    page.click("form.langswitch button[value=en]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "ltr"
    query = parse_qs(urlparse(page.url).query)
    assert query["by"] == ["controlling_party"] and query["then_by"] == ["month"]
    assert page.locator("#id_by").input_value() == "controlling_party"
    assert page.locator("#id_then_by").input_value() == "month"
    wait_for_drawings(page)
    assert "Incidents by party in control and month" in page.locator("#chart svg").text_content()
    page.screenshot(path=str(screenshots / "dashboard-en.png"))

    assert only_local_requests(page) == {"127.0.0.1"}
    assert problems == []


def test_the_dashboard_fits_a_phone(browser, demo_server, screenshots):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ar-SY")
    page = context.new_page()
    page.requested_urls = []
    page.on("request", lambda request: page.requested_urls.append(request.url))
    problems = watch_console(page)
    log_in(page, demo_server)
    page.goto(demo_server["url"] + "/analysis/?by=governorate&then_by=type&measure=incidents")
    wait_for_drawings(page)
    assert page.locator("#chart svg g.mark-rect path").count() >= 5
    # Nothing sticks out sideways: the page scrolls only up and down.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    chart = page.locator("#chart").bounding_box()
    assert chart["width"] <= 390 and chart["height"] > 100
    page.screenshot(path=str(screenshots / "dashboard-ar-phone.png"), full_page=True)
    assert only_local_requests(page) == {"127.0.0.1"}
    assert problems == []
    context.close()
