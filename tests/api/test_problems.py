"""Every API error is an RFC 9457 problem, translated, and bad input never yields a 500."""

import datetime

import pytest
from django.db import DataError

from tests.api.helpers import API, assert_problem
from thidua.organizations import services


def test_unknown_path_is_a_404_problem(people, api_client):
    assert_problem(api_client(people.nganh_admin).get(f"{API}/no-such-thing"), 404)
    assert_problem(api_client(None).get(f"{API}/orgs/1/nothing"), 404)


def test_malformed_json_is_400_in_vietnamese_by_default(people, api_client):
    client = api_client(people.nganh_admin)

    body = assert_problem(
        client.post(f"{API}/orgs", '{"code": ', content_type="application/json"), 400
    )

    assert body["title"] == "Yêu cầu không hợp lệ"
    assert body["detail"] == "Nội dung yêu cầu không phải một đối tượng JSON hợp lệ."


def test_malformed_json_is_400_in_english_when_asked(people, api_client):
    client = api_client(people.nganh_admin, headers={"Accept-Language": "en"})

    body = assert_problem(
        client.post(f"{API}/orgs", '{"code": ', content_type="application/json"), 400
    )

    assert body["title"] == "Malformed request"
    assert body["detail"] == "The request body is not a valid JSON object."


def test_401_in_both_languages(db, api_client):
    vi = assert_problem(api_client(None).get(f"{API}/me"), 401)
    en = assert_problem(api_client(None, headers={"Accept-Language": "en"}).get(f"{API}/me"), 401)

    assert vi["title"] == "Cần xác thực"
    assert en["title"] == "Authentication required"


def test_wrong_types_are_400_with_the_fields(people, tree, api_client):
    client = api_client(people.nganh_admin)

    body = assert_problem(
        client.patch(f"{API}/orgs/{tree.bvdk.pk}", {"active": "sometimes", "version": "x"}), 400
    )

    assert {e["field"] for e in body["errors"]} == {"active", "version"}


def test_field_messages_are_vietnamese_with_their_limits(people, tree, api_client):
    client = api_client(people.nganh_admin)

    body = assert_problem(
        client.patch(f"{API}/orgs/{tree.bvdk.pk}", {"active": "sometimes", "version": "x"}), 400
    )
    messages = {e["field"]: e["message"] for e in body["errors"]}
    assert messages == {"active": "Nhập true hoặc false.", "version": "Nhập một số nguyên."}

    body = assert_problem(client.get(f"{API}/members?q=a%00b"), 422)
    assert body["errors"][0]["message"] == "Văn bản không được chứa ký tự NUL."

    english = api_client(people.nganh_admin, headers={"Accept-Language": "en"})
    response = english.get(f"{API}/members?org=99999999999999999999999999")
    assert response.json()["errors"][0]["message"].startswith("Enter a value of at most ")


def test_numbers_are_not_taken_for_dates_or_flags(people, tree, api_client):
    body = assert_problem(
        api_client(people.bvdk_thidua).patch(
            f"{API}/members/{people.hong.pk}", {"birth_date": 0, "is_manager": 1, "version": 1}
        ),
        400,
    )
    messages = {e["field"]: e["message"] for e in body["errors"]}
    assert messages == {
        "birth_date": "Nhập ngày theo dạng YYYY-MM-DD.",
        "is_manager": "Nhập true hoặc false.",
    }
    people.hong.refresh_from_db()
    assert people.hong.birth_date != datetime.date(1970, 1, 1) and people.hong.version == 1


@pytest.mark.parametrize(
    "path",
    [
        "/orgs/99999999999999999999999999",
        "/members/99999999999999999999999999",
        "/members?org=99999999999999999999999999",
        "/orgs?parent=99999999999999999999999999",
        "/members?q=a%00b",
        "/orgs?page=99999999999999999999999999",
        "/orgs?page_size=99999999999999999999999999",
    ],
)
def test_out_of_range_input_is_a_client_error(people, api_client, path):
    response = api_client(people.nganh_admin).get(f"{API}{path}")

    assert response.status_code in (200, 400, 404, 422)
    if response.status_code != 200:
        assert_problem(response, response.status_code)


def test_a_value_the_database_refuses_is_400(people, tree, api_client, monkeypatch):
    def refuse(*args, **kwargs):
        raise DataError("value out of range")

    monkeypatch.setattr(services, "update_org", refuse)

    response = api_client(people.nganh_admin).patch(f"{API}/orgs/{tree.bvdk.pk}", {"name": "X"})

    assert_problem(response, 400)


def test_an_unexpected_failure_is_a_500_problem_without_details(
    people, tree, api_client, monkeypatch
):
    def crash(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(services, "update_org", crash)

    response = api_client(people.nganh_admin).patch(f"{API}/orgs/{tree.bvdk.pk}", {"name": "X"})

    body = assert_problem(response, 500)
    assert "secret" not in response.content.decode()
    assert body["title"] == "Lỗi máy chủ"


@pytest.mark.parametrize("body", ["[null, null]", "[]", "42", '"text"', "null"])
def test_a_json_body_that_is_not_an_object_is_400(people, tree, api_client, body):
    client = api_client(people.nganh_admin)

    response = client.patch(f"{API}/orgs/{tree.bvdk.pk}", body, content_type="application/json")

    assert_problem(response, 400)
    tree.bvdk.refresh_from_db()
    assert tree.bvdk.version == 1


def test_multipart_without_a_boundary_is_400(people, api_client):
    client = api_client(people.bvdk_thidua)

    response = client.post(f"{API}/members/import", "x", content_type="multipart/form-data")

    assert_problem(response, 400)


def test_a_body_over_the_request_limit_is_413(people, api_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    client = api_client(people.nganh_admin)

    response = client.post(f"{API}/orgs", {"code": "X" * 500, "name": "X", "kind": "union_group"})

    assert_problem(response, 413)
