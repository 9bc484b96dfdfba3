"""API tokens: hashed at rest, acting with their user's current roles only, expiring, revocable,
and listed on the user's page."""

import datetime
import hashlib

from django.urls import reverse
from django.utils import timezone

from tests.accounts.conftest import PASSWORD, verified_login
from tests.api.helpers import API, ApiClient, assert_problem
from thidua.accounts.models import ApiToken, RoleAssignment
from thidua.accounts.roles import Role

SALARY = {"amount": 2_500_000, "effective_from": "2027-07-01"}


def token_client(user):
    _token, raw = ApiToken.issue(user, name="test")
    return ApiClient(user=user, token=raw)


def assert_unauthorized(response):
    assert_problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_only_the_sha256_of_an_issued_token_is_stored(people):
    response = ApiClient().post(
        f"{API}/auth/token", {"username": "bvdk.thidua", "password": PASSWORD}
    )
    raw = response.json()["token"]
    token = ApiToken.objects.get(user=people.bvdk_thidua)
    assert token.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert raw not in {str(value) for value in stored.values()}
    assert raw.startswith(token.prefix) and len(token.prefix) == 10


def test_a_token_gives_no_more_than_its_users_roles(people):
    officer = token_client(people.nganh_thidua)
    assert_problem(officer.post(f"{API}/base-salaries", SALARY), 403)
    admin = token_client(people.nganh_admin)
    assert admin.post(f"{API}/base-salaries", SALARY).status_code == 201


def test_a_token_reaches_only_the_units_of_its_users_roles(people, tree):
    client = token_client(people.bvdk_thidua)
    assert client.get(f"{API}/orgs/{tree.bvdk.pk}").status_code == 200
    assert_problem(client.get(f"{API}/orgs/{tree.bvnhi.pk}"), 404)
    roles = client.get(f"{API}/me").json()["roles"]
    assert roles == [{"role": Role.GRASSROOTS_OFFICER, "org_id": tree.bvdk.pk}]


def test_a_role_taken_from_the_user_is_gone_from_their_existing_tokens(people):
    client = token_client(people.nganh_admin)
    RoleAssignment.objects.filter(user=people.nganh_admin).delete()
    assert client.get(f"{API}/me").json()["roles"] == []
    assert_problem(client.post(f"{API}/base-salaries", SALARY), 403)


def test_an_expired_token_gets_401_problem_details(people):
    client = token_client(people.bvdk_thidua)
    ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert_unauthorized(client.get(f"{API}/me"))


def test_a_token_expires_after_the_configured_days(people, settings):
    settings.API_TOKEN_TTL_DAYS = 7
    token, _raw = ApiToken.issue(people.bvdk_thidua)
    lifetime = token.expires_at - timezone.now()
    assert datetime.timedelta(days=7) - lifetime < datetime.timedelta(minutes=1)


def test_a_token_revoked_on_the_profile_page_gets_401_problem_details(client, people):
    user = people.bvdk_thidua
    api = token_client(user)
    assert api.get(f"{API}/me").status_code == 200
    client.force_login(user)
    client.post(reverse("accounts:token_revoke", args=[ApiToken.objects.get(user=user).pk]))
    assert_unauthorized(api.get(f"{API}/me"))


def test_the_profile_lists_each_token_with_its_prefix_expiry_and_state(client, people):
    user = people.nganh_thidua
    active, _raw = ApiToken.issue(user, name="Báo cáo LĐLĐ")
    revoked, _raw = ApiToken.issue(user, name="Cũ")
    ApiToken.objects.filter(pk=revoked.pk).update(revoked_at=timezone.now())
    verified_login(client, user)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert f"{active.prefix}…" in page and f"{revoked.prefix}…" in page
    assert "Báo cáo LĐLĐ" in page and "Cũ" in page
    assert timezone.localtime(active.expires_at).strftime("%d/%m/%Y") in page
    assert "Đã thu hồi" in page
