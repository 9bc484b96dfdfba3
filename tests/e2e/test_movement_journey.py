"""The movement journey on the demo data: launch to all 34 grassroots unions, a plan returned,
revised and accepted, and the count on the movement page."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from reportlab.pdfgen import canvas

from thidua.movements.models import Movement, UnitPlan

pytestmark = pytest.mark.django_db(transaction=True)


def plan_pdf():
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 720, "Ke hoach huong ung phong trao Xanh - Sach - Dep")
    pdf.save()
    return buffer.getvalue()


def submit_main_form(page):
    page.locator("main form[method=post] button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")


def test_launch_answer_return_resubmit_accept(login, page):
    call_command("seed_demo", stdout=io.StringIO())
    movement = Movement.objects.get(title__startswith="Xanh - Sạch - Đẹp", status="draft")

    login("nganh.admin")
    page.goto(f"/movements/{movement.pk}/launch/")
    confirm = page.locator("input[name=confirm]")
    if confirm.count():
        confirm.check()
    submit_main_form(page)
    expect(page).to_have_url(re.compile(rf"/movements/{movement.pk}/$"))
    expect(page.get_by_test_id("plan-count")).to_have_text(re.compile(r"\b0\D+34\b"))
    movement.refresh_from_db()
    assert movement.status == "launched"
    assert movement.launch_document.number_symbol.endswith("/KH-CĐN")

    plan = UnitPlan.objects.get(movement=movement, org__code="BVDK")
    page.context.clear_cookies()
    login("bvdk.thidua")
    page.goto(f"/movements/plans/{plan.pk}/")
    page.fill("textarea[name=summary]", "CĐCS Bệnh viện Đa khoa hưởng ứng với 12 khoa tham gia.")
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "ke-hoach-bvdk.pdf", "mimeType": "application/pdf", "buffer": plan_pdf()}],
    )
    submit_main_form(page)
    plan.refresh_from_db()
    assert plan.status == "submitted" and plan.document_id

    page.context.clear_cookies()
    login("nganh.thidua")
    page.goto(f"/movements/plans/{plan.pk}/return/")
    page.fill("textarea[name=reason]", "Bổ sung chỉ tiêu giảm chất thải nhựa.")
    submit_main_form(page)
    plan.refresh_from_db()
    assert plan.status == "returned"

    page.context.clear_cookies()
    login("bvdk.thidua")
    page.goto(f"/movements/plans/{plan.pk}/")
    expect(page.get_by_test_id("returned-reason")).to_contain_text("chất thải nhựa")
    page.fill("textarea[name=summary]", "Bổ sung: giảm 30% chất thải nhựa so với năm 2025.")
    submit_main_form(page)
    plan.refresh_from_db()
    assert plan.status == "submitted"

    page.context.clear_cookies()
    login("nganh.thidua")
    page.goto(f"/movements/plans/{plan.pk}/")
    page.locator(f"form[action='/movements/plans/{plan.pk}/accept/'] button").click()
    page.wait_for_load_state("networkidle")
    plan.refresh_from_db()
    assert plan.status == "accepted"

    page.goto(f"/movements/{movement.pk}/")
    expect(page.get_by_test_id("plan-count")).to_have_text(re.compile(r"\b1\D+34\b"))


def test_other_union_never_sees_bvdk_plan(login, page):
    call_command("seed_demo", stdout=io.StringIO())
    plan = UnitPlan.objects.filter(org__code="BVDK").first()
    login("bvnhi.thidua")
    response = page.goto(f"/movements/plans/{plan.pk}/")
    assert response.status == 404
