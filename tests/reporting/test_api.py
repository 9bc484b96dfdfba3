"""The reporting API: status codes, shapes and filters of API.md."""

import datetime

import pytest

from tests.api.helpers import assert_problem
from thidua.reporting.models import Report

pytestmark = pytest.mark.django_db

REPORT_FIELDS = {
    "id",
    "round_id",
    "org_id",
    "status",
    "submitted_at",
    "late",
    "content",
    "figures",
    "document_id",
    "due_on",
    "version",
}


@pytest.fixture
def sector_api(reporting_api, people):
    return reporting_api(people.nganh_thidua)


def _create(api, tree, **overrides):
    body = {
        "org_id": tree.sector.pk,
        "title": "Báo cáo năm 2026",
        "period": "annual",
        "year": 2026,
        "due_on": "2026-11-18",
        **overrides,
    }
    return api.post("/api/v1/reporting-rounds", body)


def test_create_round_answers_201_with_one_report_per_union(sector_api, tree):
    response = _create(sector_api, tree)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["period"] == "annual" and body["due_on"] == "2026-11-18"
    assert sorted(r["org_code"] for r in body["reports"]) == ["BVDK", "BVNHI"]
    assert set(body["reports"][0]) >= REPORT_FIELDS
    assert body["counts"]["total"] == 2


def test_create_round_refusals(reporting_api, sector_api, people, tree):
    assert_problem(_create(reporting_api(people.bvdk_chutich), tree, org_id=tree.bvdk.pk), 403)
    assert_problem(_create(reporting_api(people.bvnhi_thidua), tree), 422, field="org_id")
    assert_problem(_create(sector_api, tree, period="monthly"), 422, field="period")
    assert_problem(_create(sector_api, tree, due_on="18/11/2026"), 400)
    assert_problem(_create(sector_api, tree, year="năm nay"), 400)
    assert_problem(_create(sector_api, tree, org_id=tree.tld.pk), 422, field="org_id")
    assert_problem(_create(sector_api, tree, period="movement_final"), 422, field="movement_id")
    assert_problem(_create(sector_api, tree, movement_id=999999), 422, field="movement_id")
    assert_problem(_create(reporting_api(None), tree), 401)
    assert not Report.objects.exists()


def test_submit_accept_return_status_codes(reporting_api, sector_api, people, tree, figures):
    round_id = _create(sector_api, tree, due_on="2026-12-31").json()["id"]
    report_id = Report.objects.get(round_id=round_id, org__code="BVDK").pk
    unit = reporting_api(people.bvdk_thidua)
    base = f"/api/v1/reports/{report_id}"
    assert_problem(sector_api.post(f"{base}/accept"), 409)
    assert_problem(
        unit.post(f"{base}/submit", {"content": "x", "figures": {"initiatives": -2}}),
        422,
        field="figures.initiatives",
    )
    assert_problem(unit.post(f"{base}/submit", {"content": "x", "figures": "nhiều"}), 400)
    assert_problem(sector_api.post(f"{base}/submit", {"content": "x", "figures": figures}), 403)
    response = unit.post(f"{base}/submit", {"content": "Báo cáo năm", "figures": figures})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "submitted" and body["late"] is False and body["figures"] == figures
    assert_problem(unit.post(f"{base}/submit", {"content": "x", "figures": figures}), 409)
    assert_problem(unit.post(f"{base}/accept"), 403)
    assert_problem(sector_api.post(f"{base}/return", {}), 422, field="reason")
    assert_problem(sector_api.post(f"{base}/return", {"reason": "x", "version": 1}), 409)
    returned = sector_api.post(f"{base}/return", {"reason": "Bổ sung"})
    assert returned.status_code == 200 and returned.json()["status"] == "returned"
    again = unit.post(f"{base}/submit", {"content": "Bản sửa", "figures": figures})
    assert again.status_code == 200
    accepted = sector_api.post(f"{base}/accept")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert_problem(sector_api.post(f"{base}/return", {"reason": "muộn"}), 409)
    assert_problem(sector_api.get("/api/v1/reports/999999"), 404)


def test_report_list_filters(sector_api, reporting_api, people, tree, figures):
    _create(sector_api, tree, due_on="2026-01-10", year=2025, title="Năm 2025")
    current = _create(
        sector_api, tree, title="6 tháng 2026", period="half_year", due_on="2026-07-15"
    )
    report = Report.objects.get(round_id=current.json()["id"], org__code="BVDK")
    reporting_api(people.bvdk_thidua).post(
        f"/api/v1/reports/{report.pk}/submit", {"content": "x", "figures": figures}
    )

    def ids(query):
        response = sector_api.get(f"/api/v1/reports?{query}")
        assert response.status_code == 200, response.content
        return response.json()

    assert ids("")["count"] == 4
    assert ids("year=2026")["count"] == 2
    assert ids("period=annual")["count"] == 2
    assert ids(f"org={tree.bvdk.pk}")["count"] == 2
    assert ids("status=submitted")["count"] == 1
    # Today (late 2026) every unsubmitted slot is past due; BVDK's half-year report was late.
    today = datetime.date.today()
    if today > datetime.date(2026, 7, 15):
        assert ids("late=true")["count"] == 4
        assert ids("late=false")["count"] == 0
    page = ids("page=1&page_size=1")
    assert page["count"] == 4 and len(page["results"]) == 1 and page["next"]
    assert_problem(sector_api.get("/api/v1/reports?status=lost"), 422)
    assert_problem(sector_api.get("/api/v1/reports?late=perhaps"), 400)
    rounds = sector_api.get("/api/v1/reporting-rounds?year=2026&period=half_year").json()
    assert rounds["count"] == 1 and rounds["results"][0]["counts"]["submitted"] == 1
    assert sector_api.get(f"/api/v1/reporting-rounds/{current.json()['id']}").status_code == 200
    assert_problem(
        reporting_api(people.doanvien).get(f"/api/v1/reporting-rounds/{current.json()['id']}"), 404
    )


def test_accept_needs_no_body(sector_api, reporting_api, people, tree, figures):
    round_id = _create(sector_api, tree, due_on="2026-12-31").json()["id"]
    report = Report.objects.get(round_id=round_id, org__code="BVNHI")
    reporting_api(people.bvnhi_chutich).post(
        f"/api/v1/reports/{report.pk}/submit", {"content": "x", "figures": figures}
    )
    response = sector_api.generic("POST", f"/api/v1/reports/{report.pk}/accept")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "accepted"


def test_openapi_documents_every_reporting_operation(sector_api):
    paths = sector_api.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/reporting-rounds",
        "/api/v1/reporting-rounds/{round_id}",
        "/api/v1/reports",
        "/api/v1/reports/{report_id}",
        "/api/v1/reports/{report_id}/submit",
        "/api/v1/reports/{report_id}/accept",
        "/api/v1/reports/{report_id}/return",
        "/api/v1/kpis",
    ):
        assert path in paths, path
    responses = paths["/api/v1/reports/{report_id}/submit"]["post"]["responses"]
    assert {"200", "403", "404", "409", "422"} <= set(responses)
