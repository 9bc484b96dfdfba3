"""The plan's indicators computed from the records."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.movements.conftest import days
from thidua.movements import indicators, services


def test_plans_submitted_counts_slots_of_movements_launched_in_the_year(
    draft, people, tree, big_sector
):
    year = timezone.localdate().year
    assert indicators.plans_submitted(year, tree.sector) == {"done": 0, "total": 0, "rate": 0}
    movement = services.launch_movement(draft(), by=people.nganh_admin)
    plan = movement.plans.get(org=tree.bvdk)
    services.submit_plan(plan, by=people.bvdk_thidua, summary="Kế hoạch")

    with CaptureQueriesContext(connection) as queries:
        result = indicators.plans_submitted(year, tree.sector)
    assert len(queries) == 1
    assert result == {"done": 1, "total": 34, "rate": round(1 / 34, 4)}
    assert indicators.plans_submitted(year, tree.bvdk) == {"done": 1, "total": 1, "rate": 1.0}
    assert indicators.plans_submitted(year, tree.bvnhi) == {"done": 0, "total": 1, "rate": 0.0}
    assert indicators.plans_submitted(year - 1, tree.sector)["total"] == 0


def test_accepted_plans_count_and_returned_do_not(launched, people, tree):
    year = timezone.localdate().year
    bvdk = services.submit_plan(
        launched.plans.get(org=tree.bvdk), by=people.bvdk_thidua, summary="a"
    )
    services.accept_plan(bvdk, by=people.nganh_admin)
    bvnhi = services.submit_plan(
        launched.plans.get(org=tree.bvnhi), by=people.bvnhi_thidua, summary="b"
    )
    services.return_plan(bvnhi, by=people.nganh_admin, reason="Bổ sung")
    assert indicators.plans_submitted(year, tree.sector) == {"done": 1, "total": 2, "rate": 0.5}


def test_movements_reviewed_counts_final_reviews_due_in_the_year(draft, people, tree):
    year = days(215).year
    first = services.launch_movement(draft(), by=people.nganh_admin)
    services.launch_movement(draft(title="Hai"), by=people.nganh_admin)
    draft(title="Nháp")  # a draft is not counted
    assert indicators.movements_reviewed(year, tree.sector) == {"done": 0, "total": 2, "rate": 0}

    services.close_movement(
        first, by=people.nganh_admin, final_review_summary="Tổng kết", reviewed_on=days(0)
    )
    assert indicators.movements_reviewed(year, tree.sector) == {"done": 1, "total": 2, "rate": 0.5}
    assert indicators.movements_reviewed(year, tree.ldld)["total"] == 2
    assert indicators.movements_reviewed(year, tree.bvdk)["total"] == 0
