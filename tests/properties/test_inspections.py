"""Inspections and their recommendations, driven through the services by every role.

Invariants: an inspection only moves along ``INSPECTION_TRANSITIONS`` with a recorded transition;
recommendations exist only once findings are recorded; a closed inspection has every
recommendation answered; refused calls change nothing.
"""

import datetime

import pytest
from django.utils import timezone
from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, rule

from tests.properties.machine import ServiceMachine, actors, assert_recorded, run
from thidua.oversight import services
from thidua.oversight.models import (
    INSPECTION_TRANSITIONS,
    Inspection,
    InspectionStatus,
    Recommendation,
)

# The team is the planner (kiemtra); the sector's admin and officer may act as well.
INSPECTORS = {"kiemtra", "nganh.admin", "nganh.thidua"}
RESPONDERS = {"bvnhi.chutich", "bvnhi.thidua"}
ACTIONS = {
    "start": INSPECTORS,
    "findings": INSPECTORS,
    "respond": RESPONDERS,
    "close": INSPECTORS,
}


@pytest.mark.django_db
def test_no_sequence_of_actions_breaks_the_inspection_rules(tree, people):
    users = people.users
    today = timezone.localdate()

    class Inspections(ServiceMachine):
        def records(self):
            inspections = Inspection.objects.values_list("pk", "status", "version")
            recommendations = Recommendation.objects.order_by("pk").values_list(
                "pk", "response", "responded_at"
            )
            return (*inspections, *recommendations)

        @initialize()
        def plan(self):
            self.inspection = services.create_inspection(
                by=people.kiemtra,
                org=tree.bvnhi,
                planned_on=today - datetime.timedelta(days=3),
                topic="emulation_commendation",
            )

        @rule(data=st.data(), action=st.sampled_from(list(ACTIONS)), pick=st.integers(0, 3))
        def act(self, data, action, pick):
            actor = data.draw(actors(ACTIONS[action], users), label="actor")
            user = users[actor]
            inspection = Inspection.objects.get(pk=self.inspection.pk)
            if action == "start":
                done = self.attempt(services.start_inspection, inspection, by=user)
            elif action == "findings":
                count = data.draw(st.integers(0, 2), label="recommendations")
                done = self.attempt(
                    services.record_findings,
                    inspection,
                    by=user,
                    findings="Hồ sơ khen thưởng chưa đầy đủ",
                    recommendations=[
                        {"text": f"Bổ sung hồ sơ {n}", "follow_up_due_on": today}
                        for n in range(count)
                    ],
                )
            elif action == "respond":
                recommendations = list(inspection.recommendations.order_by("pk"))
                if not recommendations:
                    return
                done = self.attempt(
                    services.respond_to_recommendation,
                    recommendations[pick % len(recommendations)],
                    by=user,
                    response="Đã bổ sung",
                )
            else:
                done = self.attempt(services.close_inspection, inspection, by=user)
            if done is not None:
                assert actor in ACTIONS[action], f"{actor} could {action}"

        @invariant()
        def every_change_is_recorded_and_closing_needs_every_answer(self):
            inspection = Inspection.objects.get(pk=self.inspection.pk)
            assert_recorded(inspection, INSPECTION_TRANSITIONS, InspectionStatus.PLANNED)
            recommendations = inspection.recommendations.all()
            if inspection.status in (InspectionStatus.PLANNED, InspectionStatus.IN_PROGRESS):
                assert not recommendations.exists()
            if inspection.status == InspectionStatus.CLOSED:
                assert not recommendations.filter(responded_at=None).exists()

    run(Inspections)
