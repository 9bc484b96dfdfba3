"""Recording the upper level's answer on a forwarded nomination."""

import datetime

import pytest

from thidua.awards.models import AwardRecord
from thidua.core.exceptions import Forbidden, InvalidInput, InvalidTransition
from thidua.forwarding import services
from thidua.forwarding.models import UpperResult

DECIDED = datetime.date(2026, 1, 5)


@pytest.fixture
def forwarded(tree, people, nominated):
    nomination = nominated()
    services.forward_nomination(nomination, by=people.nganh_thidua)
    nomination.refresh_from_db()
    return nomination


def test_an_upper_approval_puts_the_award_in_the_members_history(tree, people, forwarded):
    services.record_upper_result(
        forwarded,
        by=people.nganh_admin,
        approved=True,
        decision_number="15/QĐ-LĐLĐ",
        decided_on=DECIDED,
    )
    forwarded.refresh_from_db()
    assert forwarded.status == "upper_approved"
    record = AwardRecord.objects.get(member=forwarded.member)
    assert record.source == "upper_level"
    assert record.award_type == forwarded.award_type
    assert (record.decision_number, record.decided_on) == ("15/QĐ-LĐLĐ", DECIDED)
    assert record.issued_by_org == tree.ldld
    assert record.holder_org == forwarded.member.org
    item = forwarded.forwarding
    assert item.upper_result == UpperResult.APPROVED and item.award_record == record
    assert item.recorded_by == people.nganh_admin


def test_an_approval_needs_the_decision_number_and_date(people, forwarded):
    with pytest.raises(InvalidInput) as caught:
        services.record_upper_result(forwarded, by=people.nganh_admin, approved=True)
    assert {e["field"] for e in caught.value.errors} == {"decision_number", "decided_on"}
    forwarded.refresh_from_db()
    assert forwarded.status == "forwarded"


def test_a_rejection_needs_the_reason(people, forwarded):
    with pytest.raises(InvalidInput) as caught:
        services.record_upper_result(forwarded, by=people.nganh_admin, approved=False)
    assert caught.value.errors[0]["field"] == "reason"
    services.record_upper_result(
        forwarded, by=people.nganh_admin, approved=False, reason="Vượt chỉ tiêu của tỉnh"
    )
    forwarded.refresh_from_db()
    assert forwarded.status == "upper_rejected"
    assert forwarded.forwarding.reason == "Vượt chỉ tiêu của tỉnh"
    assert not AwardRecord.objects.exists()


def test_a_future_decision_date_is_refused(people, forwarded):
    with pytest.raises(InvalidInput):
        services.record_upper_result(
            forwarded,
            by=people.nganh_admin,
            approved=True,
            decision_number="1/QĐ",
            decided_on=datetime.date.today() + datetime.timedelta(days=30),
        )


def test_a_result_from_a_wrong_state_is_a_conflict(people, nominated, forwarded):
    with pytest.raises(InvalidTransition):
        services.record_upper_result(nominated(), by=people.nganh_admin, approved=False, reason="x")
    services.record_upper_result(forwarded, by=people.nganh_admin, approved=False, reason="x")
    forwarded.refresh_from_db()
    with pytest.raises(InvalidTransition):
        services.record_upper_result(
            forwarded, by=people.nganh_admin, approved=True, decision_number="1", decided_on=DECIDED
        )


@pytest.mark.parametrize("username", ["ldld", "bvdk.thidua", "bvnhi.chutich", "kiemtra"])
def test_only_the_sector_records_the_result(people, forwarded, username):
    with pytest.raises(Forbidden):
        services.record_upper_result(
            forwarded, by=people.users[username], approved=False, reason="x"
        )
