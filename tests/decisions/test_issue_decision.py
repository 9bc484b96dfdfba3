"""Issuing a commendation decision: numbering, amounts, awarded nominations, history records,
certificates, and the refusals with their reasons."""

import datetime
import re

import pytest

from thidua.awards.models import AwardRecord, BaseSalary
from thidua.core.exceptions import Forbidden, InvalidInput, RuleViolation
from thidua.core.models import AuditEntry, Notification
from thidua.decisions.models import CODE_BYTES, Certificate, Decision, DecisionStatus
from thidua.documents.models import DocumentStatus
from thidua.nominations.models import NominationStatus

from .conftest import SIGNED_ON, approved

pytestmark = pytest.mark.django_db


def test_decision_is_numbered_in_the_sector_series_of_its_year(issue, sector_nominations):
    first = issue(sector_nominations[:1])
    second = issue(sector_nominations[1:])
    assert first.number_symbol == "01/QĐ-CĐN"
    assert second.number_symbol == "02/QĐ-CĐN"
    document = second.document
    assert document.status == DocumentStatus.ISSUED
    assert document.number_symbol == "02/QĐ-CĐN"
    assert document.issued_on == SIGNED_ON
    assert document.signer_name == "Đàm Đức Chính"
    assert document.is_pdf and document.file_name == "02-QĐ-CĐN.pdf"


def test_amount_uses_the_base_salary_in_force_on_the_signing_date(issue, tree, people):
    BaseSalary.objects.update_or_create(
        effective_from=datetime.date(2024, 7, 1), defaults={"amount": 2_340_000}
    )
    before = approved(people.hong, org=tree.bvdk, year=2024)
    after = approved(people.nurse, org=tree.bvdk, year=2024)
    early = issue([before], signed_on=datetime.date(2024, 6, 30))
    late = issue([after], signed_on=datetime.date(2024, 7, 1))
    # 0.3 * 1,800,000 = 540,000 exactly; 0.3 * 2,340,000 = 702,000 rounded up to 710,000.
    assert early.items.get().amount == 540_000
    assert early.items.get().amount_in_words == "Năm trăm bốn mươi nghìn đồng"
    item = late.items.get()
    assert item.amount == 710_000
    assert item.amount_in_words == "Bảy trăm mười nghìn đồng"


def test_nominations_become_awarded_and_the_history_gains_the_award(
    issue, sector_nominations, people, tree
):
    decision = issue(sector_nominations)
    for nomination in sector_nominations:
        nomination.refresh_from_db()
        assert nomination.status == NominationStatus.AWARDED
    records = AwardRecord.objects.filter(member=people.hong)
    assert records.count() == 1
    record = records.get()
    assert record.decision_number == decision.number_symbol
    assert record.decided_on == SIGNED_ON
    assert record.issued_by_org == tree.sector
    assert record.amount == decision.items.first().amount
    assert record.award_type.code == "GK-CDN"
    assert AwardRecord.objects.effective().filter(member=people.nurse).exists()
    assert decision.items.first().award_record == record


def test_each_item_gets_a_certificate_with_a_long_random_unique_code(issue, sector_nominations):
    decision = issue(sector_nominations)
    codes = list(Certificate.objects.filter(item__decision=decision).values_list("code", flat=True))
    assert len(codes) == 2 and len(set(codes)) == 2
    assert CODE_BYTES * 8 >= 80
    for code in codes:
        assert re.fullmatch(r"[A-Za-z0-9_-]{20}", code)


def test_collective_nomination_is_awarded_to_the_collective(issue, tree):
    nomination = approved(org=tree.bvdk, award="GK-CDN-TT", nominee_org=tree.bvdk_group)
    decision = issue([nomination])
    item = decision.items.get()
    assert item.member is None and item.collective == tree.bvdk_group
    assert item.holder_org == tree.bvdk_group
    assert AwardRecord.objects.filter(org=tree.bvdk_group, member__isnull=True).exists()


def test_units_and_members_are_notified(issue, sector_nominations, people):
    decision = issue(sector_nominations)
    assert Notification.objects.filter(
        user=people.bvdk_thidua, title__contains=decision.number_symbol
    ).exists()
    assert Notification.objects.filter(user=people.doanvien).exists()


def test_the_decision_is_audited(issue, sector_nominations, people):
    decision = issue(sector_nominations)
    entry = AuditEntry.objects.get(
        object_id=str(decision.pk), action=AuditEntry.Action.CREATE, content_type__model="decision"
    )
    assert entry.actor == people.nganh_admin
    assert len(entry.after["items"]) == 2


def test_only_approved_nominations_are_decided_with_reasons(issue, tree, people):
    good = approved(people.hong, org=tree.bvdk)
    draft = approved(people.nurse, org=tree.bvdk, status=NominationStatus.SUBMITTED)
    with pytest.raises(RuleViolation) as caught:
        issue([good, draft])
    assert any(f"#{draft.pk}" in reason for reason in caught.value.reasons)
    assert not any(f"#{good.pk} " in reason for reason in caught.value.reasons)
    good.refresh_from_db()
    assert good.status == NominationStatus.APPROVED
    assert not Decision.objects.exists()
    assert not AwardRecord.objects.exists()


def test_an_award_of_another_level_is_refused(issue, tree, people):
    upper = approved(people.hong, org=tree.bvdk, award="BK-LDLD")
    grassroots = approved(people.nurse, org=tree.bvdk, award="GK-CDCS")
    with pytest.raises(RuleViolation) as caught:
        issue([upper, grassroots])
    assert len(caught.value.reasons) == 2
    assert not Decision.objects.exists()


def test_a_grassroots_chair_decides_the_grassroots_awards_of_the_unit(issue, tree, people):
    nomination = approved(people.hong, org=tree.bvdk, award="GK-CDCS")
    decision = issue(
        [nomination], by=people.bvdk_chutich, org=tree.bvdk, signer_name="Võ Minh Tuấn"
    )
    assert decision.number_symbol.startswith("01/QĐ-")
    assert decision.org == tree.bvdk


def test_nominations_outside_the_unit_are_refused(issue, tree, people):
    other = approved(people.child_doctor, org=tree.bvnhi, award="GK-CDCS")
    with pytest.raises(RuleViolation):
        issue([other], by=people.bvdk_chutich, org=tree.bvdk, signer_name="Võ Minh Tuấn")


@pytest.mark.parametrize("username", ["nganh.thidua", "bvdk.chutich", "hoidong.1", "ldld"])
def test_only_the_sector_admin_issues_sector_decisions(issue, sector_nominations, people, username):
    with pytest.raises(Forbidden):
        issue(sector_nominations, by=people.users[username])
    assert not Decision.objects.exists()


def test_signer_and_date_are_checked(issue, sector_nominations):
    future = datetime.date.today() + datetime.timedelta(days=3)
    with pytest.raises(InvalidInput) as caught:
        issue(sector_nominations, signer_name=" ", signed_on=future)
    fields = {error["field"] for error in caught.value.errors}
    assert fields == {"signer_name", "signed_on"}


def test_an_empty_list_is_refused(issue):
    with pytest.raises(InvalidInput):
        issue([])


def test_council_blockers_stop_the_decision(issue, sector_nominations, tree, people):
    council = pytest.importorskip("thidua.council.services")
    if not hasattr(council, "decision_blockers"):
        pytest.skip("thidua.council.services has no decision_blockers")
    from thidua.council.models import Notice

    notice = Notice.objects.create(
        org=tree.sector,
        notice_ends_on=datetime.date.today() + datetime.timedelta(days=5),
        published_by=people.nganh_admin,
    )
    notice.nominations.add(sector_nominations[0])
    with pytest.raises(RuleViolation) as caught:
        issue(sector_nominations)
    assert any(f"#{sector_nominations[0].pk}" in reason for reason in caught.value.reasons)
    assert not Decision.objects.exists()


def test_decision_status_starts_issued(issue, sector_nominations):
    assert issue(sector_nominations).status == DecisionStatus.ISSUED
