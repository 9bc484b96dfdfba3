"""Password change, password reset by email, and the session lifetime."""

import re
import time

from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from tests.accounts.conftest import PASSWORD
from thidua.core.audit import history

NEW_PASSWORD = "Hoa-Sen-2026-moi"


def test_password_change_keeps_the_session_and_takes_the_new_password(client, people):
    user = people.bvdk_thidua
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
    assert client.get(reverse("accounts:profile")).status_code == 200
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    entry = history(user).latest("at")
    assert entry.comment
    assert "password" not in (entry.after or {})
    assert user.password not in str(entry.before) + str(entry.after)


def test_password_change_refuses_a_wrong_old_password_or_a_weak_new_one(client, people):
    client.force_login(people.bvdk_thidua)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "nope", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.context["form"].errors["old_password"]
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "12345", "new_password2": "12345"},
    )
    assert response.context["form"].errors["new_password2"]
    people.bvdk_thidua.refresh_from_db()
    assert people.bvdk_thidua.check_password(PASSWORD)


def test_password_reset_sends_a_vietnamese_email_with_a_working_link(client, people):
    user = people.bvdk_thidua
    response = client.post(reverse("accounts:password_reset"), {"email": user.email.upper()})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert "mật khẩu" in message.subject.lower()
    assert "bvdk.thidua" in message.body
    link = re.search(r"https?://[^\s]+/accounts/password/reset/[^\s]+/", message.body).group(0)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.context["validlink"] is True
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.url == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # The link works once.
    assert client.get(path, follow=True).context["validlink"] is False


def test_password_reset_for_an_unknown_email_says_the_same_and_sends_nothing(client, people):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_password_reset_reaches_an_invited_user_without_a_password(client, people):
    user = people.bvdk_thidua
    user.set_unusable_password()
    user.save()
    client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert len(mail.outbox) == 1


def test_a_tampered_reset_link_is_refused(client, people):
    response = client.get("/accounts/password/reset/MQ/set-password-bad-token/", follow=True)
    assert response.context["validlink"] is False


def test_the_session_cookie_lives_for_session_cookie_age(client, people, settings):
    settings.SESSION_COOKIE_AGE = 3600
    client.post(reverse("accounts:login"), {"username": "bvdk.thidua", "password": PASSWORD})
    response = client.get(reverse("accounts:profile"))
    assert response.cookies["sessionid"]["max-age"] == 3600
    assert 3500 < client.session.get_expiry_age() <= 3600


def test_an_expired_session_asks_for_the_login_again(client, people, settings):
    client.post(reverse("accounts:login"), {"username": "bvdk.thidua", "password": PASSWORD})
    session = client.session
    assert session[SESSION_KEY] == str(people.bvdk_thidua.pk)
    session.set_expiry(1)
    session.save()
    time.sleep(1.1)
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
