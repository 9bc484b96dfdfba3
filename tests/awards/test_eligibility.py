"""The eligibility engine: every rule kind passes and fails with its Vietnamese reason."""

import datetime

import pytest
from django.utils import translation

from tests.factories import MemberFactory
from thidua.awards import eligibility
from thidua.awards.eligibility import evaluate
from thidua.awards.models import (
    AwardRecord,
    AwardType,
    DisciplineRecord,
    EligibilityRule,
    Initiative,
    MemberYearAssessment,
)

YEAR = 2026
D = datetime.date


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def _assess(member, rating="good", absence=0, maternity=0, year=YEAR):
    return MemberYearAssessment.objects.create(
        member=member,
        year=year,
        task_rating=rating,
        absence_days=absence,
        maternity_leave_days=maternity,
    )


def _award(member, code, year=YEAR, **fields):
    return AwardRecord.objects.create(
        member=member,
        holder_org=member.org,
        award_type=AwardType.objects.get(code=code),
        year=year,
        source="imported",
        **fields,
    )


def _ldtt(member, tree):
    return evaluate(
        award_type=AwardType.objects.get(code="LDTT"),
        year=YEAR,
        proposing_org=tree.bvdk,
        member=member,
    )


def test_a_good_member_is_eligible_for_ldtt(tree, people):
    _assess(people.hong)
    result = _ldtt(people.hong, tree)
    assert result.eligible and result.reasons == []


def test_a_member_of_another_unit_is_refused(tree, people):
    _assess(people.child_doctor)
    result = _ldtt(people.child_doctor, tree)
    assert not result.eligible
    assert "không phải là đoàn viên của" in result.reasons[0]


def test_an_inactive_member_is_refused(tree, people):
    _assess(people.hong)
    people.hong.active = False
    people.hong.save()
    assert "không còn là đoàn viên" in _ldtt(people.hong, tree).reasons[0]


def test_employment_months_counts_to_the_end_of_the_year(tree):
    recent = MemberFactory(org=tree.bvdk, employed_since=D(YEAR, 8, 1))
    _assess(recent)
    result = _ldtt(recent, tree)
    assert result.reasons == ["Mới làm việc 4 tháng đến cuối năm; cần ít nhất 6 tháng."]
    ok = MemberFactory(org=tree.bvdk, employed_since=D(YEAR, 6, 30))
    _assess(ok)
    assert _ldtt(ok, tree).eligible


def test_missing_employment_date_is_a_reason(tree):
    member = MemberFactory(org=tree.bvdk, employed_since=None)
    _assess(member)
    assert "Chưa ghi ngày bắt đầu làm việc" in _ldtt(member, tree).reasons[0]


def test_membership_months(tree, people):
    ldtt = AwardType.objects.get(code="LDTT")
    EligibilityRule.objects.create(award_type=ldtt, kind="membership_months", params={"months": 12})
    fresh = MemberFactory(org=tree.bvdk, union_joined_on=D(YEAR, 3, 15))
    _assess(fresh)
    assert _ldtt(fresh, tree).reasons == ["Mới sinh hoạt công đoàn 9 tháng; cần ít nhất 12 tháng."]
    _assess(people.hong)
    assert _ldtt(people.hong, tree).eligible


def test_forty_days_of_absence_exclude_ldtt_but_maternity_leave_does_not(tree, people):
    _assess(people.hong, absence=40)
    assert _ldtt(people.hong, tree).reasons == [
        "Nghỉ 40 ngày trong năm 2026 (không tính nghỉ thai sản); tối đa 39 ngày."
    ]
    MemberYearAssessment.objects.filter(member=people.hong).update(maternity_leave_days=30)
    assert _ldtt(people.hong, tree).eligible


def test_task_rating_below_good_is_refused_and_a_missing_assessment_says_so(tree, people):
    _assess(people.hong, rating="completed")
    assert _ldtt(people.hong, tree).reasons == [
        "Xếp loại “Hoàn thành nhiệm vụ” năm 2026; cần ít nhất “Hoàn thành tốt nhiệm vụ”."
    ]
    result = _ldtt(people.nurse, tree)
    assert result.reasons == ["Chưa có đánh giá, xếp loại năm 2026."] * 2


def test_discipline_of_reprimand_or_above_excludes_ldtt(tree, people):
    _assess(people.hong)
    DisciplineRecord.objects.create(member=people.hong, level="reprimand", decided_on=D(YEAR, 5, 2))
    reasons = _ldtt(people.hong, tree).reasons
    assert (
        len(reasons) == 1
        and "Bị kỷ luật trong năm 2026 (Khiển trách ngày 02/05/2026)" in reasons[0]
    )
    DisciplineRecord.objects.all().update(decided_on=D(YEAR - 1, 5, 2))
    assert _ldtt(people.hong, tree).eligible


def test_administrative_sanction_counts_as_discipline(tree, people):
    _assess(people.hong)
    DisciplineRecord.objects.create(
        member=people.hong, level="administrative", decided_on=D(YEAR, 5, 2)
    )
    assert not _ldtt(people.hong, tree).eligible


def _cstdcs(member, tree, **kwargs):
    return evaluate(
        award_type=AwardType.objects.get(code="CSTDCS"),
        year=YEAR,
        proposing_org=tree.bvdk,
        member=member,
        **kwargs,
    )


def _many_ldtt(tree, count):
    for _ in range(count):
        _award(MemberFactory(org=tree.bvdk), "LDTT")


def test_cstdcs_requires_ldtt_the_same_year(tree, people):
    _assess(people.hong, rating="excellent")
    _many_ldtt(tree, 20)
    assert _cstdcs(people.hong, tree).reasons == ["Cần có danh hiệu Lao động tiên tiến năm 2026."]
    _award(people.hong, "LDTT")
    assert _cstdcs(people.hong, tree).eligible


def test_a_revoked_award_does_not_count(tree, people):
    _assess(people.hong, rating="excellent")
    _many_ldtt(tree, 20)
    record = _award(people.hong, "LDTT")
    record.revoked_at = datetime.datetime(YEAR, 6, 1, tzinfo=datetime.UTC)
    record.save()
    assert not _cstdcs(people.hong, tree).eligible


def test_cstdcs_needs_an_initiative_unless_rated_excellent(tree, people):
    _assess(people.hong, rating="good")
    _many_ldtt(tree, 20)
    _award(people.hong, "LDTT")
    reasons = _cstdcs(people.hong, tree).reasons
    assert reasons == [
        "Cần có sáng kiến được công nhận trong năm 2025 đến 2026, hoặc xếp loại "
        "“Hoàn thành xuất sắc nhiệm vụ” năm 2026."
    ]
    initiative = Initiative.objects.create(
        org=tree.bvdk, title="Sáng kiến", recognized_on=D(YEAR - 1, 11, 3)
    )
    initiative.authors.add(people.hong)
    assert _cstdcs(people.hong, tree).eligible


def test_cstdcs_share_cap_is_fifteen_percent_of_ldtt_holders(tree, people):
    _assess(people.hong, rating="excellent")
    _many_ldtt(tree, 5)
    _award(people.hong, "LDTT")  # 6 LĐTT → floor(0.9) = 0 CSTĐCS allowed
    reasons = _cstdcs(people.hong, tree).reasons
    assert reasons == [
        f"{tree.bvdk.name} chỉ được đề nghị tối đa 0 (15% của 6 người đạt Lao động tiên tiến); "
        "đã đề nghị hoặc được khen 0."
    ]
    _many_ldtt(tree, 1)  # 7 x 0.15 = 1.05 → 1
    assert _cstdcs(people.hong, tree).eligible


def test_pending_providers_count_approved_nominations(tree, people):
    _assess(people.hong, rating="excellent")
    _many_ldtt(tree, 7)
    ldtt = AwardType.objects.get(code="LDTT")

    def pending(*, award_type, year, exclude_nomination=None):
        return [(people.hong.pk, None)] if award_type == ldtt and year == YEAR else []

    def counting(*, award_type, year, proposing_org, exclude_nomination=None):
        return 1 if award_type.code == "CSTDCS" else 0

    saved = list(eligibility._pending_awards_providers), list(eligibility._pending_count_providers)
    eligibility._pending_awards_providers[:] = []
    eligibility._pending_count_providers[:] = []
    try:
        eligibility.register_pending_awards_provider(pending)
        assert _cstdcs(people.hong, tree).eligible
        eligibility.register_pending_count_provider(counting)
        # 8 holders x 0.15 = 1 allowed, 1 already proposed: no room left.
        assert "đã đề nghị hoặc được khen 1" in _cstdcs(people.hong, tree).reasons[0]
    finally:
        eligibility._pending_awards_providers[:] = saved[0]
        eligibility._pending_count_providers[:] = saved[1]


def test_consecutive_years_rule(tree, people):
    award = AwardType.objects.get(code="GK-CDN")
    EligibilityRule.objects.create(
        award_type=award,
        kind="requires_award_consecutive_years",
        params={"award_code": "LDTT", "years": 2},
    )
    _award(people.hong, "LDTT", year=YEAR - 1)
    result = evaluate(award_type=award, year=YEAR, proposing_org=tree.sector, member=people.hong)
    assert result.reasons == ["Cần đạt Lao động tiên tiến 2 năm liên tục; còn thiếu năm: 2024."]
    _award(people.hong, "LDTT", year=YEAR - 2)
    assert evaluate(
        award_type=award, year=YEAR, proposing_org=tree.sector, member=people.hong
    ).eligible


def test_custom_message_replaces_the_built_in_reason(tree, people):
    ldtt = AwardType.objects.get(code="LDTT")
    EligibilityRule.objects.filter(award_type=ldtt, kind="max_absence_days").update(
        message="Nghỉ %(days)s ngày, vượt mức %(max_days)s."
    )
    _assess(people.hong, absence=50)
    assert _ldtt(people.hong, tree).reasons == ["Nghỉ 50 ngày, vượt mức 39."]


def test_an_individual_award_needs_a_member_and_a_collective_one_a_unit(tree):
    ldtt = AwardType.objects.get(code="LDTT")
    result = evaluate(award_type=ldtt, year=YEAR, proposing_org=tree.bvdk, nominee_org=tree.bvdk)
    assert not result.eligible
    ttldtt = AwardType.objects.get(code="TTLDTT")
    assert not evaluate(award_type=ttldtt, year=YEAR, proposing_org=tree.bvdk).eligible


def _collective(code, org, proposing):
    return evaluate(
        award_type=AwardType.objects.get(code=code),
        year=YEAR,
        proposing_org=proposing,
        nominee_org=org,
    )


def test_ttldtt_needs_more_than_half_the_members_ldtt(tree):
    group = tree.bvdk_group
    members = [MemberFactory(org=group) for _ in range(4)]
    _award(members[0], "LDTT")
    _award(members[1], "LDTT")
    assert _collective("TTLDTT", group, tree.bvdk).reasons == [
        "2/4 thành viên (50%) đạt “Lao động tiên tiến” năm 2026; cần trên 50%."
    ]
    _award(members[2], "LDTT")
    assert _collective("TTLDTT", group, tree.bvdk).eligible


def test_ttldtt_refuses_a_member_disciplined_with_a_warning(tree):
    group = tree.bvdk_group
    members = [MemberFactory(org=group) for _ in range(2)]
    for member in members:
        _award(member, "LDTT")
    DisciplineRecord.objects.create(member=members[0], level="reprimand", decided_on=D(YEAR, 2, 1))
    assert _collective("TTLDTT", group, tree.bvdk).eligible
    DisciplineRecord.objects.create(member=members[1], level="warning", decided_on=D(YEAR, 2, 1))
    assert _collective("TTLDTT", group, tree.bvdk).reasons == [
        "Có 1 thành viên bị kỷ luật (cảnh cáo trở lên) trong năm 2026."
    ]


def test_ttldxs_needs_all_tasks_done_seventy_percent_ldtt_and_a_cstdcs(tree):
    group = tree.bvdk_group
    members = [MemberFactory(org=group) for _ in range(10)]
    for member in members:
        _assess(member, rating="good")
    for member in members[:7]:
        _award(member, "LDTT")
    reasons = _collective("TTLDXS", group, tree.bvdk).reasons
    assert reasons == ["0 thành viên đạt Chiến sĩ thi đua cơ sở năm 2026; cần ít nhất 1."]
    _award(members[0], "CSTDCS")
    assert _collective("TTLDXS", group, tree.bvdk).eligible
    MemberYearAssessment.objects.filter(member=members[9]).update(task_rating="not_completed")
    assert _collective("TTLDXS", group, tree.bvdk).reasons == [
        "9/10 thành viên (90%) đạt “Hoàn thành nhiệm vụ” năm 2026; cần ít nhất 100%."
    ]


def test_a_collective_outside_the_proposing_unit_is_refused(tree):
    assert not _collective("TTLDTT", tree.bvnhi, tree.bvdk).eligible
