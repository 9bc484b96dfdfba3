"""Periodic reports of a round, driven through the services by every role.

Invariants: each report only moves along ``REPORT_TRANSITIONS`` with a recorded transition; an
accepted or submitted report has its content and submission time; there is one report per unit;
refused calls change nothing.
"""

import datetime

import pytest
from django.utils import timezone
from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, rule

from tests.properties.machine import ServiceMachine, actors, assert_recorded, run
from thidua.reporting import services
from thidua.reporting.models import REPORT_TRANSITIONS, Report, ReportStatus

REVIEWERS = {"nganh.admin", "nganh.thidua"}
REPORTERS = {"bvdk.chutich", "bvdk.thidua", "bvnhi.chutich", "bvnhi.thidua"}
ACTIONS = {"submit": REPORTERS, "accept": REVIEWERS, "give_back": REVIEWERS}
FIGURES = {"members_participating": 120, "initiatives": 3, "exemplars_found": 2}


@pytest.mark.django_db
def test_no_sequence_of_actions_breaks_the_report_rules(tree, people):
    users = people.users
    due_on = timezone.localdate() + datetime.timedelta(days=10)

    class Reports(ServiceMachine):
        def records(self):
            return Report.objects.order_by("pk").values_list("pk", "status", "version", "content")

        @initialize()
        def ask(self):
            self.round = services.create_round(
                org=tree.sector,
                by=people.nganh_thidua,
                title="Báo cáo sơ kết 6 tháng đầu năm",
                period="half_year",
                year=due_on.year,
                due_on=due_on,
            )

        @rule(data=st.data(), action=st.sampled_from(list(ACTIONS)), pick=st.integers(0, 3))
        def act(self, data, action, pick):
            actor = data.draw(actors(ACTIONS[action], users), label="actor")
            reports = list(Report.objects.filter(round=self.round).order_by("pk"))
            report = reports[pick % len(reports)]
            if action == "submit":
                content = data.draw(st.sampled_from(["", "Kết quả 6 tháng"]), label="content")
                done = self.attempt(
                    services.submit_report,
                    report,
                    by=users[actor],
                    content=content,
                    figures=FIGURES,
                )
                assert done is None or content
            elif action == "accept":
                done = self.attempt(services.accept_report, report, by=users[actor])
            else:
                reason = data.draw(st.sampled_from(["", "Thiếu số liệu"]), label="reason")
                done = self.attempt(services.return_report, report, by=users[actor], reason=reason)
                assert done is None or reason
            if done is not None:
                assert actor in ACTIONS[action], f"{actor} could {action}"

        @invariant()
        def every_change_is_a_recorded_allowed_transition(self):
            for report in Report.objects.filter(round=self.round):
                assert_recorded(report, REPORT_TRANSITIONS, ReportStatus.PENDING)

        @invariant()
        def an_answered_report_has_its_content_and_one_slot_per_unit(self):
            reports = Report.objects.filter(round=self.round)
            assert sorted(reports.values_list("org_id", flat=True)) == sorted(
                [tree.bvdk.pk, tree.bvnhi.pk]
            )
            for report in reports.filter(
                status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED]
            ):
                assert report.content and report.submitted_at

    run(Reports)
