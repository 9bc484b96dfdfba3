"""The movement pages: list, detail with the plan board, forms, launch, plans, pledges."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from thidua.documents.rendering.pdf import render_pdf
from thidua.documents.rendering.samples import sample_report
from thidua.movements import services
from thidua.movements.models import MovementStatus, PlanStatus, Pledge


@pytest.fixture(autouse=True)
def _no_two_factor(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = []


@pytest.fixture
def login():
    def as_user(user):
        client = Client()
        client.force_login(user)
        return client

    return as_user


def test_the_list_shows_a_grassroots_user_what_to_answer_first(login, launched, people):
    response = login(people.bvdk_thidua).get(reverse("movements:movement_list"))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'data-testid="to-answer"' in content
    assert launched.title in content


def test_the_detail_shows_the_board_and_counts(login, launched, people, tree):
    services.submit_plan(launched.plans.get(org=tree.bvdk), by=people.bvdk_thidua, summary="x")
    response = login(people.nganh_admin).get(
        reverse("movements:movement_detail", args=[launched.pk])
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert tree.bvdk.name in content and tree.bvnhi.name in content
    assert "01/KH-CĐN" in content
    assert reverse("movements:plan_accept", args=[launched.plans.get(org=tree.bvdk).pk]) in content


def test_bvnhi_sees_only_its_own_plan_on_the_board_and_404_for_bvdks(login, launched, people, tree):
    client = login(people.bvnhi_thidua)
    content = client.get(reverse("movements:movement_detail", args=[launched.pk])).content.decode()
    assert tree.bvnhi.name in content
    assert tree.bvdk.name not in content
    bvdk_plan = launched.plans.get(org=tree.bvdk)
    assert client.get(reverse("movements:plan_detail", args=[bvdk_plan.pk])).status_code == 404
    assert client.post(reverse("movements:plan_accept", args=[bvdk_plan.pk])).status_code == 404


def test_a_draft_is_404_for_the_units(login, draft, people):
    movement = draft()
    url = reverse("movements:movement_detail", args=[movement.pk])
    assert login(people.bvdk_thidua).get(url).status_code == 404


def test_create_a_movement_with_targets(login, people, tree):
    client = login(people.nganh_admin)
    assert client.get(reverse("movements:movement_create")).status_code == 200
    response = client.post(
        reverse("movements:movement_create"),
        {
            "org": tree.sector.pk,
            "title": "Xanh - Sạch - Đẹp",
            "kind": "thematic",
            "audience_employer_types": ["public_service"],
            "starts_on": "01/04/2026",
            "ends_on": "30/11/2026",
            "plan_due_on": "30/04/2026",
            "final_review_due_on": "15/12/2026",
            "targets-TOTAL_FORMS": "2",
            "targets-INITIAL_FORMS": "0",
            "targets-MIN_NUM_FORMS": "0",
            "targets-MAX_NUM_FORMS": "50",
            "targets-0-name": "Đơn vị không dùng nhựa dùng một lần",
            "targets-0-target_value": "100",
            "targets-0-unit": "%",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    movement = tree.sector.movements.get()
    assert movement.audience_employer_types == ["public_service"]
    assert movement.targets.get().value == 100


def test_the_create_form_shows_rule_errors(login, people, tree):
    response = login(people.nganh_admin).post(
        reverse("movements:movement_create"),
        {
            "org": tree.sector.pk,
            "title": "Sai ngày",
            "kind": "regular",
            "starts_on": "01/04/2026",
            "ends_on": "01/03/2026",
            "targets-TOTAL_FORMS": "0",
            "targets-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ends_on"]


def test_grassroots_users_cannot_open_the_sector_forms(login, draft, people):
    movement = draft()
    client = login(people.bvdk_thidua)
    assert client.get(reverse("movements:movement_edit", args=[movement.pk])).status_code == 404


def test_the_launch_page_warns_and_launches(login, draft, launched, people, settings):
    settings.MOVEMENT_OVERLAP_CONFIRM_THRESHOLD = 1
    movement = draft(title="Hai")
    client = login(people.nganh_admin)
    url = reverse("movements:movement_launch", args=[movement.pk])
    response = client.get(url)
    assert 'data-testid="overlap-warnings"' in response.content.decode()
    response = client.post(url, {"version": movement.version})
    assert response.status_code == 200
    movement.refresh_from_db()
    assert movement.status == MovementStatus.DRAFT
    response = client.post(url, {"version": movement.version, "confirm": "on"})
    assert response.status_code == 302
    movement.refresh_from_db()
    assert movement.status == MovementStatus.LAUNCHED


def test_submit_a_plan_with_a_file_then_return_it(login, launched, people, tree):
    plan = launched.plans.get(org=tree.bvdk)
    client = login(people.bvdk_thidua)
    pdf = io.BytesIO(render_pdf(sample_report()))
    pdf.name = "ke-hoach.pdf"
    response = client.post(
        reverse("movements:plan_detail", args=[plan.pk]),
        {"summary": "Kế hoạch hưởng ứng", "file": pdf, "version": plan.version},
    )
    assert response.status_code == 302, response.context["form"].errors
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    assert plan.document.org == tree.bvdk

    client = login(people.nganh_thidua)
    response = client.post(
        reverse("movements:plan_return", args=[plan.pk]), {"reason": "Bổ sung", "next": "movement"}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.RETURNED


def test_pledge_entry_and_import_pages(login, launched, people, tree):
    client = login(people.bvdk_thidua)
    url = reverse("movements:pledge_entry", args=[launched.pk, tree.bvdk.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"collective": "Tập thể LĐXS", f"member-{people.hong.pk}": "Sáng kiến"}
    )
    assert response.status_code == 302
    assert Pledge.objects.filter(movement=launched).count() == 2

    template = client.get(reverse("movements:pledge_template", args=[launched.pk, tree.bvdk.pk]))
    assert template.status_code == 200

    book = Workbook()
    book.active.append(["Mã đoàn viên", "Họ và tên", "Nội dung đăng ký thi đua"])
    book.active.append(["", "Không Có Ai", "x"])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "dang-ky.xlsx"
    response = client.post(
        reverse("movements:pledge_import", args=[launched.pk, tree.bvdk.pk]), {"file": buffer}
    )
    assert response.status_code == 200
    assert response.context["errors"][0]["row"] == 2

    other = login(people.bvnhi_thidua)
    assert other.get(url).status_code == 404


def test_launch_documents_download_for_the_units(login, launched, people):
    client = login(people.bvnhi_thidua)
    pdf = client.get(reverse("movements:launch_pdf", args=[launched.pk]))
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    docx = client.get(reverse("movements:launch_docx", args=[launched.pk]))
    assert docx.status_code == 200
    assert docx.content[:2] == b"PK"


def test_close_page(login, launched, people):
    client = login(people.nganh_admin)
    url = reverse("movements:movement_close", args=[launched.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"final_review_summary": "", "reviewed_on": "01/01/2026"})
    assert response.status_code == 200
    response = client.post(
        url,
        {
            "final_review_summary": "Tổng kết",
            "reviewed_on": launched.starts_on.strftime("%d/%m/%Y"),
            "version": launched.version,
        },
    )
    assert response.status_code == 302


def test_accepting_a_plan_without_the_right_is_403_and_leaves_it_submitted(
    login, launched, people, tree
):
    plan = services.submit_plan(
        launched.plans.get(org=tree.bvdk), by=people.bvdk_thidua, summary="x"
    )
    url = reverse("movements:plan_accept", args=[plan.pk])
    assert login(people.bvdk_chutich).post(url).status_code == 403
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    assert login(people.nganh_thidua).post(url).status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACCEPTED
