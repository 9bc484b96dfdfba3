"""Part 2 of commendation in the browser, on the demo data: three appraised BVDK nominations for
the sector's Giấy khen are published; doanvien sends an objection; nganh.thidua resolves it; the
council votes and one nomination misses the threshold; nganh.admin decides the two others."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from thidua.accounts.models import User
from thidua.awards.models import AwardType
from thidua.council import services as council
from thidua.council.models import CouncilSession, Feedback, Notice
from thidua.decisions.models import Decision
from thidua.nominations.models import Nomination, NominationStatus
from thidua.organizations.models import Member, OrgUnit

pytestmark = pytest.mark.django_db(transaction=True)
YEAR = 2026


def appraised_nominations():
    """Three BVDK members, none nominated for GK-CDN this year, with appraised nominations."""
    bvdk = OrgUnit.objects.get(code="BVDK")
    award = AwardType.objects.get(code="GK-CDN")
    taken = Nomination.objects.filter(year=YEAR, award_type=award).values("member_id")
    members = (
        Member.objects.filter(org_path__startswith=bvdk.path, active=True)
        .exclude(pk__in=taken)
        .exclude(user__isnull=False)
        .order_by("sort_key", "id")[:3]
    )
    return [
        Nomination.objects.create(
            award_type=award,
            year=YEAR,
            org=bvdk,
            member=member,
            status=NominationStatus.APPRAISED,
            achievements=f"Hoàn thành xuất sắc nhiệm vụ năm {YEAR}",
        )
        for member in members
    ]


def submit_main_form(page):
    page.locator("main form[method=post] button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")


def switch(page, login, username):
    page.context.clear_cookies()
    login(username)


def test_publish_object_resolve_vote_and_decide(login, page):
    call_command("seed_demo", stdout=io.StringIO())
    first, second, third = appraised_nominations()
    sector = OrgUnit.objects.get(code="CDN-YT")
    today = timezone.localdate()

    login("nganh.thidua")
    page.goto(f"/council/notices/publish/?org={sector.pk}")
    for nomination in (first, second, third):
        page.check(f"input[name=nominations][value='{nomination.pk}']")
    page.fill(
        "input[name=notice_ends_on]", (today + datetime.timedelta(days=7)).strftime("%d/%m/%Y")
    )
    submit_main_form(page)
    notice = Notice.objects.get(nominations=first)
    assert set(notice.nominations.all()) == {first, second, third}

    switch(page, login, "doanvien")
    page.goto("/council/notices/")
    expect(page.get_by_test_id("notice").first).to_contain_text(first.member.full_name)
    page.goto(f"/council/nominations/{first.pk}/feedback/")
    page.fill("textarea[name=text]", "Đề nghị làm rõ số ca trực đêm trong năm.")
    submit_main_form(page)
    feedback = Feedback.objects.get(nomination=first)
    assert feedback.resolved_at is None
    assert council.decision_blockers(first)

    switch(page, login, "nganh.thidua")
    page.goto("/council/feedback/")
    page.fill("textarea[name=resolution]", "Đã xác minh: 96 ca trực đêm, đúng như hồ sơ.")
    page.locator(f"form[action='/council/feedback/{feedback.pk}/resolve/'] button").click()
    page.wait_for_load_state("networkidle")
    feedback.refresh_from_db()
    assert feedback.resolved_at is not None

    # The notice period runs out before the council meets.
    Notice.objects.filter(pk=notice.pk).update(notice_ends_on=today - datetime.timedelta(days=1))
    admin = User.objects.get(username="nganh.admin")
    seats = [
        council.add_council_member(
            by=admin, org=sector, user=User.objects.get(username=f"hoidong.{n}")
        )
        for n in (1, 2, 3)
    ]

    page.goto(f"/council/sessions/new/?org={sector.pk}")
    page.fill("input[name=held_on]", today.strftime("%d/%m/%Y"))
    for seat in seats:
        page.check(f"input[name=members_present][value='{seat.pk}']")
    for nomination in (first, second, third):
        page.check(f"input[name=nominations][value='{nomination.pk}']")
    submit_main_form(page)
    session = CouncilSession.objects.get(org=sector)

    for nomination, votes in ((first, (3, 0, 0)), (second, (3, 0, 0)), (third, (1, 2, 0))):
        ballot = page.locator(
            f"form[action='/council/sessions/{session.pk}/ballots/{nomination.pk}/']"
        )
        for name, count in zip(("approve", "disapprove", "abstain"), votes, strict=True):
            ballot.locator(f"input[name={name}]").fill(str(count))
        ballot.locator("button").click()
        page.wait_for_load_state("networkidle")
    statuses = {
        n.pk: n.status for n in Nomination.objects.filter(pk__in=[first.pk, second.pk, third.pk])
    }
    assert statuses == {
        first.pk: NominationStatus.APPROVED,
        second.pk: NominationStatus.APPROVED,
        third.pk: NominationStatus.REJECTED,
    }

    switch(page, login, "nganh.admin")
    page.goto(f"/decisions/new/?org={sector.pk}")
    expect(page.locator(f"input[name=nominations][value='{third.pk}']")).to_have_count(0)
    for nomination in (first, second):
        page.check(f"input[name=nominations][value='{nomination.pk}']")
    page.fill("input[name=signer_name]", "Đàm Đức Chính")
    page.fill("input[name=signer_title]", "Chủ tịch")
    submit_main_form(page)
    decision = Decision.objects.get(org=sector)
    assert decision.number_symbol.endswith("/QĐ-CĐN")
    assert set(decision.items.values_list("nomination_id", flat=True)) == {first.pk, second.pk}
