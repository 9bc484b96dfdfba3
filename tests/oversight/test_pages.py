"""The oversight pages: plan, inspection, forms, overdue board, courses, officers board."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.oversight.conftest import days
from thidua.oversight import services
from thidua.oversight.indicators import officers_trained
from thidua.oversight.models import Attendance, Inspection, InspectionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_two_factor(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = []


def login(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_plan_lists_the_inspections_of_the_year(with_findings, people):
    response = login(people.kiemtra).get(
        reverse("oversight:inspection_list") + f"?year={days(-3).year}"
    )
    assert response.status_code == 200
    assert with_findings.org.name in response.content.decode()


def test_plan_an_inspection_through_the_form(people, tree):
    client = login(people.kiemtra)
    response = client.post(
        reverse("oversight:inspection_create"),
        {"org": tree.bvnhi.pk, "planned_on": days(5).strftime("%d/%m/%Y"), "topic": "integrated"},
    )
    inspection = Inspection.objects.get()
    assert response.status_code == 302 and inspection.org == tree.bvnhi
    response = client.post(
        reverse("oversight:inspection_create"),
        {"org": tree.sector.pk, "planned_on": days(5).strftime("%d/%m/%Y"), "topic": "integrated"},
    )
    assert response.status_code == 200 and Inspection.objects.count() == 1


def test_record_findings_respond_and_close_through_the_pages(inspection, people):
    client = login(people.kiemtra)
    response = client.post(
        reverse("oversight:inspection_findings", args=[inspection.pk]),
        {
            "held_on": timezone.localdate().strftime("%d/%m/%Y"),
            "findings": "Hồ sơ chưa đầy đủ",
            "recommendations": "Bổ sung biên bản",
            "follow_up_due_on": days(10).strftime("%d/%m/%Y"),
            "version": inspection.version,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    rec = inspection.recommendations.get()
    close = reverse("oversight:inspection_close", args=[inspection.pk])
    client.post(close)
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.FINDINGS_RECORDED
    detail = login(people.bvnhi_chutich).get(
        reverse("oversight:inspection_detail", args=[inspection.pk])
    )
    assert "recommendation_respond" not in detail.content.decode()
    assert f"/recommendations/{rec.pk}/respond/" in detail.content.decode()
    login(people.bvnhi_chutich).post(
        reverse("oversight:recommendation_respond", args=[inspection.pk, rec.pk]),
        {"response": "Đã bổ sung"},
    )
    client.post(close)
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.CLOSED


def test_overdue_are_highlighted_and_on_the_board(with_findings, people):
    detail = login(people.nganh_admin).get(
        reverse("oversight:inspection_detail", args=[with_findings.pk])
    )
    assert "border-danger" in detail.content.decode()
    for user in (people.nganh_admin, people.bvnhi_chutich):
        board = login(user).get(reverse("oversight:board")).content.decode()
        assert "Bổ sung biên bản họp Hội đồng" in board
    board = login(people.bvdk_chutich).get(reverse("oversight:board")).content.decode()
    assert "Bổ sung biên bản họp Hội đồng" not in board


@pytest.mark.parametrize(
    "name", ["inspection_detail", "inspection_findings", "inspection_link", "inspection_exemplar"]
)
def test_another_unit_gets_404(with_findings, people, name):
    response = login(people.bvdk_chutich).get(reverse(f"oversight:{name}", args=[with_findings.pk]))
    assert response.status_code == 404


def test_a_member_cannot_open_the_staff_pages(people):
    for name in ("inspection_list", "board", "officers", "course_list"):
        assert login(people.doanvien).get(reverse(f"oversight:{name}")).status_code == 403


def test_course_pages_and_bulk_attendance(officers, people, tree):
    client = login(people.nganh_thidua)
    response = client.post(
        reverse("oversight:course_create"),
        {
            "org": tree.sector.pk,
            "title": "Tập huấn nghiệp vụ",
            "held_on": timezone.localdate().strftime("%d/%m/%Y"),
            "counts_for_indicator": "on",
        },
    )
    assert response.status_code == 302
    url = response["Location"]
    page = client.get(url + "?officers=1").content.decode()
    assert people.hong.full_name in page and people.child_doctor.full_name in page
    client.post(url, {"member_ids": [people.hong.pk, people.child_doctor.pk]})
    assert Attendance.objects.count() == 2
    assert login(people.bvnhi_chutich).get(url).status_code == 200  # its member attended
    assert client.get(reverse("oversight:course_list")).status_code == 200


def test_the_officers_board_agrees_with_the_indicator(course, officers, people, tree):
    services.record_attendance(course, by=people.nganh_thidua, member_ids=[people.hong.pk])
    response = login(people.nganh_thidua).get(reverse("oversight:officers"))
    content = response.content.decode()
    year = timezone.localdate().year
    result = officers_trained(year, tree.sector)
    assert response.context["indicator"]["done"] == result["done"]
    assert response.context["indicator"]["total"] == result["total"]
    assert f"{result['done']} / {result['total']}" in content
    totals = response.context["totals"]
    assert (totals["units"], totals["with_officer"], totals["trained"]) == (2, 2, 1)
    untrained = login(people.nganh_thidua).get(reverse("oversight:officers") + "?show=untrained")
    assert [row.unit.code for row in untrained.context["rows"]] == ["BVNHI"]


def test_units_without_an_officer_stand_out(people):
    response = login(people.nganh_admin).get(reverse("oversight:officers") + "?show=missing")
    assert response.content.decode().count('data-testid="no-officer"') == 2


def test_the_sector_sets_the_training_deadline(people, tree):
    year = timezone.localdate().year
    client = login(people.nganh_admin)
    client.post(
        reverse("oversight:deadline_set", args=[tree.sector.pk, year]),
        {"due_on": f"30/06/{year}"},
    )
    assert tree.sector.training_deadlines.get().due_on.month == 6
