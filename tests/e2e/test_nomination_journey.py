"""The nomination journey on the demo data: BVDK nominates three members for BK-LDLD (BVDK holds
3 places, one already taken), the chair submits; the ineligible one is refused with the reason, a
fourth beyond the quota with the numbers; the sector returns one, BVDK fixes and resubmits, and
the sector appraises all."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from reportlab.pdfgen import canvas

from thidua.awards.models import AwardType, DisciplineRecord, MemberYearAssessment
from thidua.nominations.models import Nomination
from thidua.organizations.models import Member, OrgUnit

pytestmark = pytest.mark.django_db(transaction=True)
YEAR = 2026


def pdf(text):
    buffer = io.BytesIO()
    document = canvas.Canvas(buffer)
    document.drawString(72, 720, text)
    document.save()
    return buffer.getvalue()


def submit_main_form(page):
    page.locator("main form[method=post] button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")


def journey_members():
    """Four BVDK members shown first on the picker: three eligible, one disciplined this year."""
    bvdk = OrgUnit.objects.get(code="BVDK")
    taken = Nomination.objects.values("member_id")
    members = list(
        Member.objects.filter(org_path__startswith=bvdk.path, active=True)
        .exclude(pk__in=taken)
        .filter(
            pk__in=MemberYearAssessment.objects.filter(
                year=YEAR, task_rating__in=["good", "excellent"]
            ).values("member_id")
        )
        .exclude(discipline_records__decided_on__year=YEAR)
        .order_by("sort_key", "id")[:4]
    )
    DisciplineRecord.objects.create(
        member=members[2], level="reprimand", decided_on=datetime.date(YEAR, 4, 2)
    )
    return members


def fill_dossier(page, nomination):
    page.goto(f"/nominations/{nomination.pk}/")
    for part in ("achievement_report", "council_minutes"):
        page.select_option("select[name=part]", part)
        page.set_input_files(
            "input[name=file]",
            files=[{"name": f"{part}.pdf", "mimeType": "application/pdf", "buffer": pdf(part)}],
        )
        page.locator("form[action$='/dossier/'] button[type=submit]").click()
        page.wait_for_load_state("networkidle")


def switch(page, login, username):
    page.context.clear_cookies()
    login(username)


def test_nominate_submit_refuse_return_resubmit_appraise(login, page):
    call_command("seed_demo", stdout=io.StringIO())
    first, second, banned, fourth = journey_members()
    bvdk = OrgUnit.objects.get(code="BVDK")
    award = AwardType.objects.get(code="BK-LDLD")

    login("bvdk.thidua")
    page.goto(f"/nominations/new/many/?org={bvdk.pk}")
    page.select_option("select[name=award_type]", str(award.pk))
    for member in (first, second, banned):
        page.check(f"input[name=members][value='{member.pk}']")
    submit_main_form(page)
    drafts = list(Nomination.objects.filter(member__in=[first, second, banned]).order_by("id"))
    assert len(drafts) == 3 and {n.status for n in drafts} == {"draft"}
    for nomination in drafts:
        fill_dossier(page, nomination)
    page.goto(f"/nominations/{drafts[2].pk}/")
    expect(page.get_by_test_id("eligibility")).to_contain_text(str(YEAR))

    switch(page, login, "bvdk.chutich")
    page.goto(f"/nominations/?org={bvdk.pk}&year={YEAR}")
    for nomination in drafts:
        page.check(f"input[name=nominations][value='{nomination.pk}']")
    page.get_by_test_id("submit-selected").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator(".alert-danger, .alert-error").first).to_contain_text(banned.full_name)
    statuses = dict(
        Nomination.objects.filter(member__in=[first, second, banned]).values_list(
            "member_id", "status"
        )
    )
    assert statuses == {first.pk: "submitted", second.pk: "submitted", banned.pk: "draft"}

    switch(page, login, "bvdk.thidua")
    page.goto("/nominations/new/")
    page.select_option("select[name=org]", str(bvdk.pk))
    page.select_option("select[name=award_type]", str(award.pk))
    page.select_option("select[name=member]", str(fourth.pk))
    page.fill("textarea[name=achievements]", "Hoàn thành xuất sắc nhiệm vụ năm 2026")
    submit_main_form(page)
    extra = Nomination.objects.get(member=fourth)
    fill_dossier(page, extra)

    switch(page, login, "bvdk.chutich")
    page.goto(f"/nominations/{extra.pk}/")
    page.get_by_test_id("submit").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("body")).to_contain_text(re.compile(r"3.*3.*0"))
    extra.refresh_from_db()
    assert extra.status == "draft"

    returned = Nomination.objects.get(member=first)
    switch(page, login, "nganh.thidua")
    page.goto(f"/nominations/{returned.pk}/return/")
    page.fill("textarea[name=reason]", "Bổ sung số liệu thành tích năm 2026.")
    submit_main_form(page)
    returned.refresh_from_db()
    assert returned.status == "returned"

    switch(page, login, "bvdk.thidua")
    page.goto(f"/nominations/{returned.pk}/")
    expect(page.get_by_test_id("returned-reason")).to_contain_text("Bổ sung số liệu")
    page.fill("textarea[name=achievements]", "Đã bổ sung: 1.200 ca trực, không sai sót chuyên môn.")
    submit_main_form(page)
    switch(page, login, "bvdk.chutich")
    page.goto(f"/nominations/{returned.pk}/")
    page.get_by_test_id("submit").click()
    page.wait_for_load_state("networkidle")
    returned.refresh_from_db()
    assert returned.status == "submitted"

    switch(page, login, "nganh.thidua")
    to_appraise = Nomination.objects.filter(org=bvdk, status="submitted").order_by("id")
    assert to_appraise.count() == 3
    for nomination in to_appraise:
        page.goto(f"/nominations/{nomination.pk}/appraise/")
        page.check("input[name=recommendation][value=approve]")
        page.fill("textarea[name=comment]", "Hồ sơ đầy đủ, đủ điều kiện.")
        submit_main_form(page)
    assert Nomination.objects.filter(org=bvdk, status="appraised").count() == 3
    page.goto(f"/nominations/board/?year={YEAR}")
    expect(page.get_by_test_id("board")).to_contain_text(second.full_name)
