"""A unit submits its report: on time or late, with validated figures and its signed document."""

import datetime

import pytest
from django.utils import timezone

from thidua.core.exceptions import Forbidden, InvalidInput, InvalidTransition, StaleVersion
from thidua.reporting import services
from thidua.reporting.models import Report, ReportStatus

pytestmark = pytest.mark.django_db


def _bvdk(round_):
    return round_.reports.get(org__code="BVDK")


def test_submission_before_the_due_date_is_on_time(make_round, people, figures):
    report = _bvdk(make_round())
    report = services.submit_report(
        report, by=people.bvdk_thidua, content="Kết quả 6 tháng", figures=figures
    )
    assert report.status == ReportStatus.SUBMITTED
    assert report.late is False
    assert report.figures == figures
    assert Report.objects.with_late().get(pk=report.pk).is_late is False


def test_submission_after_the_due_date_is_late(make_round, people, figures, today):
    round_ = make_round(due_on=today - datetime.timedelta(days=2))
    report = services.submit_report(
        _bvdk(round_), by=people.bvdk_chutich, content="Nộp chậm", figures=figures
    )
    assert report.late is True
    assert Report.objects.with_late().get(pk=report.pk).is_late is True


def test_a_past_due_round_marks_every_unsubmitted_unit_late(make_round, today):
    round_ = make_round(due_on=today - datetime.timedelta(days=1))
    flags = {r.org.code: r.is_late for r in Report.objects.with_late().filter(round=round_)}
    assert flags == {"BVDK": True, "BVNHI": True}
    assert all(r.late for r in round_.reports.all())


def test_the_due_day_itself_is_still_on_time(make_round, people, figures, today):
    round_ = make_round(due_on=today)
    report = _bvdk(round_)
    assert report.late is False
    report = services.submit_report(report, by=people.bvdk_thidua, content="x", figures=figures)
    assert report.late is False


def test_figures_are_validated_and_nothing_is_saved(make_round, people):
    report = _bvdk(make_round())
    with pytest.raises(InvalidInput) as caught:
        services.submit_report(
            report,
            by=people.bvdk_thidua,
            content="",
            figures={"initiatives": -1, "awards_proposed": 2.5, "bonus": 3},
        )
    assert {e["field"] for e in caught.value.errors} == {"content"}
    with pytest.raises(InvalidInput) as caught:
        services.submit_report(
            report,
            by=people.bvdk_thidua,
            content="Báo cáo",
            figures={
                "initiatives": -1,
                "awards_proposed": 2.5,
                "bonus": 3,
                "exemplars_found": True,
            },
        )
    assert {e["field"] for e in caught.value.errors} == {
        "figures.initiatives",
        "figures.awards_proposed",
        "figures.bonus",
        "figures.exemplars_found",
    }
    report.refresh_from_db()
    assert report.status == ReportStatus.PENDING and report.content == ""


def test_missing_counts_are_zero(make_round, people):
    report = services.submit_report(
        _bvdk(make_round()), by=people.bvdk_thidua, content="Báo cáo", figures={"initiatives": 4}
    )
    assert report.figures == {
        "members_participating": 0,
        "initiatives": 4,
        "exemplars_found": 0,
        "awards_proposed": 0,
    }


def test_only_the_units_own_officer_or_chair_submits(make_round, people, figures):
    report = _bvdk(make_round())
    for user in (people.nganh_thidua, people.nganh_admin, people.doanvien, people.bvnhi_thidua):
        with pytest.raises(Forbidden):
            services.submit_report(report, by=user, content="x", figures=figures)


def test_a_submitted_report_cannot_be_submitted_again(make_round, people, figures):
    report = services.submit_report(
        _bvdk(make_round()), by=people.bvdk_thidua, content="x", figures=figures
    )
    with pytest.raises(InvalidTransition):
        services.submit_report(report, by=people.bvdk_thidua, content="y", figures=figures)


def test_a_stale_version_is_refused(make_round, people, figures):
    report = _bvdk(make_round())
    with pytest.raises(StaleVersion):
        services.submit_report(
            report, by=people.bvdk_thidua, content="x", figures=figures, version=99
        )


def test_submitted_at_is_now(make_round, people, figures):
    before = timezone.now()
    report = services.submit_report(
        _bvdk(make_round()), by=people.bvdk_thidua, content="x", figures=figures
    )
    assert report.submitted_at >= before
    assert report.submitted_by == people.bvdk_thidua
