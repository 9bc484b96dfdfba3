"""An inspection from plan to closing: findings, answers, 409 from a wrong state, 422 while a
recommendation is unanswered, overdue follow-ups."""

import pytest
from django.core.exceptions import ObjectDoesNotExist

from tests.oversight.conftest import days
from thidua.core.exceptions import Forbidden, InvalidInput, InvalidTransition, RuleViolation
from thidua.core.models import AuditEntry, Notification
from thidua.oversight import queries, services
from thidua.oversight.models import Inspection, InspectionStatus, Recommendation

pytestmark = pytest.mark.django_db


def test_planning_puts_the_planner_on_the_team_and_tells_the_unit(inspection, people, tree):
    assert inspection.status == InspectionStatus.PLANNED
    assert inspection.inspecting_org == tree.sector
    assert list(inspection.team.all()) == [people.kiemtra]
    assert Notification.objects.filter(user=people.bvnhi_chutich).exists()
    assert AuditEntry.objects.filter(object_id=str(inspection.pk), action="create").exists()


def test_the_inspected_unit_must_be_below_the_inspecting_unit(people, tree):
    with pytest.raises(InvalidInput) as exc:
        services.create_inspection(
            by=people.kiemtra,
            org=tree.sector,
            inspecting_org=tree.sector,
            planned_on=days(5),
            topic="integrated",
        )
    assert exc.value.errors[0]["field"] == "org_id"
    assert not Inspection.objects.exists()


def test_a_grassroots_officer_cannot_plan_an_inspection(people, tree):
    with pytest.raises(Forbidden):
        services.create_inspection(
            by=people.bvdk_thidua, org=tree.bvdk_group, planned_on=days(5), topic="integrated"
        )


def test_a_team_member_needs_an_inspection_role(people, tree):
    with pytest.raises(InvalidInput) as exc:
        services.create_inspection(
            by=people.kiemtra,
            org=tree.bvnhi,
            planned_on=days(5),
            topic="integrated",
            team=[people.kiemtra, people.bvdk_thidua],
        )
    assert exc.value.errors[0]["field"] == "team_ids"


def test_findings_need_text_and_a_due_date_for_each_recommendation(inspection, people):
    with pytest.raises(InvalidInput) as exc:
        services.record_findings(
            inspection, by=people.kiemtra, findings="", recommendations=["Bổ sung hồ sơ"]
        )
    assert {e["field"] for e in exc.value.errors} == {"findings"}
    with pytest.raises(InvalidInput) as exc:
        services.record_findings(
            inspection, by=people.kiemtra, findings="Tốt", recommendations=["Bổ sung hồ sơ"]
        )
    assert exc.value.errors[0]["field"] == "recommendations.0.follow_up_due_on"
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.PLANNED and not Recommendation.objects.exists()


def test_full_life_cycle(with_findings, people):
    inspection = with_findings
    assert inspection.status == InspectionStatus.FINDINGS_RECORDED
    assert inspection.recommendations.count() == 2
    with pytest.raises(InvalidTransition):
        services.record_findings(inspection, by=people.kiemtra, findings="Lần hai")
    with pytest.raises(RuleViolation) as exc:
        services.close_inspection(inspection, by=people.kiemtra)
    assert len(exc.value.reasons) == 2 and "Bổ sung biên bản" in exc.value.reasons[0]
    for rec in inspection.recommendations.all():
        services.respond_to_recommendation(rec, by=people.bvnhi_thidua, response="Đã khắc phục.")
    inspection = services.close_inspection(inspection, by=people.kiemtra)
    assert inspection.status == InspectionStatus.CLOSED and inspection.closed_on
    with pytest.raises(InvalidTransition):
        services.close_inspection(inspection, by=people.kiemtra)
    with pytest.raises(InvalidTransition):
        services.respond_to_recommendation(
            inspection.recommendations.first(), by=people.bvnhi_thidua, response="Thêm"
        )


def test_closing_a_planned_inspection_is_a_conflict(inspection, people):
    with pytest.raises(InvalidTransition):
        services.close_inspection(inspection, by=people.nganh_admin)


def test_only_the_inspected_unit_answers(with_findings, people):
    rec = with_findings.recommendations.first()
    with pytest.raises(Forbidden):
        services.respond_to_recommendation(rec, by=people.bvdk_thidua, response="x")
    with pytest.raises(InvalidInput):
        services.respond_to_recommendation(rec, by=people.bvnhi_chutich, response="  ")


def test_someone_off_the_team_cannot_record_findings(inspection, people, tree):
    from tests.factories import user_with_role
    from thidua.accounts.roles import Role

    other = user_with_role(Role.INSPECTOR, tree.sector, username="kiemtra.2")
    with pytest.raises(Forbidden):
        services.record_findings(inspection, by=other, findings="x")
    # The sector officer may, team or not.
    services.record_findings(inspection, by=people.nganh_thidua, findings="Đạt yêu cầu.")


def test_overdue_follow_ups_are_listed_for_the_unit_and_the_sector(with_findings, people):
    for user in (people.nganh_admin, people.bvnhi_chutich, people.kiemtra):
        overdue = list(queries.overdue_recommendations(user))
        assert [r.text for r in overdue] == ["Bổ sung biên bản họp Hội đồng"]
    assert not queries.overdue_recommendations(people.bvdk_chutich).exists()
    rec = overdue[0]
    services.respond_to_recommendation(rec, by=people.bvnhi_chutich, response="Đã bổ sung.")
    assert not queries.overdue_recommendations(people.nganh_admin).exists()


def test_a_nomination_link_records_a_false_dossier(with_findings, people):
    """Any model instance may stand for the record here; the link is generic."""
    record = people.child_doctor
    link = services.link_finding(
        with_findings, by=people.kiemtra, record=record, note="Hồ sơ khai không đúng"
    )
    assert link.record == record
    from thidua.core.exceptions import Conflict

    with pytest.raises(Conflict):
        services.link_finding(with_findings, by=people.kiemtra, record=record, note="lần 2")


def test_an_exemplar_found_needs_the_register_or_changes_nothing(with_findings, people):
    if services.exemplar_register_available():
        exemplar = services.record_exemplar_found(
            with_findings, by=people.kiemtra, member=people.child_doctor, story="Gương sáng"
        )
        assert with_findings.links.get().object_id == exemplar.pk
    else:
        with pytest.raises(RuleViolation):
            services.record_exemplar_found(
                with_findings, by=people.kiemtra, member=people.child_doctor, story="Gương sáng"
            )
        assert not with_findings.links.exists()


def test_an_exemplar_must_come_from_the_inspected_unit(with_findings, people):
    with pytest.raises(InvalidInput):
        services.record_exemplar_found(
            with_findings, by=people.kiemtra, member=people.hong, story="Gương sáng"
        )


def test_visibility_of_inspections(with_findings, people):
    visible = Inspection.objects.visible_to
    assert visible(people.bvnhi_chutich).filter(pk=with_findings.pk).exists()
    assert visible(people.kiemtra).filter(pk=with_findings.pk).exists()
    assert visible(people.ldld).filter(pk=with_findings.pk).exists()
    for user in (people.bvdk_chutich, people.bvdk_thidua, people.doanvien):
        with pytest.raises(ObjectDoesNotExist):
            visible(user).get(pk=with_findings.pk)
