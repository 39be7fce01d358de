"""An analyst filters the incident list, opens the same incidents on the map, switches to
English and keeps the filters; nothing is loaded from another host."""

from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser


def log_in(page, server, username="analyst", next_path="/incidents/"):
    """Sign in at /accounts/login/; until the accounts app serves that page, sign in through
    the admin's login page as the administrator instead (the analyst is not staff)."""
    response = page.goto(f"{server['url']}/accounts/login/?next={next_path}")
    if response is not None and response.ok and page.locator("#id_username").count():
        page.fill("#id_username", username)
        page.fill("#id_password", server["users"][username])
        page.locator("form:has(#id_password) button[type=submit]").click()
    else:
        page.goto(f"{server['url']}/ar/admin/login/?next={next_path}")
        page.fill("#id_username", "admin")
        page.fill("#id_password", server["users"]["admin"])
        page.click("input[type=submit]")
    page.wait_for_url(f"{server['url']}{next_path}")


def map_count(page) -> int:
    page.wait_for_selector("#desk-map[data-loaded=true]", timeout=20_000)
    return int(page.locator("#desk-map").get_attribute("data-count"))


def only_local(page) -> set:
    return {
        urlparse(u).hostname for u in page.requested_urls if not u.startswith(("data:", "blob:"))
    }


def test_filtered_list_and_map_agree_in_both_languages(page, demo_server, screenshots):
    log_in(page, demo_server)
    assert page.locator("html").get_attribute("dir") == "rtl"
    everything = int(page.locator(".desk-count").get_attribute("data-count"))
    assert everything >= 100  # the demo's incidents

    page.click("details.desk-more summary")
    page.select_option("#id_party", "opposition")
    page.locator("details.desk-more button[type=submit]").click()
    page.wait_for_url("**/incidents/?party=opposition")
    listed = int(page.locator(".desk-count").get_attribute("data-count"))
    assert 0 < listed < everything
    assert page.locator(".desk-chips li").first.inner_text().startswith("الجهة المسيطرة")
    page.screenshot(path=str(screenshots / "desk-incidents-ar.png"))

    page.click("a.desk-maplink")
    page.wait_for_url("**/map/?party=opposition")
    assert map_count(page) == listed
    assert page.locator(".marker-cluster, .desk-pin.leaflet-marker-icon").count() > 0
    assert page.locator("#desk-legend-types li").count() >= 2  # coloured by type
    page.screenshot(path=str(screenshots / "desk-map-ar.png"))

    # The language switch posts the full path back: the filters survive it.
    page.click("form.langswitch button[value=en]")
    page.wait_for_url("**/map/?party=opposition")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert map_count(page) == listed
    page.click("a.desk-maplink")  # "Show these incidents as a list"
    page.wait_for_url("**/incidents/?party=opposition")
    assert int(page.locator(".desk-count").get_attribute("data-count")) == listed
    assert page.locator("#id_party").input_value() == "opposition"
    page.screenshot(path=str(screenshots / "desk-incidents-en.png"))
    assert only_local(page) == {"127.0.0.1"}


def test_the_home_dashboard_and_the_list_on_a_phone(browser, page, demo_server, screenshots):
    log_in(page, demo_server, next_path="/")
    assert page.locator(".dash-chart svg rect").count() == 12
    assert page.locator(".dash-month h2").inner_text().endswith("2020")  # the demo's last month
    page.screenshot(path=str(screenshots / "desk-home-ar.png"), full_page=True)
    page.click("form.langswitch button[value=en]")
    page.wait_for_load_state()
    assert page.locator(".dash-month h2").inner_text() == "Incidents in June 2020"
    page.screenshot(path=str(screenshots / "desk-home-en.png"), full_page=True)
    assert only_local(page) == {"127.0.0.1"}

    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="ar-SY")
    small = phone.new_page()
    small.requested_urls = []
    small.on("request", lambda request: small.requested_urls.append(request.url))
    log_in(small, demo_server)
    # No sideways scrolling: each incident is a card as wide as the screen.
    assert small.evaluate("document.documentElement.scrollWidth") <= 390
    small.screenshot(path=str(screenshots / "desk-incidents-ar-phone.png"))
    assert only_local(small) == {"127.0.0.1"}
    phone.close()
