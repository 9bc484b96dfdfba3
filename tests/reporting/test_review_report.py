"""The asking unit accepts or returns a report; a returned report is corrected and resubmitted."""

import pytest

from thidua.core.exceptions import Forbidden, InvalidInput, InvalidTransition
from thidua.core.models import Notification
from thidua.core.workflow import transitions_of
from thidua.reporting import services
from thidua.reporting.models import ReportStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(make_round, people, figures):
    report = make_round().reports.get(org__code="BVDK")
    return services.submit_report(report, by=people.bvdk_thidua, content="Lần 1", figures=figures)


def test_return_resubmit_accept_keeps_the_history(submitted, people, figures):
    report = services.return_report(
        submitted, by=people.nganh_thidua, reason="Bổ sung số liệu sáng kiến"
    )
    assert report.status == ReportStatus.RETURNED
    assert report.returned_reason == "Bổ sung số liệu sáng kiến"
    assert Notification.objects.filter(
        user=people.bvdk_thidua, title__contains=report.round.title
    ).exists()
    report = services.submit_report(report, by=people.bvdk_thidua, content="Lần 2", figures=figures)
    report = services.accept_report(report, by=people.nganh_admin)
    assert report.status == ReportStatus.ACCEPTED
    steps = [(t.from_state, t.to_state, t.comment) for t in transitions_of(report)]
    assert steps == [
        ("pending", "submitted", ""),
        ("submitted", "returned", "Bổ sung số liệu sáng kiến"),
        ("returned", "submitted", ""),
        ("submitted", "accepted", ""),
    ]
    assert report.content == "Lần 2"


def test_return_needs_a_reason(submitted, people):
    with pytest.raises(InvalidInput):
        services.return_report(submitted, by=people.nganh_thidua, reason="  ")
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.SUBMITTED


def test_a_pending_report_cannot_be_accepted(make_round, people):
    report = make_round().reports.get(org__code="BVNHI")
    with pytest.raises(InvalidTransition):
        services.accept_report(report, by=people.nganh_thidua)


def test_an_accepted_report_cannot_be_returned(submitted, people):
    services.accept_report(submitted, by=people.nganh_thidua)
    submitted.refresh_from_db()
    with pytest.raises(InvalidTransition):
        services.return_report(submitted, by=people.nganh_thidua, reason="x")


def test_grassroots_and_read_only_roles_do_not_review(submitted, people):
    for user in (
        people.bvdk_chutich,
        people.bvdk_thidua,
        people.hoidong,
        people.kiemtra,
        people.ldld,
    ):
        with pytest.raises(Forbidden):
            services.accept_report(submitted, by=user)
