"""Closing a movement requires its final review."""

import pytest

from tests.movements.conftest import days
from thidua.core.exceptions import Forbidden, InvalidInput, InvalidTransition
from thidua.documents import services as documents
from thidua.movements import services
from thidua.movements.models import MovementStatus, PlanStatus


def test_close_with_the_final_review(launched, people, tree):
    report = documents.create_document(
        org=tree.sector, by=people.nganh_admin, doc_type="BC", title="Báo cáo tổng kết"
    )
    movement = services.close_movement(
        launched,
        by=people.nganh_admin,
        final_review_summary="100% CĐCS hưởng ứng; 12 điển hình được nhân rộng.",
        reviewed_on=days(0),
        final_review_document=report,
    )
    assert movement.status == MovementStatus.CLOSED
    assert movement.final_review_document == report
    assert movement.reviewed_on == days(0)


@pytest.mark.parametrize(
    ("summary", "reviewed_on", "field"),
    [
        ("", days(0), "final_review_summary"),
        ("Tổng kết", None, "reviewed_on"),
        ("Tổng kết", days(5), "reviewed_on"),
        ("Tổng kết", days(-30), "reviewed_on"),
    ],
)
def test_close_without_a_valid_review_is_refused(launched, people, summary, reviewed_on, field):
    with pytest.raises(InvalidInput) as caught:
        services.close_movement(
            launched, by=people.nganh_admin, final_review_summary=summary, reviewed_on=reviewed_on
        )
    assert field in {e["field"] for e in caught.value.errors}
    launched.refresh_from_db()
    assert launched.status == MovementStatus.LAUNCHED


def test_a_draft_or_closed_movement_cannot_be_closed(draft, launched, people):
    with pytest.raises(InvalidTransition):
        services.close_movement(
            draft(), by=people.nganh_admin, final_review_summary="x", reviewed_on=days(0)
        )
    services.close_movement(
        launched, by=people.nganh_admin, final_review_summary="x", reviewed_on=days(0)
    )
    with pytest.raises(InvalidTransition):
        services.close_movement(
            launched, by=people.nganh_admin, final_review_summary="x", reviewed_on=days(0)
        )


def test_a_grassroots_officer_cannot_close_the_sector_movement(launched, people):
    with pytest.raises(Forbidden):
        services.close_movement(
            launched, by=people.bvdk_thidua, final_review_summary="x", reviewed_on=days(0)
        )


def test_plans_are_frozen_once_closed(launched, people, tree):
    movement = services.close_movement(
        launched, by=people.nganh_admin, final_review_summary="x", reviewed_on=days(0)
    )
    plan = movement.plans.get(org=tree.bvdk)
    assert plan.status == PlanStatus.PENDING
    with pytest.raises(InvalidTransition):
        services.submit_plan(plan, by=people.bvdk_thidua, summary="Muộn quá")
