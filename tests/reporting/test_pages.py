"""The reporting pages: rounds, the board, asking, my reports, the report form and the review."""

import datetime

import pytest
from django.urls import reverse

from thidua.core.models import Notification
from thidua.reporting import services
from thidua.reporting.models import Report, ReportingRound

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(make_round, today):
    return make_round(due_on=today - datetime.timedelta(days=3))


def test_sector_asks_for_reports_from_the_form(client, people, tree, today):
    client.force_login(people.nganh_thidua)
    assert client.get(reverse("reporting:round_create")).status_code == 200
    due = today + datetime.timedelta(days=20)
    response = client.post(
        reverse("reporting:round_create"),
        {
            "org": tree.sector.pk,
            "title": "Báo cáo năm",
            "period": "annual",
            "year": due.year,
            "due_on": due.strftime("%d/%m/%Y"),
        },
    )
    round_ = ReportingRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:round_board", args=[round_.pk])
    assert round_.reports.count() == 2


def test_the_form_shows_the_services_refusal(client, people, tree, today):
    client.force_login(people.nganh_thidua)
    response = client.post(
        reverse("reporting:round_create"),
        {
            "org": tree.sector.pk,
            "title": "X",
            "period": "movement_final",
            "year": today.year,
            "due_on": today.strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 200
    assert "movement" in response.context["form"].errors
    assert not ReportingRound.objects.exists()


def test_grassroots_users_cannot_open_the_form(client, people):
    client.force_login(people.bvdk_chutich)
    assert client.get(reverse("reporting:round_create")).status_code == 403


def test_the_board_highlights_overdue_units_and_counts(client, round_, people, figures):
    services.submit_report(
        round_.reports.get(org__code="BVDK"), by=people.bvdk_thidua, content="x", figures=figures
    )
    client.force_login(people.nganh_thidua)
    response = client.get(reverse("reporting:round_board", args=[round_.pk]))
    assert response.status_code == 200
    counts = response.context["counts"]
    assert counts["late"] == 1 and counts["overdue"] == 1 and counts["on_time_rate"] == 0
    assert b'class="table-danger"' in response.content
    assert client.get(reverse("reporting:round_list")).status_code == 200


def test_remind_button_answers_htmx_with_the_cell(client, round_, people):
    report = round_.reports.get(org__code="BVNHI")
    client.force_login(people.nganh_thidua)
    url = reverse("reporting:remind_report", args=[report.pk])
    response = client.post(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert f'id="remind-{report.pk}"'.encode() in response.content
    assert Notification.objects.filter(key__startswith=f"report-{report.pk}-manual").count() == 2
    response = client.post(reverse("reporting:remind_all", args=[round_.pk]))
    assert response.status_code == 302


def test_grassroots_users_cannot_remind(client, round_, people):
    report = round_.reports.get(org__code="BVDK")
    client.force_login(people.bvdk_chutich)
    assert client.post(reverse("reporting:remind_report", args=[report.pk])).status_code == 403


def test_my_reports_lists_what_is_due(client, round_, people):
    client.force_login(people.bvdk_thidua)
    response = client.get(reverse("reporting:my_reports"))
    assert response.status_code == 200
    assert [r.org.code for r in response.context["awaited"]] == ["BVDK"]
    client.force_login(people.nganh_thidua)
    assert client.get(reverse("reporting:my_reports")).status_code == 403


def test_the_unit_submits_from_the_form_and_the_sector_reviews(client, round_, people):
    report = round_.reports.get(org__code="BVDK")
    client.force_login(people.bvdk_thidua)
    url = reverse("reporting:report_submit", args=[report.pk])
    assert client.get(url).status_code == 200
    bad = client.post(
        url,
        {
            "content": "Báo cáo",
            "members_participating": "-1",
            "initiatives": 0,
            "exemplars_found": 0,
            "awards_proposed": 0,
            "version": report.version,
        },
    )
    assert bad.status_code == 200 and "members_participating" in bad.context["form"].errors
    response = client.post(
        url,
        {
            "content": "Báo cáo 6 tháng",
            "members_participating": 80,
            "initiatives": 2,
            "exemplars_found": 1,
            "awards_proposed": 4,
            "version": report.version,
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted" and report.figures["members_participating"] == 80

    detail = reverse("reporting:report_detail", args=[report.pk])
    client.force_login(people.nganh_thidua)
    assert client.get(detail).context["may_review"] is True
    client.post(detail, {"action": "return", "reason": "Bổ sung", "version": report.version})
    report.refresh_from_db()
    assert report.status == "returned"
    client.force_login(people.bvdk_thidua)
    client.post(
        url,
        {
            "content": "Bản sửa",
            "members_participating": 80,
            "initiatives": 2,
            "exemplars_found": 1,
            "awards_proposed": 4,
            "version": report.version,
        },
    )
    client.force_login(people.nganh_thidua)
    report.refresh_from_db()
    client.post(detail, {"action": "accept", "version": report.version})
    assert Report.objects.get(pk=report.pk).status == "accepted"
    client.force_login(people.bvdk_thidua)
    assert client.post(detail, {"action": "accept"}).status_code == 403


def test_the_aggregate_button_issues_the_document(client, round_, people, figures):
    report = services.submit_report(
        round_.reports.get(org__code="BVDK"), by=people.bvdk_thidua, content="x", figures=figures
    )
    services.accept_report(report, by=people.nganh_thidua)
    client.force_login(people.nganh_thidua)
    response = client.post(
        reverse("reporting:round_aggregate", args=[round_.pk]),
        {"signer_name": "Đàm Đức Chính", "signer_title": "Chủ tịch"},
    )
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.aggregate_document is not None
    board = client.get(reverse("reporting:round_board", args=[round_.pk]))
    assert round_.aggregate_document.number_symbol.encode() in board.content
