"""Excel exports of the oversight lists: inspections, overdue follow-ups, courses, officers."""

from django.urls import reverse
from django.utils import timezone

from tests.factories import verified_login
from tests.oversight.conftest import days
from tests.xlsx_exports import (
    assert_date_column,
    assert_number_column,
    assert_title,
    background_export,
    column,
    export_of,
)
from thidua.oversight import services


def _inspect(people, org, planned_in=-3):
    return services.create_inspection(
        by=people.kiemtra, org=org, planned_on=days(planned_in), topic="emulation_commendation"
    )


def test_inspection_export_has_title_headers_dates_and_counts(client, with_findings, people, tree):
    book = export_of(client, people.kiemtra, reverse("oversight:inspection_export"))
    assert_title(book, "Kiểm tra, giám sát", tree.sector.name)
    assert book.headers[:2] == ["Đơn vị được kiểm tra", "Đơn vị kiểm tra"]
    assert column(book, "Đơn vị được kiểm tra") == [tree.bvnhi.name]
    assert column(book, "Kiến nghị chưa trả lời") == [2]
    assert_date_column(book, "Ngày dự kiến")
    assert_date_column(book, "Ngày kiểm tra")
    assert_number_column(book, "Kiến nghị chưa trả lời")
    assert f"Năm: {timezone.localdate().year}" in book.title


def test_a_unit_does_not_export_another_units_inspections(client, people, tree):
    _inspect(people, tree.bvdk)
    _inspect(people, tree.bvnhi)
    book = export_of(client, people.bvdk_thidua, reverse("oversight:inspection_export"))
    assert column(book, "Đơn vị được kiểm tra") == [tree.bvdk.name]


def test_the_inspection_filters_apply(client, with_findings, people, tree):
    _inspect(people, tree.bvdk)
    url = reverse("oversight:inspection_export") + "?status=findings_recorded"
    book = export_of(client, people.kiemtra, url)
    assert column(book, "Đơn vị được kiểm tra") == [tree.bvnhi.name]
    next_year = reverse("oversight:inspection_export") + f"?year={timezone.localdate().year + 1}"
    assert export_of(client, people.kiemtra, next_year).rows == []


def test_overdue_export_lists_the_late_recommendations_of_units_in_reach(
    client, with_findings, people, tree
):
    book = export_of(client, people.kiemtra, reverse("oversight:overdue_export"))
    assert column(book, "Kiến nghị") == ["Bổ sung biên bản họp Hội đồng"]
    assert_date_column(book, "Hạn trả lời")
    assert export_of(client, people.bvdk_thidua, reverse("oversight:overdue_export")).rows == []


def test_course_export_counts_attendees(client, course, officers, people, tree):
    services.record_attendance(course, by=people.nganh_thidua, member_ids=[people.hong.pk])
    book = export_of(client, people.nganh_thidua, reverse("oversight:course_export"))
    assert column(book, "Lớp tập huấn") == [course.title]
    assert column(book, "Số người tham dự") == [1]
    assert column(book, "Tính vào chỉ tiêu") == ["Có"]
    assert_date_column(book, "Ngày tổ chức")
    assert_number_column(book, "Số người tham dự")


def test_officer_export_shows_each_union_and_keeps_the_board_filter(
    client, course, officers, people, tree
):
    services.record_attendance(course, by=people.nganh_thidua, member_ids=[people.hong.pk])
    book = export_of(client, people.nganh_thidua, reverse("oversight:officer_export"))
    assert sorted(column(book, "Công đoàn cơ sở")) == sorted([tree.bvdk.name, tree.bvnhi.name])
    by_unit = dict(
        zip(column(book, "Công đoàn cơ sở"), column(book, "Đã tập huấn trong năm"), strict=True)
    )
    assert by_unit == {tree.bvdk.name: "Có", tree.bvnhi.name: "Không"}
    assert_date_column(book, "Phụ trách từ ngày")
    url = reverse("oversight:officer_export") + "?show=untrained"
    untrained = export_of(client, people.nganh_thidua, url)
    assert column(untrained, "Công đoàn cơ sở") == [tree.bvnhi.name]
    assert column(untrained, "Cán bộ làm công tác thi đua") == [people.child_doctor.full_name]


def test_members_and_anonymous_users_may_not_export(client, people):
    names = ("inspection_export", "overdue_export", "course_export", "officer_export")
    for name in names:
        response = client.get(reverse(f"oversight:{name}"))
        assert response.status_code == 302 and "/login" in response.url
    verified_login(client, people.doanvien)
    for name in names:
        assert client.get(reverse(f"oversight:{name}")).status_code == 403


def test_queries_do_not_grow_with_rows(client, people, tree, django_assert_max_num_queries):
    for number in range(20):
        _inspect(people, tree.bvnhi if number % 2 else tree.bvdk, planned_in=-number)
    verified_login(client, people.kiemtra)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("oversight:inspection_export"))
    assert response.status_code == 200


def test_a_large_export_runs_as_a_job_with_every_row(client, officers, people, settings):
    job, book = background_export(
        client, people.nganh_thidua, reverse("oversight:officer_export"), settings
    )
    assert job.total == 2 and len(book.rows) == 2
