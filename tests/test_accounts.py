"""Signing in: the app's own page for every role, and a rate limit against password guessing."""

import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db
PASSWORD = "a long passphrase 7"


@pytest.fixture
def monitor(django_user_model):
    user = django_user_model.objects.create_user("field-monitor", password=PASSWORD)
    user.groups.add(Group.objects.get(name="monitor"))
    return user


def sign_in(client, username, password, address="10.0.0.1"):
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password, "next": "/"},
        REMOTE_ADDR=address,
    )


def test_a_monitor_who_is_not_staff_signs_in_on_the_apps_page(client, monitor):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="ar")
    assert 'dir="rtl"' in page.content.decode()
    assert "تسجيل الدخول" in page.content.decode()
    response = sign_in(client, "field-monitor", PASSWORD)
    assert response.status_code == 302
    assert client.get("/").context["user"] == monitor


def test_pages_that_need_a_user_send_visitors_to_the_sign_in_page(client):
    response = client.get("/import/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_five_wrong_passwords_lock_the_username_even_for_the_right_one(client, monitor):
    for _ in range(5):
        assert sign_in(client, "field-monitor", "wrong").status_code == 200
    locked = sign_in(client, "field-monitor", PASSWORD)
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode() or "محاولات" in (
        locked.content.decode()
    )
    assert "_auth_user_id" not in client.session


def test_many_failures_from_one_address_lock_that_address(client, monitor, django_user_model):
    for n in range(20):
        sign_in(client, f"guess-{n}", "wrong", address="10.9.9.9")
    assert sign_in(client, "field-monitor", PASSWORD, address="10.9.9.9").status_code == 429
    assert sign_in(client, "field-monitor", PASSWORD, address="10.0.0.2").status_code == 302


def test_the_admin_sign_in_has_the_same_limit(client, admin_user_ar):
    for _ in range(5):
        client.post("/en/admin/login/", {"username": "chief", "password": "wrong"})
    response = client.post(
        "/en/admin/login/", {"username": "chief", "password": "a long passphrase 1"}
    )
    assert "_auth_user_id" not in client.session
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_a_success_clears_earlier_failures(client, monitor):
    for _ in range(4):
        sign_in(client, "field-monitor", "wrong")
    assert sign_in(client, "field-monitor", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, "field-monitor", "wrong")
    assert sign_in(client, "field-monitor", PASSWORD).status_code == 302


def test_weak_passwords_are_refused_when_changing_it(client, monitor):
    client.force_login(monitor)
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    monitor.refresh_from_db()
    assert monitor.check_password(PASSWORD)


def test_session_cookies_are_http_only_and_expire(client, monitor, settings):
    response = sign_in(client, "field-monitor", PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
