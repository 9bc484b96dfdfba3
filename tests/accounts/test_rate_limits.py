"""Rate limits of the login, the API token issue and the password reset (``core.ratelimit``).

Each limit refuses the request after the Nth in a window, counts per client address and per
account (or email), and lets requests through again when the window ends.
"""

import pytest
from django.core import mail
from django.urls import reverse

from tests.accounts.conftest import PASSWORD
from tests.api.helpers import API, ApiClient, assert_problem
from thidua.accounts.models import ApiToken
from thidua.core import ratelimit

LOGIN_URL = reverse("accounts:login")
RESET_URL = reverse("accounts:password_reset")
TOKEN_URL = f"{API}/auth/token"


@pytest.fixture
def clock(monkeypatch):
    """A clock at the start of a window that tests move forward with ``clock.advance``."""

    class Clock:
        now = 1_800_000_000.0

        def __call__(self):
            return self.now

        def advance(self, seconds):
            self.now += seconds

    moving = Clock()
    monkeypatch.setattr(ratelimit, "clock", moving)
    return moving


def login(client, username, password=PASSWORD, address="10.0.0.1"):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address)


# --- login ------------------------------------------------------------------------------------


def test_login_beyond_the_limit_of_an_address_is_refused_even_with_the_right_password(
    client, people, settings, clock
):
    settings.RATE_LIMIT_LOGIN_PER_ADDRESS = "3/600"
    for username in ("a", "b", "c"):
        assert login(client, username, "wrong").status_code == 200
    response = login(client, "bvdk.thidua")
    assert response.status_code == 429
    assert int(response["Retry-After"]) == 600
    assert "Có quá nhiều lần đăng nhập" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_limit_of_an_address_leaves_other_addresses_alone(client, people, settings, clock):
    settings.RATE_LIMIT_LOGIN_PER_ADDRESS = "2/600"
    for _ in range(3):
        login(client, "bvdk.thidua", "wrong")
    response = login(client, "bvdk.thidua", address="10.0.0.2")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(people.bvdk_thidua.pk)


def test_login_limit_of_an_account_counts_every_address(client, people, settings, clock):
    settings.RATE_LIMIT_LOGIN_PER_ACCOUNT = "2/600"
    login(client, "bvdk.thidua", "wrong", address="10.0.0.1")
    login(client, "BVDK.thidua", "wrong", address="10.0.0.2")
    assert login(client, "bvdk.thidua", address="10.0.0.3").status_code == 429
    assert login(client, "bvnhi.thidua", address="10.0.0.3").status_code == 302


def test_login_works_again_when_the_window_ends(client, people, settings, clock):
    settings.RATE_LIMIT_LOGIN_PER_ADDRESS = "1/600"
    login(client, "bvdk.thidua", "wrong")
    clock.advance(300)
    assert login(client, "bvdk.thidua").status_code == 429
    clock.advance(300)
    assert login(client, "bvdk.thidua").status_code == 302


# --- API token --------------------------------------------------------------------------------


def issue(username="bvdk.thidua", password=PASSWORD, address="10.0.0.1"):
    client = ApiClient(REMOTE_ADDR=address)
    return client.post(TOKEN_URL, {"username": username, "password": password})


def test_token_requests_beyond_the_limit_get_429_problem_details_with_retry_after(
    people, settings, clock
):
    settings.RATE_LIMIT_TOKEN_PER_ADDRESS = "2/600"
    assert issue().status_code == 200
    assert issue(password="wrong").status_code == 401
    body = assert_problem(issue(), 429)
    assert "Quá nhiều yêu cầu" in body["detail"]
    assert int(issue()["Retry-After"]) == 600
    assert ApiToken.objects.count() == 1


def test_token_limit_of_an_address_leaves_other_addresses_alone(people, settings, clock):
    settings.RATE_LIMIT_TOKEN_PER_ADDRESS = "1/600"
    issue()
    assert issue().status_code == 429
    assert issue(address="10.0.0.2").status_code == 200


def test_token_limit_of_an_account_counts_every_address(people, settings, clock):
    settings.RATE_LIMIT_TOKEN_PER_ACCOUNT = "1/600"
    issue(address="10.0.0.1")
    assert issue(address="10.0.0.2").status_code == 429
    assert issue("bvnhi.thidua", address="10.0.0.2").status_code == 200


def test_token_issue_works_again_when_the_window_ends(people, settings, clock):
    settings.RATE_LIMIT_TOKEN_PER_ADDRESS = "1/60"
    issue()
    assert issue().status_code == 429
    clock.advance(60)
    assert issue().status_code == 200


# --- password reset ---------------------------------------------------------------------------


def reset(client, email, address="10.0.0.1"):
    return client.post(RESET_URL, {"email": email}, REMOTE_ADDR=address)


def test_password_reset_answers_the_same_for_known_and_unknown_emails(client, people, settings):
    known = reset(client, people.bvdk_thidua.email)
    unknown = reset(client, "nobody@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1


def test_password_reset_beyond_the_limit_of_an_email_sends_nothing_and_says_so(
    client, people, settings, clock
):
    settings.RATE_LIMIT_PASSWORD_RESET_PER_EMAIL = "2/3600"
    email = people.bvdk_thidua.email
    reset(client, email, address="10.0.0.1")
    reset(client, email.upper(), address="10.0.0.2")
    response = reset(client, email, address="10.0.0.3")
    assert response.status_code == 429
    assert "Không có email nào được gửi" in response.content.decode()
    assert len(mail.outbox) == 2
    # The answer is the same for an address without an account.
    reset(client, "nobody@example.org")
    reset(client, "nobody@example.org")
    assert reset(client, "nobody@example.org").status_code == 429


def test_password_reset_limit_of_an_address_leaves_other_addresses_alone(
    client, people, settings, clock
):
    settings.RATE_LIMIT_PASSWORD_RESET_PER_ADDRESS = "1/3600"
    reset(client, "nobody@example.org")
    assert reset(client, people.bvdk_thidua.email).status_code == 429
    assert mail.outbox == []
    assert reset(client, people.bvdk_thidua.email, address="10.0.0.2").status_code == 302
    assert len(mail.outbox) == 1


def test_password_reset_works_again_when_the_window_ends(client, people, settings, clock):
    settings.RATE_LIMIT_PASSWORD_RESET_PER_EMAIL = "1/3600"
    email = people.bvdk_thidua.email
    reset(client, email)
    assert reset(client, email).status_code == 429
    clock.advance(3600)
    assert reset(client, email).status_code == 302
    assert len(mail.outbox) == 2
