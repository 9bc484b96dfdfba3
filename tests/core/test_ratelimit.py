"""core.ratelimit: fixed-window counters in the cache, and the limit of public verification."""

import pytest
from django.test import Client

from tests.api.helpers import API, assert_problem
from thidua.core import ratelimit
from thidua.core.ratelimit import Limit


@pytest.fixture
def clock(monkeypatch):
    """A clock at the start of a window; ``clock.now`` moves it."""

    class Clock:
        now = 1_800_000_000.0

        def __call__(self):
            return self.now

    moving = Clock()
    monkeypatch.setattr(ratelimit, "clock", moving)
    return moving


@pytest.mark.parametrize(
    ("text", "limit"),
    [("10/600", Limit(10, 600)), ("5", Limit(5, 60)), (" 3/3600", Limit(3, 3600))],
)
def test_a_limit_reads_count_per_seconds(text, limit):
    assert Limit.parse(text) == limit


@pytest.mark.parametrize("text", ["0/60", "5/0", "many", "-1/60"])
def test_a_limit_without_a_positive_count_and_window_is_refused(text):
    with pytest.raises(ValueError):
        Limit.parse(text)


def test_the_request_after_the_limit_waits_until_the_window_ends(settings, clock):
    settings.RATE_LIMIT_VERIFY_PER_ADDRESS = "2/60"
    clock.now += 15
    assert ratelimit.hit("RATE_LIMIT_VERIFY_PER_ADDRESS", "10.0.0.1") == 0
    assert ratelimit.hit("RATE_LIMIT_VERIFY_PER_ADDRESS", "10.0.0.1") == 0
    assert ratelimit.hit("RATE_LIMIT_VERIFY_PER_ADDRESS", "10.0.0.1") == 45
    assert ratelimit.hit("RATE_LIMIT_VERIFY_PER_ADDRESS", "10.0.0.2") == 0
    clock.now += 45
    assert ratelimit.hit("RATE_LIMIT_VERIFY_PER_ADDRESS", "10.0.0.1") == 0


def test_keys_ignore_case_and_surrounding_spaces(settings, clock):
    settings.RATE_LIMIT_LOGIN_PER_ACCOUNT = "1/60"
    assert ratelimit.hit("RATE_LIMIT_LOGIN_PER_ACCOUNT", "Bvdk.Thidua") == 0
    assert ratelimit.hit("RATE_LIMIT_LOGIN_PER_ACCOUNT", " bvdk.thidua ") > 0


def test_exceeded_counts_every_check_and_gives_the_longest_wait(settings, clock):
    settings.RATE_LIMIT_LOGIN_PER_ADDRESS = "1/60"
    settings.RATE_LIMIT_LOGIN_PER_ACCOUNT = "1/600"
    checks = (("RATE_LIMIT_LOGIN_PER_ADDRESS", "a"), ("RATE_LIMIT_LOGIN_PER_ACCOUNT", "u"))
    assert ratelimit.exceeded(*checks) == 0
    assert ratelimit.exceeded(*checks) == 600


def test_public_verification_page_and_api_share_the_limit_of_an_address(db, settings, clock):
    settings.RATE_LIMIT_VERIFY_PER_ADDRESS = "2/60"
    client = Client()
    assert client.get("/verify/no-such-code/").status_code == 404
    assert client.get(f"{API}/verify/no-such-code").status_code == 404
    page = client.get("/verify/no-such-code/")
    assert page.status_code == 429
    assert page["Retry-After"] == "60"
    assert "tra cứu quá nhiều lần" in page.content.decode()
    api = client.get(f"{API}/verify/no-such-code")
    assert_problem(api, 429)
    assert api["Retry-After"] == "60"
    assert Client(REMOTE_ADDR="10.0.0.9").get("/verify/no-such-code/").status_code == 404
    clock.now += 60
    assert client.get("/verify/no-such-code/").status_code == 404


def _request(remote, forwarded=None):
    from django.test import RequestFactory

    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_trusted_proxies_a_forged_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert ratelimit.client_address(_request("10.0.0.5", "1.2.3.4")) == "10.0.0.5"


def test_behind_one_trusted_proxy_the_address_it_saw_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client claimed 9.9.9.9; nginx appended the address it saw, 203.0.113.7.
    request = _request("127.0.0.1", "9.9.9.9, 203.0.113.7")
    assert ratelimit.client_address(request) == "203.0.113.7"
    assert ratelimit.client_address(_request("127.0.0.1")) == "127.0.0.1"
