"""Parallel edits with the same ``version`` lose nothing (one wins, the others get 409) and
parallel transitions of the same record apply once (PostgreSQL)."""

import datetime
import json

from django.utils import timezone

from tests.api.helpers import API, ApiClient
from tests.concurrency.conftest import THREADS, race, split
from tests.movements.conftest import movement_fields
from thidua.accounts.models import ApiToken
from thidua.awards.models import AwardType
from thidua.core.exceptions import Conflict, StaleVersion
from thidua.core.workflow import transitions_of
from thidua.decisions import services as decisions
from thidua.decisions.models import Decision
from thidua.movements import services as movements
from thidua.movements.models import UnitPlan
from thidua.nominations import services as nominations
from thidua.nominations.models import Nomination
from thidua.reporting import services as reporting
from thidua.reporting.models import Report

FIGURES = {"members_participating": 120, "initiatives": 3, "exemplars_found": 2}


def assert_one_winner(outcomes, conflict=Conflict):
    wins, losses = split(outcomes)
    assert len(wins) == 1, outcomes
    assert len(losses) == THREADS - 1
    assert all(isinstance(loss, conflict) for loss in losses), losses
    assert all(loss.status == 409 for loss in losses)
    return wins[0]


def draft_movement(tree, people):
    return movements.create_movement(org=tree.sector, by=people.nganh_admin, **movement_fields())


def test_parallel_edits_of_a_movement_keep_exactly_one(tree, people):
    movement = draft_movement(tree, people)

    outcomes = race(
        lambda i: movements.update_movement(
            movement, by=people.nganh_admin, version=movement.version, title=f"Phong trào số {i}"
        )
    )

    winner = assert_one_winner(outcomes, StaleVersion)
    movement.refresh_from_db()
    assert movement.title == winner.title
    assert movement.version == 2


def test_parallel_acceptances_of_a_plan_apply_once(tree, people):
    movement = movements.launch_movement(draft_movement(tree, people), by=people.nganh_admin)
    plan = UnitPlan.objects.get(movement=movement, org=tree.bvdk)
    plan = movements.submit_plan(plan, by=people.bvdk_thidua, summary="Kế hoạch hưởng ứng")

    outcomes = race(lambda i: movements.accept_plan(plan, by=people.nganh_thidua))

    assert_one_winner(outcomes)
    plan.refresh_from_db()
    assert plan.status == "accepted" and plan.version == 3
    assert [t.to_state for t in transitions_of(plan)] == ["submitted", "accepted"]


def make_nomination(tree, people, member):
    award = AwardType.objects.create(
        code="GK-RACE",
        name="Giấy khen thi đua",
        category="commendation",
        subject="individual",
        issuing_level="sector",
        quota_limited=False,
        min_score=0,
        required_dossier_parts=[],
    )
    return nominations.create_nomination(
        by=people.bvdk_thidua,
        award_type=award,
        year=timezone.localdate().year,
        org=tree.bvdk,
        member=member,
        achievements="Hoàn thành xuất sắc nhiệm vụ",
    )


def test_parallel_edits_of_a_nomination_keep_exactly_one(tree, people):
    nomination = make_nomination(tree, people, people.hong)

    outcomes = race(
        lambda i: nominations.update_nomination(
            nomination,
            by=people.bvdk_thidua,
            version=nomination.version,
            achievements=f"Thành tích {i}",
        )
    )

    winner = assert_one_winner(outcomes, StaleVersion)
    nomination.refresh_from_db()
    assert nomination.achievements == winner.achievements
    assert nomination.version == 2


def test_parallel_submissions_of_a_nomination_apply_once(tree, people):
    nomination = make_nomination(tree, people, people.hong)

    outcomes = race(
        lambda i: nominations.submit_nomination(
            nomination, by=people.bvdk_chutich, version=nomination.version
        )
    )

    assert_one_winner(outcomes)
    nomination.refresh_from_db()
    assert nomination.status == "submitted" and nomination.version == 2
    assert [t.to_state for t in transitions_of(nomination)] == ["submitted"]


def test_parallel_decisions_on_one_nomination_issue_one(tree, people):
    nomination = Nomination.objects.create(
        award_type=AwardType.objects.get(code="GK-CDN"),
        year=timezone.localdate().year,
        org=tree.bvdk,
        member=people.hong,
        status="approved",
        achievements="Hoàn thành xuất sắc nhiệm vụ",
    )

    outcomes = race(
        lambda i: decisions.issue_decision(
            by=people.nganh_admin,
            org=tree.sector,
            nominations=[nomination],
            signed_on=timezone.localdate() - datetime.timedelta(days=1),
            signer_name="Đàm Đức Chính",
            signer_title="Chủ tịch",
        )
    )

    wins, losses = split(outcomes)
    assert len(wins) == 1, outcomes
    assert all(getattr(loss, "status", None) in (409, 422) for loss in losses), losses
    assert Decision.objects.count() == 1
    nomination.refresh_from_db()
    assert nomination.status == "awarded"
    assert [t.to_state for t in transitions_of(nomination)] == ["awarded"]


def test_parallel_submissions_of_a_report_apply_once(tree, people):
    due_on = timezone.localdate() + datetime.timedelta(days=10)
    round_ = reporting.create_round(
        org=tree.sector,
        by=people.nganh_thidua,
        title="Báo cáo sơ kết 6 tháng đầu năm",
        period="half_year",
        year=due_on.year,
        due_on=due_on,
    )
    report = Report.objects.get(round=round_, org=tree.bvdk)

    outcomes = race(
        lambda i: reporting.submit_report(
            report,
            by=people.bvdk_thidua,
            content=f"Kết quả {i}",
            figures=FIGURES,
            version=report.version,
        )
    )

    winner = assert_one_winner(outcomes)
    report.refresh_from_db()
    assert (report.status, report.version, report.content) == ("submitted", 2, winner.content)
    assert [t.to_state for t in transitions_of(report)] == ["submitted"]


def test_parallel_api_patches_with_one_version_keep_exactly_one(tree, people):
    member = people.nurse
    _token, raw = ApiToken.issue(people.bvdk_thidua, name="race")

    def patch(index):
        client = ApiClient(user=people.bvdk_thidua, token=raw)
        response = client.patch(
            f"{API}/members/{member.pk}",
            {"job_title": f"Điều dưỡng {index}", "version": member.version},
        )
        return response.status_code, json.loads(response.content)

    outcomes = race(patch)

    statuses = sorted(status for status, _body in outcomes)
    assert statuses == [200] + [409] * (THREADS - 1), outcomes
    winner = next(body for status, body in outcomes if status == 200)
    member.refresh_from_db()
    assert member.job_title == winner["job_title"]
    assert member.version == 2
