"""The /inspections, /officers and /trainings API: shapes, status codes, visibility (API.md)."""

import pytest
from django.utils import timezone

from tests.api.helpers import API, assert_problem
from tests.oversight.conftest import days
from thidua.oversight import services
from thidua.oversight.indicators import officers_trained

pytestmark = pytest.mark.django_db

INSPECTION_KEYS = {"id", "org_id", "planned_on", "topic", "status", "findings", "recommendations"}


def test_plan_an_inspection(api_client, people, tree):
    client = api_client(people.kiemtra)
    response = client.post(
        f"{API}/inspections",
        {"org_id": tree.bvnhi.pk, "planned_on": days(10).isoformat(), "topic": "integrated"},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) >= INSPECTION_KEYS
    assert body["status"] == "planned" and body["inspecting_org_id"] == tree.sector.pk
    assert body["team_ids"] == [people.kiemtra.pk]


def test_bad_inspection_input_is_refused(api_client, people, tree):
    client = api_client(people.kiemtra)
    assert_problem(
        client.post(f"{API}/inspections", {"org_id": tree.bvnhi.pk, "planned_on": "x"}), 400
    )
    assert_problem(
        client.post(
            f"{API}/inspections",
            {"org_id": tree.bvnhi.pk, "planned_on": days(1).isoformat(), "topic": "other"},
        ),
        422,
        field="topic",
    )
    assert_problem(
        client.post(
            f"{API}/inspections",
            {"org_id": 987654, "planned_on": days(1).isoformat(), "topic": "integrated"},
        ),
        422,
        field="org_id",
    )
    assert_problem(
        api_client(people.bvnhi_chutich).post(
            f"{API}/inspections",
            {"org_id": tree.bvnhi.pk, "planned_on": days(1).isoformat(), "topic": "integrated"},
        ),
        403,
    )


def test_findings_accept_strings_with_a_default_due_date(api_client, inspection, people):
    client = api_client(people.kiemtra)
    url = f"{API}/inspections/{inspection.pk}/findings"
    body = assert_problem(
        client.post(url, {"findings": "Tốt", "recommendations": ["Bổ sung"]}), 422
    )
    assert body["errors"][0]["field"] == "recommendations.0.follow_up_due_on"
    response = client.post(
        url,
        {
            "findings": "Hồ sơ chưa đầy đủ",
            "recommendations": [
                "Bổ sung biên bản",
                {"text": "Cử cán bộ dự tập huấn", "follow_up_due_on": days(60).isoformat()},
            ],
            "follow_up_due_on": days(30).isoformat(),
        },
    )
    assert response.status_code == 200, response.content
    recs = response.json()["recommendations"]
    assert [r["follow_up_due_on"] for r in recs] == [days(30).isoformat(), days(60).isoformat()]
    assert response.json()["status"] == "findings_recorded"
    assert_problem(client.post(url, {"findings": "lại"}), 409)


def test_findings_accept_a_text_of_lines(api_client, inspection, people):
    response = api_client(people.kiemtra).post(
        f"{API}/inspections/{inspection.pk}/findings",
        {
            "findings": "x",
            "recommendations": "Một\nHai",
            "follow_up_due_on": days(5).isoformat(),
        },
    )
    assert response.status_code == 200, response.content
    assert len(response.json()["recommendations"]) == 2


def test_close_is_422_with_the_unanswered_then_200(api_client, with_findings, people):
    client = api_client(people.kiemtra)
    url = f"{API}/inspections/{with_findings.pk}/close"
    body = assert_problem(client.post(url), 422)
    assert len(body["reasons"]) == 2
    responder = api_client(people.bvnhi_thidua)
    for rec in with_findings.recommendations.all():
        response = responder.post(
            f"{API}/inspections/{with_findings.pk}/recommendations/{rec.pk}/response",
            {"response": "Đã khắc phục"},
        )
        assert response.status_code == 200, response.content
    response = client.post(url)
    assert response.status_code == 200 and response.json()["status"] == "closed"
    assert_problem(client.post(url), 409)


def test_close_from_planned_is_409(api_client, inspection, people):
    assert_problem(api_client(people.kiemtra).post(f"{API}/inspections/{inspection.pk}/close"), 409)


def test_another_unit_never_sees_the_inspection(api_client, with_findings, people):
    client = api_client(people.bvdk_chutich)
    assert_problem(client.get(f"{API}/inspections/{with_findings.pk}"), 404)
    assert_problem(client.post(f"{API}/inspections/{with_findings.pk}/close"), 404)
    assert client.get(f"{API}/inspections").json()["count"] == 0
    assert_problem(api_client(people.doanvien).get(f"{API}/inspections/{with_findings.pk}"), 404)
    seen = api_client(people.kiemtra).get(f"{API}/inspections?year={days(-3).year}").json()
    assert seen["count"] == 1
    detail = api_client(people.bvnhi_chutich).get(f"{API}/inspections/{with_findings.pk}")
    assert [r["overdue"] for r in detail.json()["recommendations"]] == [True, False]


def test_list_filters(api_client, with_findings, people, tree):
    client = api_client(people.nganh_admin)
    assert client.get(f"{API}/inspections?status=planned").json()["count"] == 0
    assert client.get(f"{API}/inspections?org={tree.bvnhi.pk}").json()["count"] == 1
    assert client.get(f"{API}/inspections?org={tree.bvdk.pk}").json()["count"] == 0
    assert_problem(client.get(f"{API}/inspections?status=nope"), 422)
    assert_problem(api_client(None).get(f"{API}/inspections"), 401)


def test_officers_lists_every_union_with_or_without_an_officer(
    api_client, course, officers, people, tree
):
    services.record_attendance(course, by=people.nganh_thidua, member_ids=[people.hong.pk])
    body = api_client(people.nganh_thidua).get(f"{API}/officers").json()
    assert body["count"] == 2
    rows = {r["org_id"]: r for r in body["results"]}
    assert rows[tree.bvdk.pk]["member_id"] == people.hong.pk
    assert rows[tree.bvdk.pk]["trained"] is True
    assert rows[tree.bvnhi.pk]["trained"] is False
    assert set(rows[tree.bvnhi.pk]) >= {"org_id", "org_name", "member_id", "full_name", "since"}
    own = api_client(people.bvdk_chutich).get(f"{API}/officers").json()
    assert [r["org_id"] for r in own["results"]] == [tree.bvdk.pk]
    # The list is for staff roles, as the officers board: a member is refused.
    assert api_client(people.doanvien).get(f"{API}/officers").status_code == 403


def test_officers_without_one_show_nulls(api_client, people, tree):
    body = api_client(people.nganh_admin).get(f"{API}/officers?missing=true").json()
    assert body["count"] == 2
    assert all(r["member_id"] is None and r["full_name"] is None for r in body["results"])


def test_trainings_create_get_and_attendance(api_client, officers, people, tree):
    client = api_client(people.nganh_thidua)
    response = client.post(
        f"{API}/trainings",
        {"org_id": tree.sector.pk, "title": "Tập huấn 2026", "held_on": str(timezone.localdate())},
    )
    assert response.status_code == 201, response.content
    course = response.json()
    assert course["counts_for_indicator"] is True and course["attendees"] == []
    url = f"{API}/trainings/{course['id']}/attendance"
    body = assert_problem(client.post(url, {"member_ids": [people.hong.pk, 99999999]}), 422)
    assert "99999999" in body["detail"]
    response = client.post(url, {"member_ids": [people.hong.pk, people.child_doctor.pk]})
    assert response.status_code == 200, response.content
    assert response.json()["attendee_count"] == 2
    again = client.post(url, {"member_ids": [people.hong.pk]}).json()
    assert again["added"] == [] and again["already"] == [people.hong.pk]
    assert_problem(client.post(url, {"member_ids": []}), 422)
    assert_problem(client.post(url, {"member_ids": "x"}), 400)
    year = timezone.localdate().year
    assert officers_trained(year, tree.sector)["done"] == 2
    listed = client.get(f"{API}/trainings?year={year}").json()
    assert listed["count"] == 1
    assert client.get(f"{API}/trainings/{course['id']}").json()["attendee_count"] == 2


def test_a_sector_course_is_seen_below_with_each_unit_seeing_only_its_attendees(
    api_client, course, people, tree
):
    services.record_attendance(course, by=people.nganh_thidua, member_ids=[people.hong.pk])
    bvdk = api_client(people.bvdk_chutich).get(f"{API}/trainings/{course.pk}").json()
    assert [a["member_id"] for a in bvdk["attendees"]] == [people.hong.pk]
    bvnhi = api_client(people.bvnhi_chutich).get(f"{API}/trainings/{course.pk}").json()
    assert bvnhi["attendees"] == []
    assert_problem(
        api_client(people.bvdk_thidua).post(
            f"{API}/trainings/{course.pk}/attendance", {"member_ids": [people.hong.pk]}
        ),
        403,
    )


def test_kpis_reports_officers_trained_from_the_records(api_client, course, officers, people, tree):
    services.record_attendance(course, by=people.nganh_thidua, member_ids=[people.hong.pk])
    year = timezone.localdate().year
    body = (
        api_client(people.nganh_thidua).get(f"{API}/kpis?year={year}&org={tree.sector.pk}").json()
    )
    assert body["officers_trained"] == {"done": 1, "total": 3, "rate": 0.3333}
