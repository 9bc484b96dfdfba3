"""The decision journey on the demo data: two BVDK members hold approved nominations for the
sector's Giấy khen; nganh.admin issues a numbered decision in the browser; the certificate's
verification page (the QR code's target) opens without login and shows the award in force;
after a revocation through the decision page it reads "revoked"."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from thidua.awards.models import AwardType
from thidua.decisions.models import Certificate, Decision
from thidua.nominations.models import Nomination, NominationStatus
from thidua.organizations.models import Member, OrgUnit

pytestmark = pytest.mark.django_db(transaction=True)


def approved_nominations():
    """Two BVDK members without a nomination this year, approved for GK-CDN."""
    bvdk = OrgUnit.objects.get(code="BVDK")
    award = AwardType.objects.get(code="GK-CDN")
    year = 2026
    taken = Nomination.objects.filter(year=year, award_type=award).values("member_id")
    members = list(
        Member.objects.filter(org_path__startswith=bvdk.path, active=True)
        .exclude(pk__in=taken)
        .order_by("sort_key", "id")[:2]
    )
    return [
        Nomination.objects.create(
            award_type=award,
            year=year,
            org=bvdk,
            member=member,
            status=NominationStatus.APPROVED,
            achievements="Hoàn thành xuất sắc nhiệm vụ năm 2026",
        )
        for member in members
    ]


def submit_main_form(page):
    page.locator("main form[method=post] button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")


def test_issue_a_decision_verify_the_certificate_and_revoke_it(login, page):
    call_command("seed_demo", stdout=io.StringIO())
    nominations = approved_nominations()
    sector = OrgUnit.objects.get(code="CDN-YT")

    login("nganh.admin")
    page.goto(f"/decisions/new/?org={sector.pk}")
    for nomination in nominations:
        page.check(f"input[name=nominations][value='{nomination.pk}']")
    page.fill("input[name=signer_name]", "Đàm Đức Chính")
    page.fill("input[name=signer_title]", "Chủ tịch")
    submit_main_form(page)

    decision = Decision.objects.get(items__nomination=nominations[0])
    assert re.fullmatch(r"\d{2,}/QĐ-.+", decision.number_symbol)
    expect(page.get_by_test_id("decision-number")).to_contain_text(decision.number_symbol)
    expect(page.get_by_test_id("decision-items")).to_contain_text(nominations[0].member.full_name)
    for nomination in nominations:
        nomination.refresh_from_db()
        assert nomination.status == NominationStatus.AWARDED

    certificate = Certificate.objects.get(item__nomination=nominations[0])
    target = certificate.verification_url
    assert target.endswith(f"/verify/{certificate.code}/")
    path = target[target.index("/verify/") :]

    public = page.context.browser.new_context(
        base_url=page.url.split("/decisions")[0], locale="vi-VN"
    )
    visitor = public.new_page()
    visitor.goto(path)
    expect(visitor.get_by_test_id("verify-status")).to_contain_text("Còn hiệu lực")
    expect(visitor.get_by_test_id("verification")).to_contain_text(nominations[0].member.full_name)
    expect(visitor.get_by_test_id("verification")).to_contain_text(decision.number_symbol)

    page.goto(f"/decisions/{decision.pk}/items/{certificate.item.pk}/revoke/")
    page.select_option("select[name=reason]", "false_declaration")
    page.fill("textarea[name=detail]", "Khai không đúng thành tích")
    page.fill("input[name=revocation_number]", "99/QĐ-CĐN")
    submit_main_form(page)
    expect(page.get_by_test_id("decision-items")).to_contain_text("99/QĐ-CĐN")

    visitor.goto(path)
    expect(visitor.get_by_test_id("verify-status")).to_contain_text("Đã bị thu hồi")
    expect(visitor.get_by_test_id("verification")).to_contain_text("Khai không đúng thành tích")
    public.close()
