"""Excel exports of the reporting rounds and of a round's report board."""

import datetime

from django.urls import reverse

from tests.factories import verified_login
from tests.xlsx_exports import (
    assert_date_column,
    assert_number_column,
    assert_title,
    background_export,
    column,
    export_of,
)
from thidua.reporting import services


def _submit(round_, org, user, figures):
    report = round_.reports.get(org=org)
    return services.submit_report(report, by=user, content="Đã thực hiện", figures=figures)


def test_round_list_export_has_title_headers_dates_and_counts(
    client, make_round, people, tree, figures
):
    round_ = make_round()
    _submit(round_, tree.bvdk, people.bvdk_thidua, figures)
    book = export_of(client, people.nganh_thidua, reverse("reporting:round_export"))
    assert_title(book, "Đợt báo cáo", tree.sector.name)
    assert book.headers[:3] == ["Tên đợt báo cáo", "Đơn vị yêu cầu", "Năm"]
    assert column(book, "Tên đợt báo cáo") == [round_.title]
    assert (column(book, "Số đơn vị báo cáo"), column(book, "Đã nộp")) == ([2], [1])
    assert_date_column(book, "Hạn nộp")
    assert_number_column(book, "Chưa nộp hoặc bị trả lại")


def test_a_unit_counts_and_exports_only_its_own_reports(client, make_round, people, tree):
    round_ = make_round()
    book = export_of(client, people.bvdk_thidua, reverse("reporting:round_export"))
    assert column(book, "Số đơn vị báo cáo") == [1]
    board = export_of(
        client, people.bvdk_thidua, reverse("reporting:round_board_export", args=[round_.pk])
    )
    assert column(board, "Đơn vị báo cáo") == [tree.bvdk.name]


def test_the_round_filters_apply(client, make_round, people, today):
    make_round(title="Báo cáo năm trước", due_on=today - datetime.timedelta(days=400))
    this_year = make_round()
    url = reverse("reporting:round_export") + f"?year={this_year.year}"
    book = export_of(client, people.nganh_thidua, url)
    assert column(book, "Tên đợt báo cáo") == [this_year.title]
    assert f"Năm: {this_year.year}" in book.title


def test_the_board_export_keeps_the_status_filter(client, make_round, people, tree, figures):
    round_ = make_round()
    _submit(round_, tree.bvdk, people.bvdk_thidua, figures)
    url = reverse("reporting:round_board_export", args=[round_.pk]) + "?status=pending"
    book = export_of(client, people.nganh_thidua, url)
    assert column(book, "Đơn vị báo cáo") == [tree.bvnhi.name]
    assert column(book, "Trễ hạn") == ["Không"]
    all_reports = export_of(client, people.nganh_thidua, url.split("?")[0])
    assert_date_column(all_reports, "Ngày nộp")


def test_members_may_not_export_rounds(client, people):
    verified_login(client, people.doanvien)
    assert client.get(reverse("reporting:round_export")).status_code == 403


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(reverse("reporting:round_export"))
    assert response.status_code == 302 and "/login" in response.url


def test_queries_do_not_grow_with_rows(
    client, make_round, people, today, django_assert_max_num_queries
):
    for number in range(25):
        make_round(title=f"Đợt {number}", due_on=today + datetime.timedelta(days=number + 1))
    verified_login(client, people.nganh_thidua)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("reporting:round_export"))
    assert response.status_code == 200


def test_a_large_export_runs_as_a_job_with_every_row(client, make_round, people, settings, today):
    for number in range(3):
        make_round(title=f"Đợt {number}", due_on=today + datetime.timedelta(days=number + 1))
    job, book = background_export(
        client, people.nganh_thidua, reverse("reporting:round_export"), settings
    )
    assert job.total == 3 and len(book.rows) == 3
