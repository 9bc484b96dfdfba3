"""Public notice: publishing rules, feedback during the notice only, confidentiality, resolution
and the blockers the decision step asks for."""

import datetime

import pytest

from tests.council.conftest import TODAY, end_notice, make_award
from thidua.core.exceptions import Conflict, Forbidden, InvalidInput, NotFound, RuleViolation
from thidua.council import services
from thidua.council.models import Feedback, Notice

WEEK = TODAY + datetime.timedelta(days=7)


def test_sector_officer_publishes_appraised_nominations(people, noms, tree):
    notice = services.publish_nominations(
        by=people.nganh_thidua, nominations=[noms.hong, noms.mai], notice_ends_on=WEEK
    )
    assert notice.org == tree.sector
    assert set(notice.nominations.all()) == {noms.hong, noms.mai}
    assert services.is_published(noms.hong)
    assert not services.is_published(noms.binh)


def test_publish_refuses_a_nomination_that_is_not_appraised(people, noms):
    with pytest.raises(InvalidInput) as exc:
        services.publish_nominations(
            by=people.nganh_thidua, nominations=[noms.hong, noms.draft], notice_ends_on=WEEK
        )
    assert exc.value.status == 422
    assert not Notice.objects.exists()


def test_publish_refuses_an_end_date_in_the_past(people, noms):
    with pytest.raises(InvalidInput) as exc:
        services.publish_nominations(
            by=people.nganh_thidua,
            nominations=[noms.hong],
            notice_ends_on=TODAY - datetime.timedelta(days=1),
        )
    assert exc.value.errors[0]["field"] == "notice_ends_on"


def test_publish_twice_under_a_running_notice_is_a_conflict(people, noms, notice):
    with pytest.raises(Conflict):
        services.publish_nominations(
            by=people.nganh_admin, nominations=[noms.hong], notice_ends_on=WEEK
        )
    end_notice(notice)
    again = services.publish_nominations(
        by=people.nganh_admin, nominations=[noms.hong], notice_ends_on=WEEK
    )
    assert again.pk != notice.pk


def test_grassroots_chair_publishes_only_its_own_grassroots_awards(people, noms, tree):
    with pytest.raises(InvalidInput):
        services.publish_nominations(
            by=people.bvdk_chutich, nominations=[noms.hong], notice_ends_on=WEEK
        )
    own = make_award("GK-BVDK", issuing_level="grassroots")
    noms.binh.award_type = own
    noms.binh.save()
    notice = services.publish_nominations(
        by=people.bvdk_chutich, nominations=[noms.binh], notice_ends_on=WEEK
    )
    assert notice.org == tree.bvdk
    with pytest.raises(InvalidInput):
        services.publish_nominations(
            by=people.bvdk_chutich, nominations=[noms.mai], notice_ends_on=WEEK
        )


@pytest.mark.parametrize("username", ["bvdk.thidua", "hoidong.1", "doanvien", "kiemtra", "ldld"])
def test_other_roles_may_not_publish(people, noms, username):
    with pytest.raises(Forbidden):
        services.publish_nominations(
            by=people.users[username], nominations=[noms.hong], notice_ends_on=WEEK
        )


def test_member_sends_feedback_during_the_notice(people, noms, notice):
    feedback = services.send_feedback(noms.binh, by=people.doanvien, text="  Chưa đúng.  ")
    assert feedback.text == "Chưa đúng."
    assert feedback.is_objection
    assert feedback.notice == notice


def test_feedback_refused_when_no_notice_runs(people, noms, notice):
    end_notice(notice)
    with pytest.raises(RuleViolation) as exc:
        services.send_feedback(noms.binh, by=people.doanvien, text="Muộn")
    assert exc.value.status == 422
    assert not Feedback.objects.exists()


def test_feedback_on_an_unpublished_nomination_is_not_found_for_a_member(people, noms, notice):
    with pytest.raises(NotFound):
        services.send_feedback(noms.draft, by=people.doanvien, text="?")


def test_bvnhi_staff_cannot_see_a_bvdk_nomination_before_publication(people, noms):
    with pytest.raises(NotFound):
        services.send_feedback(noms.hong, by=people.bvnhi_thidua, text="?")


def test_empty_feedback_is_refused(people, noms, notice):
    with pytest.raises(InvalidInput):
        services.send_feedback(noms.hong, by=people.doanvien, text="   ")


def test_confidential_author_is_hidden_from_the_nominee_unit_staff(people, noms, notice):
    feedback = services.send_feedback(
        noms.hong, by=people.bvnhi_thidua, text="Thành tích chưa chính xác", confidential=True
    )
    assert not services.author_shown(feedback, people.bvdk_chutich)
    assert not services.author_shown(feedback, people.bvdk_thidua)
    assert services.author_shown(feedback, people.nganh_thidua)
    assert services.author_shown(feedback, people.bvnhi_thidua)
    open_one = services.send_feedback(noms.hong, by=people.doanvien, text="Ý kiến")
    assert services.author_shown(open_one, people.bvdk_chutich)


def test_sector_officer_resolves_feedback_once(people, noms, notice):
    feedback = services.send_feedback(noms.hong, by=people.doanvien, text="Phản ánh")
    with pytest.raises(Forbidden):
        services.resolve_feedback(feedback, by=people.bvdk_chutich, resolution="Đã xác minh")
    with pytest.raises(InvalidInput):
        services.resolve_feedback(feedback, by=people.nganh_thidua, resolution=" ")
    resolved = services.resolve_feedback(feedback, by=people.nganh_thidua, resolution="Đã xác minh")
    assert resolved.is_resolved and resolved.resolved_by == people.nganh_thidua
    with pytest.raises(Conflict):
        services.resolve_feedback(feedback, by=people.nganh_admin, resolution="Lần hai")


def test_decision_blockers_give_the_reasons(people, noms, notice):
    assert services.decision_blockers(noms.draft) == []
    reasons = services.decision_blockers(noms.hong)
    assert reasons == [f"Thời hạn công khai kết thúc ngày {WEEK:%d/%m/%Y}."]
    feedback = services.send_feedback(noms.hong, by=people.doanvien, text="Phản ánh")
    end_notice(notice)
    reasons = services.decision_blockers(noms.hong)
    assert len(reasons) == 1 and "1" in reasons[0] and "chưa được giải quyết" in reasons[0]
    services.resolve_feedback(feedback, by=people.nganh_thidua, resolution="Không có cơ sở")
    assert services.decision_blockers(noms.hong) == []


def test_published_lists_follow_the_subtree(people, noms, notice, tree):
    own = make_award("GK-BVDK", issuing_level="grassroots")
    noms.binh.award_type = own
    noms.binh.save()
    end_notice(notice)
    bvdk_notice = services.publish_nominations(
        by=people.bvdk_chutich, nominations=[noms.binh], notice_ends_on=WEEK
    )
    assert set(Notice.objects.visible_to(people.doanvien)) == {notice, bvdk_notice}
    assert set(Notice.objects.visible_to(people.bvnhi_thidua)) == {notice}
    assert set(Notice.objects.visible_to(people.nganh_thidua)) == {notice, bvdk_notice}
    published = services.published_nominations(people.doanvien)
    assert noms.draft not in published and noms.hong in published
