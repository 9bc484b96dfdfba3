"""A movement and its unit plans, driven through the services by every role.

Invariants: the movement and every plan only move along their tables with a recorded transition;
plan slots exist exactly once per addressed unit once the movement is launched, never before;
refused calls change nothing.
"""

import pytest
from django.utils import timezone
from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, rule

from tests.movements.conftest import movement_fields
from tests.properties.machine import ServiceMachine, actors, assert_recorded, run
from thidua.movements import services
from thidua.movements.models import (
    MOVEMENT_TRANSITIONS,
    PLAN_TRANSITIONS,
    Movement,
    MovementStatus,
    PlanStatus,
    UnitPlan,
)

MANAGERS = {"nganh.admin", "nganh.thidua"}
SUBMITTERS = {"bvdk.chutich", "bvdk.thidua", "bvnhi.chutich", "bvnhi.thidua"}
ACTIONS = {
    "launch": MANAGERS,
    "amend": MANAGERS,
    "close": MANAGERS,
    "submit": SUBMITTERS,
    "accept": MANAGERS,
    "give_back": MANAGERS,
}


@pytest.mark.django_db
def test_no_sequence_of_actions_breaks_the_movement_and_plan_rules(tree, people):
    users = people.users
    today = timezone.localdate()

    class Movements(ServiceMachine):
        def records(self):
            movements = Movement.objects.values_list("pk", "status", "version", "title")
            plans = UnitPlan.objects.order_by("pk").values_list("pk", "status", "version")
            return (*movements, *plans)

        @initialize()
        def draft(self):
            self.movement = services.create_movement(
                org=tree.sector, by=people.nganh_admin, **movement_fields()
            )

        @rule(
            data=st.data(),
            action=st.sampled_from(["launch", "submit", "submit", "accept", *ACTIONS]),
            pick=st.integers(0, 3),
        )
        def act(self, data, action, pick):
            actor = data.draw(actors(ACTIONS[action], users), label="actor")
            user = users[actor]
            movement = Movement.objects.get(pk=self.movement.pk)
            plans = list(UnitPlan.objects.filter(movement=movement).order_by("pk"))
            plan = plans[pick % len(plans)] if plans else None
            if action == "launch":
                done = self.attempt(services.launch_movement, movement, by=user, confirm=True)
            elif action == "amend":
                done = self.attempt(
                    services.amend_movement,
                    movement,
                    by=user,
                    reason=data.draw(st.sampled_from(["", "Điều chỉnh tên"]), label="reason"),
                    title=f"Phong trào {movement.version}",
                )
            elif action == "close":
                done = self.attempt(
                    services.close_movement,
                    movement,
                    by=user,
                    final_review_summary="Tổng kết phong trào",
                    reviewed_on=today,
                )
            elif plan is None:
                return
            elif action == "submit":
                done = self.attempt(
                    services.submit_plan, plan, by=user, summary="Kế hoạch hưởng ứng"
                )
            elif action == "accept":
                done = self.attempt(services.accept_plan, plan, by=user)
            else:
                reason = data.draw(st.sampled_from(["", "Bổ sung chỉ tiêu"]), label="reason")
                done = self.attempt(services.return_plan, plan, by=user, reason=reason)
                assert done is None or reason
            if done is not None:
                assert actor in ACTIONS[action], f"{actor} could {action}"

        @invariant()
        def every_change_is_a_recorded_allowed_transition(self):
            movement = Movement.objects.get(pk=self.movement.pk)
            assert_recorded(movement, MOVEMENT_TRANSITIONS, MovementStatus.DRAFT)
            for plan in UnitPlan.objects.filter(movement=movement):
                assert_recorded(plan, PLAN_TRANSITIONS, PlanStatus.PENDING)

        @invariant()
        def plan_slots_exist_once_per_unit_after_the_launch(self):
            movement = Movement.objects.get(pk=self.movement.pk)
            units = list(
                UnitPlan.objects.filter(movement=movement).values_list("org_id", flat=True)
            )
            assert len(units) == len(set(units))
            if movement.status == MovementStatus.DRAFT:
                assert units == []
            else:
                assert set(units) == {tree.bvdk.pk, tree.bvnhi.pk}

    run(Movements)
