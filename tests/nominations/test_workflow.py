"""Return, resubmit, withdraw, appraise, the ad-hoc path, submissions (TTr) and recusal."""

import pytest

from tests.factories import user_with_role
from tests.nominations.conftest import YEAR, make_member
from thidua.accounts.roles import Role
from thidua.core.exceptions import Forbidden, InvalidInput, InvalidTransition
from thidua.core.models import Notification
from thidua.core.workflow import transitions_of
from thidua.nominations import services


@pytest.fixture
def submitted(nominate, bvdk_quota, people):
    return services.submit_nomination(nominate(), by=people.bvdk_chutich)


def test_return_and_resubmit_keep_the_history(submitted, people):
    returned = services.return_nomination(
        submitted, by=people.nganh_thidua, reason="Bổ sung báo cáo thành tích"
    )
    assert returned.status == "returned"
    assert Notification.objects.filter(user=people.bvdk_chutich).exists()
    services.update_nomination(returned, by=people.bvdk_thidua, achievements="Đã bổ sung")
    again = services.submit_nomination(returned, by=people.bvdk_chutich)
    steps = [(t.from_state, t.to_state) for t in transitions_of(again)]
    assert steps == [("draft", "submitted"), ("submitted", "returned"), ("returned", "submitted")]
    assert transitions_of(again)[1].comment == "Bổ sung báo cáo thành tích"


def test_return_needs_a_reason_and_the_sector(submitted, people):
    with pytest.raises(InvalidInput):
        services.return_nomination(submitted, by=people.nganh_thidua, reason=" ")
    with pytest.raises(Forbidden):
        services.return_nomination(submitted, by=people.bvdk_chutich, reason="x")


def test_appraise_approve_and_reject(submitted, nominate, people):
    appraised = services.appraise_nomination(
        submitted,
        by=people.nganh_thidua,
        scores={"TC1": 55, "TC2": 35},
        recommendation="approve",
        comment="Đủ điều kiện",
    )
    assert appraised.status == "appraised" and float(appraised.score) == 90
    assert appraised.self_scores == {"TC1": 50, "TC2": 30}
    other = services.submit_nomination(nominate(), by=people.bvdk_chutich)
    rejected = services.appraise_nomination(
        other, by=people.nganh_admin, scores={}, recommendation="reject", comment="Thiếu minh chứng"
    )
    assert rejected.status == "rejected"
    with pytest.raises(InvalidTransition):
        services.appraise_nomination(
            rejected, by=people.nganh_admin, scores={}, recommendation="approve"
        )


def test_appraisal_scores_are_checked_against_the_rubric(submitted, people):
    with pytest.raises(InvalidInput) as exc:
        services.appraise_nomination(
            submitted, by=people.nganh_thidua, scores={"TC1": 99}, recommendation="approve"
        )
    assert exc.value.errors[0]["field"] == "scores.TC1"


def test_withdraw_frees_the_place_and_is_final(submitted, people, bvdk_quota):
    withdrawn = services.withdraw_nomination(submitted, by=people.bvdk_thidua)
    assert withdrawn.status == "withdrawn"
    with pytest.raises(InvalidTransition):
        services.submit_nomination(withdrawn, by=people.bvdk_chutich)


def test_editing_a_submitted_nomination_is_409(submitted, people):
    with pytest.raises(InvalidTransition):
        services.update_nomination(submitted, by=people.bvdk_thidua, achievements="x")


def test_unknown_criterion_and_foreign_member_are_422(award, people, tree):
    with pytest.raises(InvalidInput):
        services.create_nomination(
            by=people.bvdk_thidua,
            award_type=award,
            year=YEAR,
            org=tree.bvdk,
            member=make_member(tree.bvdk),
            self_scores={"XX": 1},
        )
    with pytest.raises(InvalidInput) as exc:
        services.create_nomination(
            by=people.bvdk_thidua,
            award_type=award,
            year=YEAR,
            org=tree.bvdk,
            member=people.child_doctor,
        )
    assert exc.value.errors[0]["field"] == "member_id"


def test_adhoc_path_makes_the_ttr_and_submits_in_one_step(award, bvdk_quota, people, tree):
    from tests.nominations.conftest import report

    summary = report(tree.bvdk, people.bvdk_chutich, title="Tóm tắt thành tích")
    nomination = services.create_adhoc_nomination(
        by=people.bvdk_chutich,
        award_type=award,
        year=YEAR,
        org=tree.bvdk,
        member=make_member(tree.bvdk),
        achievements="Cứu người bệnh ngừng tim",
        self_scores={"TC1": 50, "TC2": 30},
        document_ids=[summary.pk],
    )
    assert nomination.status == "submitted" and nomination.kind == "adhoc"
    assert nomination.submission.document.number_symbol.startswith("01/TTr-")


def test_batch_submission_issues_one_ttr_and_refuses_the_ineligible(
    award, bvdk_quota, people, tree
):
    from tests.nominations.conftest import discipline, report

    members = [make_member(tree.bvdk) for _ in range(3)]
    discipline(members[2])
    drafts = services.bulk_create_nominations(
        by=people.bvdk_thidua, award_type=award, year=YEAR, org=tree.bvdk, members=members
    )
    for draft in drafts:
        services.update_nomination(
            draft,
            by=people.bvdk_thidua,
            self_scores={"TC1": 50, "TC2": 30},
            document_ids=[report(tree.bvdk, people.bvdk_thidua).pk],
        )
    submission, submitted, refused = services.submit_with_submission(
        org=tree.bvdk, by=people.bvdk_chutich, nominations=drafts
    )
    assert len(submitted) == 2 and [n.pk for n, _e in refused] == [drafts[2].pk]
    assert refused[0][1].reasons
    assert submission.document.file_id is not None
    assert set(submission.nominations.values_list("pk", flat=True)) == {n.pk for n in submitted}


def test_council_members_of_the_nominees_union_are_flagged_for_recusal(submitted, people, tree):
    bvdk_member = make_member(tree.bvdk)
    flagged = user_with_role(Role.COUNCIL_MEMBER, tree.sector, username="hoidong.bvdk")
    bvdk_member.user = flagged
    bvdk_member.save()
    people.child_doctor.user = people.hoidong
    people.child_doctor.save()
    assert services.recusals(submitted) == [flagged]
