"""POST /auth/token issues a bearer token, DELETE revokes it; failures are counted by axes."""

import datetime

import pytest
from django.utils import timezone

from tests.api.helpers import API, assert_problem
from tests.factories import UserFactory
from thidua.accounts.models import ApiToken

PASSWORD = "ThiDua@2026"


@pytest.fixture
def client_(api_client):
    return api_client(None)


def test_valid_credentials_give_a_token_that_authenticates(people, client_, api_client):
    response = client_.post(f"{API}/auth/token", {"username": "bvdk.thidua", "password": PASSWORD})

    assert response.status_code == 200
    body = response.json()
    assert body["token"].startswith("td_")
    expires_at = datetime.datetime.fromisoformat(body["expires_at"])
    assert expires_at.utcoffset() == datetime.timedelta(hours=7)
    assert expires_at > timezone.now() + datetime.timedelta(days=29)
    token = ApiToken.objects.get(user=people.bvdk_thidua)
    assert token.key_hash != body["token"]
    me = client_.get(f"{API}/me", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.status_code == 200
    assert me.json()["username"] == "bvdk.thidua"


def test_wrong_password_is_401_without_a_token(people, client_):
    response = client_.post(f"{API}/auth/token", {"username": "bvdk.thidua", "password": "wrong"})

    body = assert_problem(response, 401)
    assert "không đúng" in body["detail"]
    assert not ApiToken.objects.exists()


def test_unknown_user_is_401(db, client_):
    response = client_.post(f"{API}/auth/token", {"username": "nobody", "password": PASSWORD})

    assert_problem(response, 401)


def test_inactive_user_is_401(db, client_):
    UserFactory(username="gone", is_active=False)

    response = client_.post(f"{API}/auth/token", {"username": "gone", "password": PASSWORD})

    assert_problem(response, 401)


def test_missing_password_is_422_on_the_field(db, client_):
    response = client_.post(f"{API}/auth/token", {"username": "bvdk.thidua"})

    assert_problem(response, 422, field="password")


def test_body_that_is_not_json_is_400(db, client_):
    response = client_.post(f"{API}/auth/token", "{not json", content_type="application/json")

    assert_problem(response, 400)


def test_repeated_failures_lock_the_account_out_with_429(people, client_, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    wrong = {"username": "bvdk.thidua", "password": "wrong"}

    statuses = [client_.post(f"{API}/auth/token", wrong).status_code for _ in range(3)]
    locked = client_.post(f"{API}/auth/token", {"username": "bvdk.thidua", "password": PASSWORD})

    assert statuses[:2] == [401, 401]
    body = assert_problem(locked, 429)
    assert "khóa" in body["detail"]
    assert int(locked["Retry-After"]) > 0
    assert not ApiToken.objects.exists()


def test_delete_revokes_the_token_used(people, api_client):
    client = api_client(people.bvdk_thidua)
    other = api_client(people.bvdk_thidua)

    response = client.delete(f"{API}/auth/token")

    assert response.status_code == 204
    assert_problem(client.get(f"{API}/me"), 401)
    assert other.get(f"{API}/me").status_code == 200


def test_delete_without_a_token_is_401(db, client_):
    assert_problem(client_.delete(f"{API}/auth/token"), 401)


def test_expired_and_garbage_tokens_are_401(people, api_client):
    client = api_client(people.bvdk_thidua)
    ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))

    response = client.get(f"{API}/me")

    assert_problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")
    garbage = api_client(None, headers={"Authorization": "Bearer td_garbage"})
    assert_problem(garbage.get(f"{API}/me"), 401)


def test_token_of_a_deactivated_user_stops_working(people, api_client):
    client = api_client(people.bvdk_thidua)
    people.bvdk_thidua.is_active = False
    people.bvdk_thidua.save()

    assert_problem(client.get(f"{API}/me"), 401)


def test_session_login_is_not_accepted_by_the_api(people, client):
    client.force_login(people.nganh_admin)

    assert_problem(client.get(f"{API}/me"), 401)
    response = client.post(
        f"{API}/orgs",
        {"code": "X", "name": "X", "kind": "union_group"},
        content_type="application/json",
    )
    assert_problem(response, 401)


def test_token_endpoint_needs_no_csrf_token(people):
    from tests.api.helpers import ApiClient

    client = ApiClient(enforce_csrf_checks=True)

    response = client.post(f"{API}/auth/token", {"username": "bvdk.thidua", "password": PASSWORD})

    assert response.status_code == 200
