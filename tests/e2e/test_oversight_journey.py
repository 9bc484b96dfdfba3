"""The oversight journey on the demo data: kiemtra plans and records an inspection of BVNHI (and an
exemplar found, when the exemplar register exists); the officers board shows the units without a
trained officer, and its counts are those of ``officers_trained`` behind ``/api/v1/kpis``."""

import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from thidua.organizations.models import OrgUnit
from thidua.oversight import services
from thidua.oversight.indicators import officers_trained
from thidua.oversight.models import Inspection, InspectionStatus

pytestmark = pytest.mark.django_db(transaction=True)


def submit_main_form(page):
    page.locator("main form[method=post] button[type=submit]").last.click()
    page.wait_for_load_state("networkidle")


def test_inspect_bvnhi_and_read_the_officers_board(login, page):
    call_command("seed_demo", stdout=io.StringIO())
    bvnhi = OrgUnit.objects.get(code="BVNHI")
    today = timezone.localdate()

    login("kiemtra")
    page.goto("/oversight/inspections/new/")
    page.select_option("select[name=org]", value=str(bvnhi.pk))
    page.fill("input[name=planned_on]", today.strftime("%d/%m/%Y"))
    page.select_option("select[name=topic]", value="emulation_commendation")
    submit_main_form(page)
    expect(page).to_have_url(re.compile(r"/oversight/inspections/\d+/$"))
    inspection = Inspection.objects.filter(org=bvnhi).latest("pk")
    assert inspection.status == InspectionStatus.PLANNED

    page.get_by_test_id("record-findings").click()
    page.fill("input[name=held_on]", today.strftime("%d/%m/%Y"))
    page.fill("textarea[name=findings]", "Hồ sơ đề nghị khen thưởng lưu trữ đầy đủ, đúng quy định.")
    page.fill("textarea[name=recommendations]", "Cập nhật danh sách điển hình tiên tiến lên ngành.")
    page.fill("input[name=follow_up_due_on]", today.strftime("%d/%m/%Y"))
    submit_main_form(page)
    expect(page.get_by_test_id("findings")).to_contain_text("lưu trữ đầy đủ")
    expect(page.get_by_test_id("recommendation")).to_have_count(1)
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.FINDINGS_RECORDED

    if services.exemplar_register_available():
        page.get_by_test_id("exemplar-action").click()
        page.locator("select[name=member] option").nth(1).wait_for(state="attached")
        page.select_option("select[name=member]", index=1)
        page.fill("input[name=title]", "Điều dưỡng tận tụy")
        page.fill("textarea[name=story]", "Đoàn viên có nhiều sáng kiến chăm sóc bệnh nhi.")
        page.get_by_test_id("record-exemplar").click()
        page.wait_for_load_state("networkidle")
        expect(page.get_by_test_id("links")).to_contain_text("Điều dưỡng tận tụy")

    page.context.clear_cookies()
    login("nganh.thidua")
    page.goto("/oversight/officers/?show=missing")
    expect(page.get_by_test_id("no-officer")).to_have_count(3)
    page.goto("/oversight/officers/")
    result = officers_trained(today.year, OrgUnit.objects.get(code="CDN-YT"))
    expect(page.get_by_test_id("indicator-count")).to_have_text(
        f"{result['done']} / {result['total']}"
    )
    assert result["done"] < result["total"]
    page.goto("/oversight/officers/?show=untrained")
    expect(page.get_by_test_id("untrained").first).to_be_visible()
