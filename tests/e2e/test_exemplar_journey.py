"""The exemplar journey on the demo data: an exemplar found by an inspection is verified, honoured
and published by the sector, replicated by BVDK, and seen on the public showcase."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from thidua.accounts.models import User
from thidua.exemplars import services
from thidua.exemplars.models import Exemplar
from thidua.organizations.models import Member, OrgUnit

pytestmark = pytest.mark.django_db(transaction=True)
PUBLIC_NAME = "Bác sĩ Khoa Cấp cứu, Bệnh viện Nhi đồng Đồng Nai"
PUBLIC_STORY = "Trong ca trực đêm, bác sĩ đã cấp cứu thành công 3 bệnh nhi sốc sốt xuất huyết."


def submit_main_form(page, selector="main form[method=post] button[type=submit]"):
    page.locator(selector).first.click()
    page.wait_for_load_state("networkidle")


def test_verify_honour_publish_replicate_and_showcase(login, page, browser, live_server):
    call_command("seed_demo", stdout=io.StringIO())
    member = Member.objects.filter(org__code="BVNHI", active=True).order_by("-code").first()
    exemplar = services.create_exemplar(
        by=User.objects.get(username="kiemtra"),
        owner_org=OrgUnit.objects.get(code="CDN-YT"),
        member=member,
        source="inspection",
        story="Đoàn kiểm tra ghi nhận: " + PUBLIC_STORY,
    )

    login("nganh.thidua")
    page.goto(f"/exemplars/{exemplar.pk}/")
    page.get_by_test_id("verify").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("honor")).to_be_visible()
    page.get_by_test_id("honor").click()
    page.fill("input[name=honored_on]", "20/11/2025")
    page.select_option("select[name=how]", "ceremony")
    page.fill("textarea[name=note]", "Biểu dương tại Hội nghị tổng kết năm 2025.")
    submit_main_form(page)
    expect(page).to_have_url(re.compile(rf"/exemplars/{exemplar.pk}/$"))
    page.get_by_test_id("publish").click()
    page.fill("input[name=public_name]", PUBLIC_NAME)
    page.fill("textarea[name=public_story]", PUBLIC_STORY)
    submit_main_form(page)
    exemplar.refresh_from_db()
    assert exemplar.status == "honored" and exemplar.is_public

    page.context.clear_cookies()
    login("bvdk.thidua")
    page.goto(f"/exemplars/{exemplar.pk}/")
    bvdk = OrgUnit.objects.get(code="BVDK")
    page.select_option("select[name=org]", str(bvdk.pk))
    page.fill("input[name=adopted_on]", "01/03/2026")
    page.fill("[data-testid=replicate-form] textarea[name=note]", "Áp dụng tại Khoa Cấp cứu")
    submit_main_form(page, "[data-testid=replicate-form] button[type=submit]")
    expect(page.get_by_test_id("spread")).to_contain_text("Áp dụng tại Khoa Cấp cứu")
    assert exemplar.replications.filter(org=bvdk).exists()

    anonymous = browser.new_context(base_url=live_server.url, locale="vi-VN")
    public = anonymous.new_page()
    public.goto("/exemplars/showcase/")
    expect(public.get_by_test_id("showcase")).to_contain_text(PUBLIC_NAME)
    public.get_by_role("link", name=PUBLIC_NAME).click()
    expect(public.get_by_test_id("public-story")).to_contain_text(PUBLIC_STORY)
    assert member.full_name not in public.content()
    anonymous.close()
    assert Exemplar.objects.published().count() == 2
