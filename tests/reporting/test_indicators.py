"""``reports_on_time`` and the ``GET /kpis`` indicators, computed from the records."""

import datetime

import pytest
from django.utils import timezone

from tests.api.helpers import assert_problem
from tests.factories import MemberFactory
from thidua.organizations.models import OfficerDesignation
from thidua.reporting import services
from thidua.reporting.indicators import reports_on_time
from thidua.reporting.kpis import officers_to_train

pytestmark = pytest.mark.django_db


def _late_submit(report, by, figures):
    report = services.submit_report(report, by=by, content="x", figures=figures)
    due = report.round.due_on
    type(report).objects.filter(pk=report.pk).update(
        submitted_at=timezone.make_aware(datetime.datetime.combine(due, datetime.time(9)))
        + datetime.timedelta(days=3)
    )


def test_reports_on_time_counts_slots_due_in_the_year(make_round, people, tree, figures, today):
    due = today + datetime.timedelta(days=5)
    round_ = make_round(due_on=due)
    services.submit_report(
        round_.reports.get(org__code="BVDK"), by=people.bvdk_thidua, content="x", figures=figures
    )
    _late_submit(round_.reports.get(org__code="BVNHI"), people.bvnhi_thidua, figures)
    assert reports_on_time(due.year, tree.sector) == {"done": 1, "total": 2, "rate": 0.5}
    assert reports_on_time(due.year, tree.bvdk) == {"done": 1, "total": 1, "rate": 1.0}
    assert reports_on_time(due.year, tree.bvnhi) == {"done": 0, "total": 1, "rate": 0.0}
    assert reports_on_time(due.year - 1, tree.sector) == {"done": 0, "total": 0, "rate": 0.0}


def test_a_returned_report_is_not_done(make_round, people, tree, figures, today):
    round_ = make_round(due_on=today + datetime.timedelta(days=5))
    report = services.submit_report(
        round_.reports.get(org__code="BVDK"), by=people.bvdk_thidua, content="x", figures=figures
    )
    services.return_report(report, by=people.nganh_thidua, reason="Thiếu số liệu")
    assert reports_on_time(round_.due_on.year, tree.bvdk)["done"] == 0


def test_officers_to_train_counts_designated_and_sector_officers(people, tree):
    assert officers_to_train(tree.sector) == 1  # nganh.thidua
    OfficerDesignation.objects.create(
        org=tree.bvdk, member=people.hong, since=datetime.date(2025, 1, 1)
    )
    OfficerDesignation.objects.create(
        org=tree.bvnhi, member=MemberFactory(org=tree.bvnhi), since=datetime.date(2025, 1, 1)
    )
    assert officers_to_train(tree.sector) == 3
    assert officers_to_train(tree.bvdk) == 1


def test_kpis_has_the_contract_shape(reporting_api, make_round, people, tree, today):
    make_round(due_on=today)
    body = (
        reporting_api(people.nganh_thidua)
        .get(f"/api/v1/kpis?year={today.year}&org={tree.sector.pk}")
        .json()
    )
    assert set(body) == {
        "plans_submitted",
        "movements_reviewed",
        "direct_worker_nominations",
        "officers_trained",
        "reports_on_time",
    }
    for key in ("plans_submitted", "movements_reviewed", "officers_trained", "reports_on_time"):
        assert set(body[key]) == {"done", "total", "rate"}
        assert 0 <= body[key]["rate"] <= 1
    assert body["direct_worker_nominations"] == {"proposed": 0, "quota": 0, "share": 0.0}
    assert body["reports_on_time"] == {"done": 0, "total": 2, "rate": 0.0}
    assert body["officers_trained"]["total"] == 1


def test_kpis_default_to_the_callers_unit_and_the_current_year(
    reporting_api, make_round, people, today
):
    make_round(due_on=today)
    body = reporting_api(people.bvdk_thidua).get("/api/v1/kpis").json()
    assert body["reports_on_time"]["total"] == 1  # BVDK's own slot only


def test_kpis_of_an_invisible_unit_are_404(reporting_api, people, tree):
    api = reporting_api(people.bvnhi_thidua)
    assert_problem(api.get(f"/api/v1/kpis?org={tree.bvdk.pk}"), 404)
    assert_problem(api.get(f"/api/v1/kpis?org={tree.sector.pk}"), 404)
    assert_problem(api.get("/api/v1/kpis?org=999999999"), 404)
    assert_problem(reporting_api(None).get("/api/v1/kpis"), 401)


@pytest.mark.parametrize("year", ["abc", "20x6", "0", "99999", "-2026", "2026.5"])
def test_kpis_with_a_bad_year_are_400(reporting_api, people, year):
    assert_problem(reporting_api(people.nganh_thidua).get(f"/api/v1/kpis?year={year}"), 400)


def test_kpis_with_a_bad_org_are_400(reporting_api, people):
    assert_problem(reporting_api(people.nganh_thidua).get("/api/v1/kpis?org=abc"), 400)


def test_kpis_refusals_speak_vietnamese_and_english(reporting_api, people):
    api = reporting_api(people.nganh_thidua)
    assert "Năm phải là số" in api.get("/api/v1/kpis?year=abc").json()["detail"]
    english = reporting_api(people.nganh_thidua, headers={"Accept-Language": "en"})
    assert "The year must be" in english.get("/api/v1/kpis?year=abc").json()["detail"]
