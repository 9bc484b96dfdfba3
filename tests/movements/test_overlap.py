"""Overlap warnings: other movements for the same units at the same time, and the confirmation."""

import pytest

from tests.movements.conftest import days
from thidua.core.exceptions import RuleViolation
from thidua.movements import services
from thidua.movements.models import MovementStatus
from thidua.organizations.models import EmployerType


def test_no_warning_without_another_running_movement(draft):
    warnings = services.movement_warnings(draft())
    assert warnings["messages"] == []
    assert not warnings["confirmation_required"]


def test_overlapping_movement_for_the_same_units_is_listed(launched, draft):
    other = draft(title="Xanh - Sạch - Đẹp")
    warnings = services.movement_warnings(other)

    assert [o["movement_id"] for o in warnings["overlaps"]] == [launched.pk]
    assert warnings["overlaps"][0]["units"] == 2
    assert {u["running"] for u in warnings["units"]} == {1}
    assert warnings["max_concurrent"] == 2
    assert not warnings["confirmation_required"]
    assert launched.title in warnings["messages"][0]


def test_movements_at_other_times_or_for_other_units_do_not_warn(launched, draft, big_sector):
    later = draft(
        title="Năm sau",
        starts_on=days(400),
        ends_on=days(500),
        plan_due_on=days(420),
        midterm_review_due_on=days(450),
        final_review_due_on=days(510),
    )
    enterprises = draft(title="Doanh nghiệp", audience_employer_types=[EmployerType.FDI_ENTERPRISE])

    assert services.movement_warnings(later)["overlaps"] == []
    assert services.movement_warnings(enterprises)["overlaps"] == []


def test_beyond_the_threshold_the_launch_needs_a_confirmation(draft, people, settings):
    settings.MOVEMENT_OVERLAP_CONFIRM_THRESHOLD = 2
    services.launch_movement(draft(title="Một"), by=people.nganh_admin)
    services.launch_movement(draft(title="Hai"), by=people.nganh_admin)
    third = draft(title="Ba")

    warnings = services.movement_warnings(third)
    assert warnings["max_concurrent"] == 3
    assert warnings["confirmation_required"]
    with pytest.raises(RuleViolation) as caught:
        services.launch_movement(third, by=people.nganh_admin)
    assert len(caught.value.reasons) == 3  # two overlapping movements and the summary
    third.refresh_from_db()
    assert third.status == MovementStatus.DRAFT
    assert not third.plans.exists()

    third = services.launch_movement(third, by=people.nganh_admin, confirm=True)
    assert third.status == MovementStatus.LAUNCHED
    # Once launched it still lists what it overlaps, but asks for nothing more.
    assert not services.movement_warnings(third)["confirmation_required"]


def test_the_threshold_is_a_setting(draft, people, settings):
    settings.MOVEMENT_OVERLAP_CONFIRM_THRESHOLD = 1
    services.launch_movement(draft(title="Một"), by=people.nganh_admin)
    with pytest.raises(RuleViolation):
        services.launch_movement(draft(title="Hai"), by=people.nganh_admin)
