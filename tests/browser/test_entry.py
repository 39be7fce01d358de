"""A monitor enters a report in Arabic with the keyboard, and loses nothing when the session
expires. Runs against a real `marsad demo` server in headless Chromium."""

from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def log_in(page, server, user="monitor", then="/entry/new/"):
    page.goto(server["url"] + "/accounts/login/?next=" + then)
    sign_in(page, server, user)
    page.wait_for_url(server["url"] + then)


def sign_in(page, server, user="monitor"):
    page.fill("#id_username", user)
    page.fill("#id_password", server["users"][user])
    page.click("main form button[type=submit]")


def choose_from_list(page, input_selector, typed):
    """Type into an autocomplete and take the first suggestion with the keyboard."""
    field = page.locator(input_selector)
    field.click()
    field.press_sequentially(typed, delay=40)
    page.locator(f"{input_selector}-list [role=option]").first.wait_for()
    field.press("ArrowDown")
    assert field.get_attribute("aria-activedescendant")  # the screen reader hears the option
    field.press("Enter")


def only_local_requests(page):
    hosts = {urlparse(url).hostname for url in page.requested_urls if not url.startswith("data:")}
    assert hosts == {"127.0.0.1"}, hosts


def test_a_monitor_enters_an_assassination_in_arabic(page, demo_server, screenshots):
    log_in(page, demo_server)
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.click("a[href='/entry/new/assassination/']")
    page.wait_for_url("**/entry/new/assassination/")
    assert page.locator("h1").inner_text() == "اغتيال"

    choose_from_list(page, "#id_source_query", "Daraa")
    assert page.input_value("#id_source") != ""
    choose_from_list(page, "#id_place_text", "جاسم")
    assert page.input_value("#id_place") == "C6111"
    assert "جاسم — ازرع، درعا" in page.inner_text("#id_place-chosen")
    assert page.input_value("#id_place_precision") == "community"
    page.fill("#id_date", "2020-01-15")
    page.select_option("#id_method", "gunfire")
    page.select_option("#id_target_status", "civilian")
    page.fill("#id_killed", "1")
    page.fill("#id_narrative_ar", "اغتيال عضو في لجنة التسوية بإطلاق نار وسط جاسم")
    page.screenshot(path=str(screenshots / "entry-form-ar.png"), full_page=True)
    # A source's identity is never on a monitor's page.
    assert "schoolteacher" not in page.content()

    page.locator("#entry-form button[type=submit]").click()
    page.wait_for_url("**/entry/mine/")
    first = page.locator(".entry-item.report").first
    assert "جاسم" in first.inner_text() and "اغتيال" in first.inner_text()
    assert "2020-01-15" in first.inner_text()
    page.screenshot(path=str(screenshots / "entry-mine-ar.png"), full_page=True)
    only_local_requests(page)


def test_typed_values_survive_an_expired_session(page, demo_server):
    log_in(page, demo_server, then="/entry/new/explosion/")
    page.fill("#id_target", "حاجز الأمن العسكري")
    page.fill("#id_killed", "3")
    page.locator("#id_killed").blur()
    expect(page.locator("#id_draft")).not_to_have_value("")

    page.context.clear_cookies(name="sessionid")  # the session expires
    page.fill("#id_narrative_ar", "انفجار عبوة ناسفة قرب الحاجز")  # typed after it expired
    page.locator("#id_narrative_ar").blur()
    page.wait_for_selector("#autosave-status.warning")  # kept in this browser only

    page.reload()
    page.wait_for_url("**/accounts/login/**")
    sign_in(page, demo_server)
    page.wait_for_url("**/entry/new/explosion/")
    assert page.input_value("#id_target") == "حاجز الأمن العسكري"
    assert page.input_value("#id_killed") == "3"
    assert page.input_value("#id_narrative_ar") == "انفجار عبوة ناسفة قرب الحاجز"
    assert page.locator("#restored-note").is_visible()
    # And the server has it again as a draft.
    page.wait_for_selector("#autosave-status:not(.warning):not(:empty)")
    page.goto(demo_server["url"] + "/entry/mine/")
    assert "تفجير" in page.locator(".entry-item.draft").first.inner_text()
    only_local_requests(page)
