"""Excel exports of the movement list and of a movement's plan board."""

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
from thidua.movements import services


def test_movement_list_export_has_title_headers_dates_and_counts(client, launched, people, tree):
    book = export_of(client, people.nganh_admin, reverse("movements:movement_export"))
    assert_title(book, "Phong trào thi đua", tree.sector.name)
    assert book.headers[:4] == [
        "Tên phong trào",
        "Loại phong trào",
        "Đơn vị phát động",
        "Trạng thái",
    ]
    assert column(book, "Tên phong trào") == [launched.title]
    assert column(book, "Số đơn vị được giao") == [2]
    assert_date_column(book, "Ngày bắt đầu")
    assert_number_column(book, "Số kế hoạch đã gửi")


def test_a_unit_does_not_export_another_units_movements(client, draft, people, tree):
    draft(org=tree.bvdk, by=people.bvdk_thidua, title="Phong trào của BVĐK")
    draft(org=tree.bvnhi, by=people.bvnhi_thidua, title="Phong trào của BV Nhi")
    book = export_of(client, people.bvdk_thidua, reverse("movements:movement_export"))
    assert column(book, "Tên phong trào") == ["Phong trào của BVĐK"]
    assert_title(book, "Phong trào thi đua", tree.bvdk.name)


def test_the_list_filters_apply_and_are_named_in_the_title(client, draft, launched, people):
    draft(title="Phong trào nháp")
    url = reverse("movements:movement_export") + "?status=draft"
    book = export_of(client, people.nganh_admin, url)
    assert column(book, "Tên phong trào") == ["Phong trào nháp"]
    assert "Trạng thái: Dự thảo" in book.title


def test_the_plan_board_exports_each_units_plan(client, launched, people, tree):
    services.submit_plan(launched.plans.get(org=tree.bvdk), by=people.bvdk_thidua, summary="x")
    url = reverse("movements:plan_board_export", args=[launched.pk])
    book = export_of(client, people.nganh_admin, url)
    assert column(book, "Đơn vị") == [tree.bvdk.name, tree.bvnhi.name]
    assert_date_column(book, "Ngày gửi")
    assert column(book, "Đúng hạn")[0] == "Có"
    assert column(export_of(client, people.bvnhi_thidua, url), "Đơn vị") == [tree.bvnhi.name]


def test_the_plan_board_of_an_invisible_movement_is_404(client, draft, people, tree):
    movement = draft(org=tree.bvnhi, by=people.bvnhi_thidua)
    verified_login(client, people.bvdk_thidua)
    url = reverse("movements:plan_board_export", args=[movement.pk])
    assert client.get(url).status_code == 404


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(reverse("movements:movement_export"))
    assert response.status_code == 302 and "/login" in response.url


def test_queries_do_not_grow_with_rows(client, draft, people, django_assert_max_num_queries):
    for number in range(30):
        draft(title=f"Phong trào {number}")
    verified_login(client, people.nganh_admin)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("movements:movement_export"))
    assert response.status_code == 200


def test_a_large_export_runs_as_a_job_with_every_row(client, draft, people, settings):
    for number in range(3):
        draft(title=f"Phong trào {number}")
    job, book = background_export(
        client, people.nganh_admin, reverse("movements:movement_export"), settings
    )
    assert job.total == 3 and len(book.rows) == 3
