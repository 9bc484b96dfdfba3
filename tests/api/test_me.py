"""GET /me: the caller and the roles they hold at units."""

from tests.api.helpers import API, assert_problem


def test_me_lists_the_roles_with_their_units(people, tree, api_client):
    response = api_client(people.bvdk_thidua).get(f"{API}/me")

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == people.bvdk_thidua.pk
    assert body["username"] == "bvdk.thidua"
    assert body["full_name"] == people.bvdk_thidua.full_name
    assert body["roles"] == [{"role": "grassroots_officer", "org_id": tree.bvdk.pk}]
    assert body["member_id"] is None


def test_me_of_a_member_links_their_member_record(people, tree, api_client):
    body = api_client(people.doanvien).get(f"{API}/me").json()

    assert body["roles"] == [{"role": "member", "org_id": tree.bvdk.pk}]
    assert body["member_id"] == people.hong.pk


def test_me_without_a_token_is_401(db, api_client):
    assert_problem(api_client(None).get(f"{API}/me"), 401)


def test_me_with_a_malformed_authorization_header_is_401(people, api_client):
    client = api_client(None, headers={"Authorization": "Basic Zm9vOmJhcg=="})

    assert_problem(client.get(f"{API}/me"), 401)
