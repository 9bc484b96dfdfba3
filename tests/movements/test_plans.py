"""Unit plans: submit, return, resubmit, accept; on time or late; each unit sees only its own."""

import pytest
from django.utils import timezone

from tests.movements.conftest import days
from thidua.core.exceptions import Forbidden, InvalidInput, InvalidTransition
from thidua.core.models import Notification
from thidua.documents import services as documents
from thidua.movements import services
from thidua.movements.models import PlanStatus, UnitPlan


def plan_of(movement, org):
    return movement.plans.get(org=org)


def test_submit_return_resubmit_accept(launched, people, tree):
    plan = plan_of(launched, tree.bvdk)
    plan = services.submit_plan(plan, by=people.bvdk_thidua, summary="Triển khai đến 12 tổ")
    assert plan.status == PlanStatus.SUBMITTED
    assert plan.on_time is True
    assert plan.submitted_by == people.bvdk_thidua

    plan = services.return_plan(plan, by=people.nganh_thidua, reason="Thiếu chỉ tiêu cụ thể")
    assert plan.status == PlanStatus.RETURNED
    assert plan.returned_reason == "Thiếu chỉ tiêu cụ thể"
    returned = Notification.objects.filter(key__startswith=f"plan-return-{plan.pk}-")
    assert set(returned.values_list("user__username", flat=True)) == {"bvdk.chutich", "bvdk.thidua"}

    plan = services.submit_plan(plan, by=people.bvdk_chutich, summary="Đã bổ sung chỉ tiêu")
    assert plan.status == PlanStatus.SUBMITTED
    assert plan.returned_reason == ""

    plan = services.accept_plan(plan, by=people.nganh_admin)
    assert plan.status == PlanStatus.ACCEPTED
    assert plan.reviewed_by == people.nganh_admin
    with pytest.raises(InvalidTransition):
        services.submit_plan(plan, by=people.bvdk_thidua, summary="Lần nữa")


def test_a_plan_after_its_due_date_is_late(draft, people, tree):
    movement = services.launch_movement(
        draft(starts_on=days(-60), plan_due_on=days(-1)), by=people.nganh_admin
    )
    plan = services.submit_plan(plan_of(movement, tree.bvdk), by=people.bvdk_thidua, summary="Muộn")
    assert plan.on_time is False
    assert timezone.localdate(plan.submitted_at) == timezone.localdate()


def test_a_plan_on_its_due_date_is_on_time(draft, people, tree):
    movement = services.launch_movement(draft(plan_due_on=days(0)), by=people.nganh_admin)
    plan = services.submit_plan(
        plan_of(movement, tree.bvdk), by=people.bvdk_thidua, summary="Đúng hạn"
    )
    assert plan.on_time is True


def test_a_plan_needs_a_summary(launched, people, tree):
    with pytest.raises(InvalidInput) as caught:
        services.submit_plan(plan_of(launched, tree.bvdk), by=people.bvdk_thidua, summary=" ")
    assert caught.value.errors[0]["field"] == "summary"


def test_the_plan_document_must_be_the_units_own(launched, people, tree):
    own = documents.create_document(
        org=tree.bvdk, by=people.bvdk_thidua, doc_type="KH", title="Kế hoạch hưởng ứng"
    )
    other = documents.create_document(
        org=tree.bvnhi, by=people.bvnhi_thidua, doc_type="KH", title="Kế hoạch của BVNHI"
    )
    plan = plan_of(launched, tree.bvdk)
    with pytest.raises(InvalidInput) as caught:
        services.submit_plan(plan, by=people.bvdk_thidua, summary="x", document=other)
    assert caught.value.errors[0]["field"] == "document_id"

    plan = services.submit_plan(plan, by=people.bvdk_thidua, summary="x", document=own)
    assert plan.document == own
    own.refresh_from_db()
    assert own.record == plan


@pytest.mark.parametrize("username", ["bvnhi_thidua", "bvnhi_chutich", "nganh_admin", "doanvien"])
def test_only_the_units_chair_or_officer_submits(launched, people, tree, username):
    with pytest.raises(Forbidden):
        services.submit_plan(
            plan_of(launched, tree.bvdk), by=getattr(people, username), summary="x"
        )


@pytest.mark.parametrize("username", ["bvdk_chutich", "bvdk_thidua", "kiemtra", "ldld"])
def test_only_the_launching_level_accepts_or_returns(launched, people, tree, username):
    plan = services.submit_plan(plan_of(launched, tree.bvdk), by=people.bvdk_thidua, summary="x")
    with pytest.raises(Forbidden):
        services.accept_plan(plan, by=getattr(people, username))
    with pytest.raises(Forbidden):
        services.return_plan(plan, by=getattr(people, username), reason="y")


def test_returning_needs_a_reason_and_a_submitted_plan(launched, people, tree):
    plan = plan_of(launched, tree.bvdk)
    with pytest.raises(InvalidTransition):
        services.return_plan(plan, by=people.nganh_admin, reason="Chưa gửi")
    with pytest.raises(InvalidTransition):
        services.accept_plan(plan, by=people.nganh_admin)
    plan = services.submit_plan(plan, by=people.bvdk_thidua, summary="x")
    with pytest.raises(InvalidInput):
        services.return_plan(plan, by=people.nganh_admin, reason="")


def test_bvnhi_never_sees_bvdks_plan(launched, people, tree):
    bvdk_plan = plan_of(launched, tree.bvdk)
    for username in ("bvnhi_thidua", "bvnhi_chutich"):
        visible = UnitPlan.objects.visible_to(getattr(people, username))
        assert list(visible.values_list("org__code", flat=True)) == ["BVNHI"]
        assert not visible.filter(pk=bvdk_plan.pk).exists()
    assert UnitPlan.objects.visible_to(people.nganh_thidua).count() == 2
    assert UnitPlan.objects.visible_to(people.ldld).count() == 2
    assert not UnitPlan.objects.visible_to(people.doanvien).exists()
