"""Council sessions: quorum, thresholds, recusal, one ballot per nomination, the minutes."""

import datetime
from decimal import Decimal

import pytest

from tests.council.conftest import TODAY, make_award
from thidua.core.exceptions import Conflict, Forbidden, InvalidInput, RuleViolation
from thidua.council import minutes, services


def session_of(people, tree, noms, council, present=3):
    return services.create_session(
        by=people.nganh_thidua,
        org=tree.sector,
        held_on=TODAY,
        nominations=[noms.hong, noms.binh, noms.mai],
        members_present=council[:present],
    )


def test_session_below_quorum_is_refused(people, tree, noms, council):
    with pytest.raises(RuleViolation) as exc:
        session_of(people, tree, noms, council, present=2)
    assert exc.value.status == 422 and exc.value.reasons


def test_session_with_draft_on_agenda_is_refused(people, tree, noms, council):
    with pytest.raises(InvalidInput):
        services.create_session(
            by=people.nganh_thidua,
            org=tree.sector,
            held_on=TODAY,
            nominations=[noms.draft],
            members_present=4,
        )


def test_council_member_cannot_record_a_session(people, tree, noms, council):
    with pytest.raises(Forbidden):
        services.create_session(
            by=people.hoidong,
            org=tree.sector,
            held_on=TODAY,
            nominations=[noms.hong],
            members_present=4,
        )


def test_three_present_at_seventy_percent_needs_three_approvals(people, tree, noms, council):
    session = session_of(people, tree, noms, council)
    missed = services.record_ballot(
        session, by=people.nganh_thidua, nomination=noms.hong, approve=2, disapprove=1, abstain=0
    )
    assert (missed.result, missed.required, missed.voting_base) == ("rejected", 3, 3)
    noms.hong.refresh_from_db()
    assert noms.hong.status == "rejected"
    passed = services.record_ballot(
        session, by=people.nganh_thidua, nomination=noms.binh, approve=3, disapprove=0, abstain=0
    )
    assert passed.result == "approved"
    noms.binh.refresh_from_db()
    assert noms.binh.status == "approved"


def test_counts_above_the_base_are_refused(people, tree, noms, council):
    session = session_of(people, tree, noms, council)
    with pytest.raises(InvalidInput):
        services.record_ballot(
            session,
            by=people.nganh_thidua,
            nomination=noms.hong,
            approve=3,
            disapprove=1,
            abstain=0,
        )
    noms.hong.refresh_from_db()
    assert noms.hong.status == "appraised"


def test_second_ballot_is_a_conflict(people, tree, noms, council):
    session = session_of(people, tree, noms, council)
    services.record_ballot(
        session, by=people.nganh_thidua, nomination=noms.mai, approve=3, disapprove=0, abstain=0
    )
    with pytest.raises(Conflict):
        services.record_ballot(
            session,
            by=people.nganh_thidua,
            nomination=noms.mai,
            approve=3,
            disapprove=0,
            abstain=0,
        )


def test_recused_member_present_reduces_the_base(people, tree, noms, council):
    from tests.factories import MemberFactory

    MemberFactory(org=tree.bvdk, full_name="Hội đồng Một", user=people.hoidong)
    session = session_of(people, tree, noms, council, present=4)
    ballot = services.record_ballot(
        session, by=people.nganh_thidua, nomination=noms.hong, approve=3, disapprove=0, abstain=0
    )
    assert (ballot.voting_base, ballot.recused, ballot.result) == (3, 1, "approved")
    other = services.record_ballot(
        session, by=people.nganh_thidua, nomination=noms.mai, approve=3, disapprove=0, abstain=0
    )
    assert (other.voting_base, other.result) == (4, "approved")


def test_vote_base_all_counts_every_member(people, tree, noms, council):
    high = make_award("CSTD-T", vote_threshold=Decimal("0.9"), vote_base="all")
    noms.mai.award_type = high
    noms.mai.save()
    session = session_of(people, tree, noms, council)
    ballot = services.record_ballot(
        session, by=people.nganh_thidua, nomination=noms.mai, approve=3, disapprove=0, abstain=0
    )
    assert (ballot.voting_base, ballot.required, ballot.result) == (4, 4, "rejected")


def test_minutes_are_numbered_bb_and_rendered(people, tree, noms, council):
    session = session_of(people, tree, noms, council)
    services.record_ballot(
        session, by=people.nganh_thidua, nomination=noms.hong, approve=3, disapprove=0, abstain=0
    )
    document = minutes.generate_minutes(session, by=people.nganh_thidua)
    assert document.number_symbol == f"01/BB-{tree.sector.symbol}"
    assert document.is_pdf and document.status == "issued"
    session.refresh_from_db()
    assert session.minutes == document
    assert minutes.minutes_docx(session)[:2] == b"PK"
    with pytest.raises(Conflict):
        minutes.generate_minutes(session, by=people.nganh_thidua)


def test_closed_session_refuses_ballots(people, tree, noms, council):
    session = session_of(people, tree, noms, council)
    services.close_session(session, by=people.nganh_thidua)
    with pytest.raises(Conflict):
        services.record_ballot(
            session,
            by=people.nganh_thidua,
            nomination=noms.hong,
            approve=3,
            disapprove=0,
            abstain=0,
        )


def test_only_eligible_users_sit_on_the_council(people, tree, council):
    with pytest.raises(InvalidInput):
        services.add_council_member(
            by=people.nganh_admin, org=tree.sector, user=people.bvdk_chutich
        )
    with pytest.raises(Conflict):
        services.add_council_member(by=people.nganh_admin, org=tree.sector, user=people.hoidong)
    with pytest.raises(Forbidden):
        services.add_council_member(by=people.hoidong, org=tree.sector, user=people.hoidong)


def test_future_session_is_refused(people, tree, noms, council):
    with pytest.raises(InvalidInput):
        services.create_session(
            by=people.nganh_thidua,
            org=tree.sector,
            held_on=TODAY + datetime.timedelta(days=1),
            nominations=[noms.hong],
            members_present=4,
        )
