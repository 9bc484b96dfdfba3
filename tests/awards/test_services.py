"""Catalogue edits, base salaries, rules, assessments: permissions, validation, audit."""

import datetime
from decimal import Decimal

import pytest

from thidua.awards import services
from thidua.awards.models import AwardType, BaseSalary, EligibilityRule
from thidua.core.exceptions import Conflict, Forbidden, InvalidInput
from thidua.core.models import AuditEntry

CRITERIA = [
    {"code": "1", "name": "Chuyên môn", "max_points": Decimal("60"), "required": True},
    {"code": "2", "name": "Phong trào", "max_points": Decimal("40")},
]


def _new(by, **fields):
    data = {
        "code": "GK-THU",
        "name": "Giấy khen thử",
        "category": "commendation",
        "subject": "individual",
        "issuing_level": "sector",
        "amount_coefficient": Decimal("0.5"),
    }
    return services.create_award_type(by=by, criteria=CRITERIA, **{**data, **fields})


def test_sector_admin_creates_an_award_type_with_its_rubric(people):
    award = _new(people.nganh_admin)
    assert [c.code for c in award.criteria_for()] == ["1", "2"]
    assert AuditEntry.objects.filter(object_id=str(award.pk), action="create").exists()


@pytest.mark.parametrize("who", ["nganh_thidua", "bvdk_chutich", "bvdk_thidua", "doanvien", "ldld"])
def test_only_the_sector_admin_edits_the_catalogue(people, who):
    user = getattr(people, who)
    with pytest.raises(Forbidden):
        _new(user)
    ldtt = AwardType.objects.get(code="LDTT")
    with pytest.raises(Forbidden):
        services.update_award_type(ldtt, by=user, name="Đổi tên")
    with pytest.raises(Forbidden):
        services.add_base_salary(
            by=user, amount=3_000_000, effective_from=datetime.date(2027, 1, 1)
        )
    assert not AwardType.objects.filter(code="GK-THU").exists()


def test_update_replaces_the_rubric_and_checks_the_version(people):
    award = _new(people.nganh_admin)
    award = services.update_award_type(
        award,
        by=people.nganh_admin,
        version=1,
        criteria=[{"code": "A", "name": "Một tiêu chí", "max_points": 100}],
    )
    assert [c.code for c in award.criteria.all()] == ["A"] and award.version == 2
    with pytest.raises(Conflict):
        services.update_award_type(award, by=people.nganh_admin, version=1, name="Cũ")


def test_duplicate_code_is_a_conflict_and_bad_criteria_are_refused(people):
    with pytest.raises(Conflict):
        _new(people.nganh_admin, code="LDTT")
    with pytest.raises(InvalidInput) as caught:
        services.create_award_type(
            by=people.nganh_admin,
            code="X1",
            name="X",
            category="title",
            subject="individual",
            issuing_level="sector",
            criteria=[{"code": "1", "name": "", "max_points": -1}, {"code": "1", "name": "B"}],
        )
    fields = {e["field"] for e in caught.value.errors}
    assert {"criteria[0].name", "criteria[0].max_points", "criteria[1].code"} <= fields
    assert not AwardType.objects.filter(code="X1").exists()


def test_unknown_dossier_parts_are_refused(people):
    with pytest.raises(InvalidInput) as caught:
        _new(people.nganh_admin, required_dossier_parts=["submission", "photo"])
    assert caught.value.errors[0]["field"] == "required_dossier_parts"


def test_a_base_salary_date_is_unique(people):
    services.add_base_salary(
        by=people.nganh_admin, amount=2_530_000, effective_from=datetime.date(2026, 7, 1)
    )
    with pytest.raises(Conflict):
        services.add_base_salary(
            by=people.nganh_admin, amount=2_600_000, effective_from=datetime.date(2026, 7, 1)
        )
    assert BaseSalary.objects.get(effective_from=datetime.date(2026, 7, 1)).amount == 2_530_000


def test_rule_params_are_validated_for_the_kind_and_subject(people):
    ldtt = AwardType.objects.get(code="LDTT")
    rule = services.create_eligibility_rule(
        award_type=ldtt, by=people.nganh_admin, kind="membership_months", params={"months": 12}
    )
    assert rule.params == {"months": 12}
    with pytest.raises(InvalidInput):
        services.create_eligibility_rule(
            award_type=ldtt, by=people.nganh_admin, kind="membership_months", params={"m": 1}
        )
    with pytest.raises(InvalidInput):
        services.create_eligibility_rule(
            award_type=ldtt, by=people.nganh_admin, kind="collective_share", params={}
        )
    with pytest.raises(Forbidden):
        services.update_eligibility_rule(rule, by=people.bvdk_chutich, params={"months": 1})
    services.update_eligibility_rule(rule, by=people.nganh_admin, version=1, params={"months": 3})
    rule.refresh_from_db()
    assert rule.params == {"months": 3}
    services.delete_eligibility_rule(rule, by=people.nganh_admin)
    assert not EligibilityRule.objects.filter(pk=rule.pk).exists()


def test_assessments_are_recorded_by_the_members_unit_only(people):
    assessment = services.record_assessment(
        member=people.hong, year=2026, by=people.bvdk_thidua, task_rating="good", absence_days=3
    )
    again = services.record_assessment(
        member=people.hong, year=2026, by=people.bvdk_thidua, task_rating="excellent"
    )
    assert again.pk == assessment.pk and again.task_rating == "excellent"
    with pytest.raises(Forbidden):
        services.record_assessment(
            member=people.hong, year=2026, by=people.bvnhi_thidua, task_rating="good"
        )
    with pytest.raises(InvalidInput):
        services.record_assessment(
            member=people.hong,
            year=2026,
            by=people.bvdk_thidua,
            task_rating="good",
            absence_days=2,
            maternity_leave_days=5,
        )


def test_discipline_is_recorded_and_validated(people):
    record = services.record_discipline(
        member=people.hong,
        by=people.bvdk_chutich,
        level="warning",
        decided_on=datetime.date(2025, 3, 1),
    )
    assert record.get_level_display() == "Cảnh cáo"
    with pytest.raises(InvalidInput):
        services.record_discipline(
            member=people.hong, by=people.bvdk_chutich, level="nope", decided_on=record.decided_on
        )
    with pytest.raises(Forbidden):
        services.record_discipline(
            member=people.hong, by=people.doanvien, level="warning", decided_on=record.decided_on
        )


def test_revoking_an_award_takes_it_out_of_the_effective_history(people, tree):
    record = services.record_award(
        award_type=AwardType.objects.get(code="LDTT"),
        year=2025,
        member=people.hong,
        holder_org=tree.bvdk,
        by=people.nganh_admin,
    )
    with pytest.raises(Forbidden):
        services.revoke_award(record, by=people.bvdk_chutich, reason="Khai man")
    services.revoke_award(record, by=people.nganh_admin, reason="Khai man hồ sơ")
    assert not people.hong.award_records.effective().exists()
    with pytest.raises(Conflict):
        services.revoke_award(record, by=people.nganh_admin, reason="Lần nữa")
