"""The API of forwarding: POST /nominations/{id}/forward and /upper-result, GET /forwarding/…"""

import io
import json
import zipfile

import pytest

from tests.api.helpers import API, assert_problem
from thidua.forwarding import services


@pytest.fixture
def forwarded(people, nominated):
    nomination = nominated()
    services.forward_nomination(nomination, by=people.nganh_thidua)
    nomination.refresh_from_db()
    return nomination


def test_forward_answers_the_nomination_with_its_batch(api_client, people, nominated):
    nomination = nominated()
    response = api_client(people.nganh_thidua).post(f"{API}/nominations/{nomination.pk}/forward")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] == nomination.pk and body["status"] == "forwarded"
    assert body["upper_result"] == "pending" and body["batch_id"]
    assert body["history"][-1]["to"] == "forwarded"
    assert body["version"] == nomination.version + 1


def test_forward_from_a_wrong_state_is_409(api_client, people, nominated):
    nomination = nominated("appraised")
    response = api_client(people.nganh_thidua).post(f"{API}/nominations/{nomination.pk}/forward")
    assert_problem(response, 409)


def test_forward_of_a_sector_award_is_422_with_the_reason(
    api_client, people, nominated, sector_award
):
    nomination = nominated(award=sector_award)
    response = api_client(people.nganh_thidua).post(f"{API}/nominations/{nomination.pk}/forward")
    body = assert_problem(response, 422)
    assert body["reasons"]


def test_a_stale_version_is_409(api_client, people, nominated):
    nomination = nominated()
    response = api_client(people.nganh_thidua).post(
        f"{API}/nominations/{nomination.pk}/forward", {"version": nomination.version - 1}
    )
    assert_problem(response, 409)


@pytest.mark.parametrize(
    ("username", "status"),
    [("ldld", 403), ("bvdk.thidua", 403), ("kiemtra", 403), ("bvnhi.thidua", 404)],
)
def test_forward_by_others(api_client, people, nominated, username, status):
    nomination = nominated()
    response = api_client(people.users[username]).post(f"{API}/nominations/{nomination.pk}/forward")
    assert_problem(response, status)
    nomination.refresh_from_db()
    assert nomination.status == "approved"


def test_doanvien_cannot_see_the_nomination(api_client, people, nominated):
    response = api_client(people.doanvien).post(f"{API}/nominations/{nominated().pk}/forward")
    assert_problem(response, 404)


def test_upper_approval_shows_in_the_members_award_history(api_client, tree, people, forwarded):
    client = api_client(people.nganh_thidua)
    response = client.post(
        f"{API}/nominations/{forwarded.pk}/upper-result",
        {"approved": True, "decision_number": "15/QĐ-LĐLĐ", "decided_on": "2026-01-05"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "upper_approved"
    assert response.json()["upper_result"] == "approved"
    awards = client.get(f"{API}/members/{forwarded.member_id}/awards")
    assert awards.status_code == 200
    rows = awards.json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert rows[0]["award_type_code"] == "BK-LDLD"
    assert rows[0]["decision_number"] == "15/QĐ-LĐLĐ"
    assert rows[0]["decided_on"] == "2026-01-05"
    assert rows[0]["issued_by_org_id"] == tree.ldld.pk


def test_upper_rejection_needs_a_reason(api_client, people, forwarded):
    client = api_client(people.nganh_thidua)
    url = f"{API}/nominations/{forwarded.pk}/upper-result"
    assert_problem(client.post(url, {"approved": False}), 422, field="reason")
    response = client.post(url, {"approved": False, "reason": "Không đủ tiêu chuẩn"})
    assert response.status_code == 200
    assert response.json()["status"] == "upper_rejected"
    assert_problem(client.post(url, {"approved": False, "reason": "lần hai"}), 409)


def test_upper_result_validation(api_client, people, forwarded, nominated):
    client = api_client(people.nganh_thidua)
    url = f"{API}/nominations/{forwarded.pk}/upper-result"
    assert_problem(client.post(url, {"approved": True}), 422, field="decision_number")
    assert_problem(client.post(url, {"approved": "maybe"}), 400)
    assert_problem(client.post(url, {"approved": True, "decided_on": "05/01/2026"}), 400)
    assert_problem(client.post(url, "{not json", content_type="application/json"), 400)
    other = nominated()
    assert_problem(
        client.post(
            f"{API}/nominations/{other.pk}/upper-result", {"approved": False, "reason": "x"}
        ),
        409,
    )
    assert_problem(client.post(f"{API}/nominations/999999/upper-result", {"approved": True}), 404)


def test_upper_result_by_the_viewer_is_403(api_client, people, forwarded):
    response = api_client(people.ldld).post(
        f"{API}/nominations/{forwarded.pk}/upper-result", {"approved": False, "reason": "x"}
    )
    assert_problem(response, 403)


def test_batches_list_and_package(api_client, tree, people, forwarded):
    client = api_client(people.ldld)
    page = client.get(f"{API}/forwarding/batches?page_size=10")
    assert page.status_code == 200
    body = page.json()
    assert body["count"] == 1 and body["next"] is None
    batch = body["results"][0]
    assert batch["org_id"] == tree.sector.pk
    assert batch["level"] == "federation"
    assert batch["nominations"][0]["nomination_id"] == forwarded.pk
    assert batch["nominations"][0]["upper_result"] == "pending"
    single = client.get(f"{API}/forwarding/batches/{batch['id']}")
    assert single.json()["id"] == batch["id"]
    package = client.get(f"{API}/forwarding/batches/{batch['id']}/package.zip")
    assert package.status_code == 200
    assert package["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(package.content)) as archive:
        assert json.loads(archive.read("nominations.json"))["nominations"][0]["ref"] == (
            forwarded.pk
        )


def test_batches_are_not_visible_outside_reach(api_client, people, forwarded):
    batch_id = forwarded.forwarding.batch_id
    client = api_client(people.bvnhi_thidua)
    assert client.get(f"{API}/forwarding/batches").json()["count"] == 0
    assert_problem(client.get(f"{API}/forwarding/batches/{batch_id}"), 404)
    assert_problem(client.get(f"{API}/forwarding/batches/{batch_id}/package.zip"), 404)
    assert_problem(api_client(None).get(f"{API}/forwarding/batches"), 401)


def test_the_openapi_document_lists_the_operations(api_client, people):
    from django.urls import reverse

    from thidua.api.routers import ROUTERS, forwarding

    registered = any(r is forwarding.upper_router for _p, r in ROUTERS)
    name = "api:openapi-json" if registered else "forwarding-tests-api:openapi-json"
    paths = api_client(people.ldld).get(reverse(name)).json()["paths"]
    assert "post" in paths["/api/v1/nominations/{nomination_id}/forward"]
    assert "post" in paths["/api/v1/nominations/{nomination_id}/upper-result"]
    assert "get" in paths["/api/v1/forwarding/batches"]
    responses = paths["/api/v1/nominations/{nomination_id}/upper-result"]["post"]["responses"]
    assert {"200", "403", "404", "409", "422"} <= set(responses)
