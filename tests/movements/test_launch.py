"""Launching a movement: plan slots for the audience, the launch document, notifications."""

import pytest
from django.core import mail

from tests.factories import MemberFactory, make_org, user_with_role
from thidua.accounts.roles import Role
from thidua.core.exceptions import Forbidden, InvalidInput, InvalidTransition, RuleViolation
from thidua.core.models import Notification
from thidua.core.workflow import transitions_of
from thidua.documents.models import DocumentStatus
from thidua.movements import services
from thidua.movements.models import MovementStatus, PlanStatus
from thidua.organizations.models import EmployerType, OfficerDesignation, OrgKind


def test_launch_for_everyone_creates_one_plan_per_active_grassroots_union(
    draft, people, big_sector
):
    movement = services.launch_movement(draft(), by=people.nganh_admin)

    assert movement.status == MovementStatus.LAUNCHED
    assert movement.plans.count() == 34
    assert set(movement.plans.values_list("status", flat=True)) == {PlanStatus.PENDING}
    assert not movement.plans.filter(org__code="CS-OLD").exists()
    assert not movement.plans.filter(org__kind=OrgKind.UNION_GROUP).exists()
    assert [t.to_state for t in transitions_of(movement)] == [MovementStatus.LAUNCHED]


def test_launch_addresses_only_the_employer_types_of_the_audience(draft, people, big_sector):
    movement = draft(
        title="Lao động giỏi, Lao động sáng tạo",
        audience_employer_types=[
            EmployerType.STATE_ENTERPRISE,
            EmployerType.PRIVATE_ENTERPRISE,
            EmployerType.FDI_ENTERPRISE,
        ],
    )
    services.launch_movement(movement, by=people.nganh_admin)

    types = set(movement.plans.values_list("org__employer_type", flat=True))
    assert movement.plans.count() == 6
    assert types == {"state_enterprise", "private_enterprise", "fdi_enterprise"}


def test_a_grassroots_union_launches_to_its_own_union_groups(draft, people, tree):
    movement = draft(org=tree.bvdk, by=people.bvdk_chutich, title="Thi đua chào mừng 27/2")
    movement = services.launch_movement(movement, by=people.bvdk_chutich)

    assert list(movement.plans.values_list("org__code", flat=True)) == ["BVDK-KN"]
    assert movement.launch_document.number_symbol.startswith("01/KH-")


def test_launch_issues_a_numbered_plan_of_the_unit_with_its_pdf(draft, people):
    first = services.launch_movement(draft(), by=people.nganh_admin)
    second = services.launch_movement(draft(title="Xanh - Sạch - Đẹp"), by=people.nganh_admin)

    document = first.launch_document
    assert document.status == DocumentStatus.ISSUED
    assert document.number_symbol == "01/KH-CĐN"
    assert document.org == first.org
    assert document.record == first
    assert document.file.content_type == "application/pdf"
    assert "Giỏi việc nước" in document.title
    assert second.launch_document.number_symbol == "02/KH-CĐN"


def test_launch_as_an_official_letter_has_no_type_in_its_number(draft, people):
    movement = services.launch_movement(draft(), by=people.nganh_admin, as_cong_van=True)

    assert movement.launch_document.number_symbol == "01/CĐN"
    assert movement.launch_document.doc_type.is_letter


def test_officers_and_chairs_are_notified_once(
    draft, people, tree, mailoutbox, django_capture_on_commit_callbacks
):
    officer_member = MemberFactory(org=tree.bvnhi, full_name="Phan Văn Tài")
    officer_user = user_with_role(Role.MEMBER, tree.bvnhi, username="bvnhi.tai")
    officer_member.user = officer_user
    officer_member.save()
    OfficerDesignation.objects.create(
        org=tree.bvnhi, member=officer_member, since=officer_member.union_joined_on
    )
    movement = draft()
    with django_capture_on_commit_callbacks(execute=True):
        services.launch_movement(movement, by=people.nganh_admin)

    key = f"movement-launch-{movement.pk}"
    notified = set(Notification.objects.filter(key=key).values_list("user__username", flat=True))
    assert notified == {
        "bvdk.chutich",
        "bvdk.thidua",
        "bvnhi.chutich",
        "bvnhi.thidua",
        "bvnhi.tai",
    }
    assert len(mail.outbox) == 5
    assert all(movement.title in message.subject for message in mail.outbox)
    # A second notification run (e.g. a retry) does not repeat them.
    from thidua.core.notifications import notify

    assert notify([people.bvdk_chutich], title="x", key=key) == []


def test_launching_twice_is_a_conflict(launched, people):
    with pytest.raises(InvalidTransition):
        services.launch_movement(launched, by=people.nganh_admin)


def test_launch_needs_the_plan_and_review_dates(draft, people):
    movement = draft(plan_due_on=None, final_review_due_on=None)
    with pytest.raises(InvalidInput) as caught:
        services.launch_movement(movement, by=people.nganh_admin)

    assert {e["field"] for e in caught.value.errors} == {"plan_due_on", "final_review_due_on"}
    movement.refresh_from_db()
    assert movement.status == MovementStatus.DRAFT
    assert not movement.plans.exists()


def test_launch_without_any_unit_in_the_audience_is_refused(draft, people):
    movement = draft(audience_employer_types=[EmployerType.FDI_ENTERPRISE])
    with pytest.raises(RuleViolation):
        services.launch_movement(movement, by=people.nganh_admin)
    movement.refresh_from_db()
    assert movement.status == MovementStatus.DRAFT


@pytest.mark.parametrize("username", ["bvdk_chutich", "bvdk_thidua", "kiemtra", "ldld", "hoidong"])
def test_only_the_launching_level_launches(draft, people, username):
    movement = draft()
    with pytest.raises(Forbidden):
        services.launch_movement(movement, by=getattr(people, username))
    movement.refresh_from_db()
    assert movement.status == MovementStatus.DRAFT


def test_a_unit_created_after_the_launch_gets_no_plan(launched, tree):
    make_org(
        OrgKind.GRASSROOTS_UNION,
        tree.sector,
        code="NEW",
        name="Công đoàn cơ sở mới",
        employer_type=EmployerType.PUBLIC_SERVICE,
    )
    assert launched.plans.count() == 2
