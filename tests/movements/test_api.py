"""The /movements and /plans API: shapes, status codes and visibility (API.md)."""

import pytest

from tests.api.helpers import API, assert_problem
from tests.movements.conftest import days
from thidua.movements import services

BODY = {
    "title": "Giỏi việc nước, Đảm việc nhà",
    "kind": "thematic",
    "objectives": "Động viên nữ CNVCLĐ",
    "scope": "Toàn ngành",
    "participants": "Nữ đoàn viên",
    "content": "Hoàn thành tốt nhiệm vụ",
    "measures": "CĐCS xây dựng kế hoạch",
    "targets": [{"name": "CĐCS xây dựng kế hoạch", "target_value": 100, "unit": "%"}],
    "audience": {"employer_types": []},
}
MOVEMENT_KEYS = {
    "id",
    "org_id",
    "title",
    "kind",
    "objectives",
    "scope",
    "participants",
    "content",
    "measures",
    "targets",
    "audience",
    "starts_on",
    "ends_on",
    "plan_due_on",
    "midterm_review_due_on",
    "final_review_due_on",
    "status",
    "warnings",
    "version",
}
PLAN_KEYS = {"id", "org_id", "status", "submitted_at", "on_time", "document_id"}


def body(tree, **overrides):
    data = dict(BODY, org_id=tree.sector.pk)
    data.update(
        starts_on=days(-10).isoformat(),
        ends_on=days(200).isoformat(),
        plan_due_on=days(20).isoformat(),
        midterm_review_due_on=days(100).isoformat(),
        final_review_due_on=days(215).isoformat(),
    )
    data.update(overrides)
    return data


@pytest.fixture
def admin(api_client, people):
    return api_client(people.nganh_admin)


def test_create_then_read_a_movement(admin, tree):
    response = admin.post(f"{API}/movements", body(tree))
    assert response.status_code == 201, response.content
    data = response.json()
    assert set(data) >= MOVEMENT_KEYS
    assert data["status"] == "draft"
    assert data["targets"] == [{"name": "CĐCS xây dựng kế hoạch", "target_value": 100, "unit": "%"}]
    assert data["audience"] == {"employer_types": []}
    assert data["warnings"] == []
    assert data["version"] == 1
    assert admin.get(f"{API}/movements/{data['id']}").json() == data


@pytest.mark.parametrize(
    ("overrides", "status", "field"),
    [
        ({"title": ""}, 422, "title"),
        ({"kind": "yearly"}, 422, "kind"),
        ({"audience": {"employer_types": ["hospital"]}}, 422, None),
        ({"ends_on": "2020-01-01"}, 422, "ends_on"),
        ({"starts_on": "15/03/2026"}, 400, None),
        ({"targets": [{"name": "A", "target_value": "nhiều", "unit": ""}]}, 400, None),
        ({"org_id": 99999999}, 422, "org_id"),
    ],
)
def test_invalid_movements_are_problems(admin, tree, overrides, status, field):
    assert_problem(admin.post(f"{API}/movements", body(tree, **overrides)), status, field=field)


def test_a_grassroots_officer_cannot_create_for_the_sector(api_client, people, tree):
    response = api_client(people.bvdk_thidua).post(f"{API}/movements", body(tree))
    # The sector is not in BVDK's reach: the unit is unknown to them.
    assert_problem(response, 422, field="org_id")


def test_patch_a_draft_and_409_once_launched(admin, tree):
    movement_id = admin.post(f"{API}/movements", body(tree)).json()["id"]
    response = admin.patch(f"{API}/movements/{movement_id}", {"title": "Mới", "version": 1})
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Mới"
    assert response.json()["version"] == 2
    assert_problem(
        admin.patch(f"{API}/movements/{movement_id}", {"title": "Cũ", "version": 1}), 409
    )

    assert admin.post(f"{API}/movements/{movement_id}/launch").status_code == 200
    assert_problem(admin.patch(f"{API}/movements/{movement_id}", {"title": "Sau phát động"}), 409)


def test_launch_creates_plans_and_answers_the_movement(admin, tree):
    movement_id = admin.post(f"{API}/movements", body(tree)).json()["id"]
    response = admin.post(f"{API}/movements/{movement_id}/launch", {})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["status"] == "launched"
    assert data["plans_total"] == 2
    assert data["launch_document_id"]
    assert_problem(admin.post(f"{API}/movements/{movement_id}/launch", {}), 409)

    plans = admin.get(f"{API}/movements/{movement_id}/plans").json()
    assert plans["count"] == 2
    assert {p["org_id"] for p in plans["results"]} == {tree.bvdk.pk, tree.bvnhi.pk}
    assert all(set(p) >= PLAN_KEYS and p["status"] == "pending" for p in plans["results"])


def test_launch_beyond_the_threshold_is_422_until_confirmed(admin, tree, settings):
    settings.MOVEMENT_OVERLAP_CONFIRM_THRESHOLD = 1
    first = admin.post(f"{API}/movements", body(tree)).json()["id"]
    admin.post(f"{API}/movements/{first}/launch")
    second = admin.post(f"{API}/movements", body(tree, title="Xanh - Sạch - Đẹp")).json()
    assert second["warnings"] and second["confirmation_required"]

    problem = assert_problem(admin.post(f"{API}/movements/{second['id']}/launch", {}), 422)
    assert problem["reasons"]
    response = admin.post(f"{API}/movements/{second['id']}/launch", {"confirm": True})
    assert response.status_code == 200
    assert response.json()["warnings"]


def test_plan_submit_return_accept_over_the_api(api_client, admin, people, tree):
    movement_id = admin.post(f"{API}/movements", body(tree)).json()["id"]
    admin.post(f"{API}/movements/{movement_id}/launch")
    officer = api_client(people.bvdk_thidua)
    plans = officer.get(f"{API}/movements/{movement_id}/plans").json()["results"]
    assert [p["org_id"] for p in plans] == [tree.bvdk.pk]
    plan_id = plans[0]["id"]

    assert_problem(
        officer.post(f"{API}/plans/{plan_id}/submit", {"summary": ""}), 422, field="summary"
    )
    response = officer.post(f"{API}/plans/{plan_id}/submit", {"summary": "Kế hoạch của BVDK"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "submitted"
    assert response.json()["on_time"] is True
    assert response.json()["submitted_at"].endswith("+07:00")

    assert_problem(officer.post(f"{API}/plans/{plan_id}/accept"), 403)
    assert_problem(admin.post(f"{API}/plans/{plan_id}/return", {}), 422, field="reason")
    response = admin.post(f"{API}/plans/{plan_id}/return", {"reason": "Bổ sung chỉ tiêu"})
    assert response.json()["status"] == "returned"
    assert_problem(admin.post(f"{API}/plans/{plan_id}/accept"), 409)
    officer.post(f"{API}/plans/{plan_id}/submit", {"summary": "Đã bổ sung"})
    response = admin.post(f"{API}/plans/{plan_id}/accept", {})
    assert response.json()["status"] == "accepted"
    assert admin.get(f"{API}/movements/{movement_id}").json()["plans_done"] == 1


def test_bvnhi_gets_404_for_bvdks_plan(api_client, launched, people, tree):
    plan = launched.plans.get(org=tree.bvdk)
    other = api_client(people.bvnhi_thidua)
    assert_problem(other.get(f"{API}/plans/{plan.pk}"), 404)
    assert_problem(other.post(f"{API}/plans/{plan.pk}/submit", {"summary": "x"}), 404)
    assert_problem(other.post(f"{API}/plans/{plan.pk}/accept"), 404)
    plans = other.get(f"{API}/movements/{launched.pk}/plans").json()["results"]
    assert [p["org_id"] for p in plans] == [tree.bvnhi.pk]


def test_movements_outside_reach_are_404(api_client, draft, launched, people, tree):
    sector_draft = draft(title="Nháp")
    bvdk_own = services.create_movement(
        org=tree.bvdk,
        by=people.bvdk_chutich,
        **{
            "title": "Thi đua của BVDK",
            "starts_on": days(0),
            "ends_on": days(30),
        },
    )
    bvnhi = api_client(people.bvnhi_thidua)
    assert bvnhi.get(f"{API}/movements/{launched.pk}").status_code == 200
    assert_problem(bvnhi.get(f"{API}/movements/{sector_draft.pk}"), 404)
    assert_problem(bvnhi.get(f"{API}/movements/{bvdk_own.pk}"), 404)
    assert_problem(bvnhi.patch(f"{API}/movements/{bvdk_own.pk}", {"title": "x"}), 404)
    listed = {m["id"] for m in bvnhi.get(f"{API}/movements").json()["results"]}
    assert listed == {launched.pk}
    assert_problem(api_client(None).get(f"{API}/movements"), 401)


def test_list_filters(admin, draft, launched, tree):
    other = draft(title="Nháp khác")
    year = days(0).year
    assert admin.get(f"{API}/movements?status=draft").json()["count"] == 1
    assert admin.get(f"{API}/movements?status=launched").json()["results"][0]["id"] == launched.pk
    assert admin.get(f"{API}/movements?year={year}").json()["count"] == 2
    assert admin.get(f"{API}/movements?year=1999").json()["count"] == 0
    assert admin.get(f"{API}/movements?org={tree.bvdk.pk}").json()["count"] == 1
    assert admin.get(f"{API}/movements?page_size=1").json()["next"]
    assert_problem(admin.get(f"{API}/movements?status=old"), 422)
    assert_problem(admin.get(f"{API}/movements?year=abc"), 400)
    assert other.pk


def test_close_over_the_api(admin, launched):
    assert_problem(
        admin.post(f"{API}/movements/{launched.pk}/close", {"final_review_summary": ""}), 422
    )
    response = admin.post(
        f"{API}/movements/{launched.pk}/close", {"final_review_summary": "Tổng kết phong trào"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "closed"
    assert_problem(
        admin.post(f"{API}/movements/{launched.pk}/close", {"final_review_summary": "Lại"}), 409
    )


def test_amend_over_the_api(admin, launched):
    response = admin.post(
        f"{API}/movements/{launched.pk}/amend", {"reason": "Đổi tên", "title": "Tên mới"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Tên mới"
    assert_problem(admin.post(f"{API}/movements/{launched.pk}/amend", {"title": "x"}), 422)


def test_pledges_over_the_api(api_client, launched, people, tree):
    officer = api_client(people.bvdk_thidua)
    url = f"{API}/movements/{launched.pk}/pledges"
    response = officer.post(
        url, {"org_id": tree.bvdk.pk, "member_id": None, "commitments": "Tập thể LĐXS"}
    )
    assert response.status_code == 201, response.content
    assert response.json()["member_id"] is None
    response = officer.post(
        url, {"org_id": tree.bvdk.pk, "member_id": people.hong.pk, "commitments": "Một sáng kiến"}
    )
    assert response.json()["member_id"] == people.hong.pk
    assert_problem(
        officer.post(
            url, {"org_id": tree.bvdk.pk, "member_id": people.child_doctor.pk, "commitments": "x"}
        ),
        422,
        field="member_id",
    )
    assert_problem(officer.post(url, {"org_id": tree.bvdk.pk, "commitments": ""}), 422)
    assert officer.get(url).json()["count"] == 2
    assert api_client(people.bvnhi_thidua).get(url).json()["count"] == 0
    assert api_client(people.nganh_admin).get(url).json()["count"] == 2


def test_the_openapi_document_lists_the_operations(admin):
    paths = admin.get(f"{API}/openapi.json").json()["paths"]
    for path in (
        "/api/v1/movements",
        "/api/v1/movements/{movement_id}",
        "/api/v1/movements/{movement_id}/launch",
        "/api/v1/movements/{movement_id}/close",
        "/api/v1/movements/{movement_id}/plans",
        "/api/v1/movements/{movement_id}/pledges",
        "/api/v1/plans/{plan_id}/submit",
        "/api/v1/plans/{plan_id}/accept",
        "/api/v1/plans/{plan_id}/return",
    ):
        assert path in paths
    launch = paths["/api/v1/movements/{movement_id}/launch"]["post"]
    assert {"200", "404", "409", "422"} <= set(launch["responses"])
