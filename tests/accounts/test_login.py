"""Login and logout, the lockout after repeated failures, and the demo logins of the login page."""

import pytest
from django.urls import reverse

from thidua.demo.logins import DEMO_LOGINS, DEMO_PASSWORD

PASSWORD = "ThiDua@2026"
LOGIN_URL = reverse("accounts:login")


def login(client, username, password=PASSWORD, **extra):
    return client.post(LOGIN_URL, {"username": username, "password": password, **extra})


def test_login_with_the_right_password_opens_the_home_page(client, people):
    response = login(client, "bvdk.thidua")
    assert response.status_code == 302
    assert response.url == reverse("core:home")
    assert client.session["_auth_user_id"] == str(people.bvdk_thidua.pk)


def test_login_follows_a_safe_next_url_only(client, people):
    response = login(client, "bvdk.thidua", next="/accounts/profile/")
    assert response.url == "/accounts/profile/"
    client.logout()
    response = login(client, "bvdk.thidua", next="https://evil.example/")
    assert response.url == reverse("core:home")


def test_wrong_password_shows_an_error_and_does_not_log_in(client, people):
    response = login(client, "bvdk.thidua", "wrong-password")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_deactivated_user_cannot_log_in(client, people):
    people.bvdk_thidua.is_active = False
    people.bvdk_thidua.save()
    response = login(client, "bvdk.thidua")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_login_page_is_in_vietnamese(client, db):
    response = client.get(LOGIN_URL)
    assert response.status_code == 200
    assert "Đăng nhập" in response.content.decode()


def test_logout_needs_post_and_ends_the_session(client, people):
    client.force_login(people.bvdk_thidua)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response.url == LOGIN_URL
    assert "_auth_user_id" not in client.session


def test_anonymous_visitor_is_sent_to_the_login_page(client, db):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL + "?next=")


@pytest.fixture
def axes_on(settings):
    from axes.models import AccessAttempt

    settings.AXES_ENABLED = True
    AccessAttempt.objects.all().delete()
    yield
    AccessAttempt.objects.all().delete()


def test_five_failures_lock_the_account_with_the_cool_off_time(client, people, axes_on):
    for _attempt in range(4):
        assert login(client, "bvdk.thidua", "wrong-password").status_code == 200
    response = login(client, "bvdk.thidua", "wrong-password")
    assert response.status_code == 429
    content = response.content.decode()
    assert "tạm thời bị khóa" in content
    assert "15 phút" in content
    # Even the right password is refused during the cool-off.
    response = login(client, "bvdk.thidua")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username(client, people, axes_on):
    for _attempt in range(5):
        login(client, "bvdk.thidua", "wrong-password")
    response = login(client, "bvnhi.thidua")
    assert response.status_code == 302


def test_a_success_before_the_limit_resets_the_failures(client, people, axes_on):
    for _attempt in range(4):
        login(client, "bvdk.thidua", "wrong-password")
    assert login(client, "bvdk.thidua").status_code == 302
    client.post(reverse("accounts:logout"))
    for _attempt in range(4):
        assert login(client, "bvdk.thidua", "wrong-password").status_code == 200
    assert login(client, "bvdk.thidua").status_code == 302


def test_demo_logins_are_listed_in_demo_mode(client, db, settings):
    settings.DEMO_MODE = True
    content = client.get(LOGIN_URL).content.decode()
    assert 'data-testid="demo-logins"' in content
    assert DEMO_PASSWORD in content
    for username, full_name, _role, unit in DEMO_LOGINS:
        assert f'data-demo-username="{username}"' in content
        assert full_name in content
        assert unit in content
    assert "Quản trị ngành" in content or "Quản trị viên" in content
    assert "accounts/login.js" in content


def test_demo_logins_are_never_shown_outside_demo_mode(client, db, settings):
    settings.DEMO_MODE = False
    content = client.get(LOGIN_URL).content.decode()
    assert "demo-logins" not in content
    assert DEMO_PASSWORD not in content
    assert "nganh.admin" not in content
    assert "accounts/login.js" not in content
