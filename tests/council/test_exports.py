"""Excel export of the council sessions list."""

from django.urls import reverse

from tests.council.conftest import TODAY
from tests.factories import verified_login
from tests.xlsx_exports import (
    assert_date_column,
    assert_number_column,
    assert_title,
    background_export,
    column,
    export_of,
)
from thidua.council import services


def _session(people, tree, noms, council):
    return services.create_session(
        by=people.nganh_thidua,
        org=tree.sector,
        held_on=TODAY,
        nominations=[noms.hong, noms.binh, noms.mai],
        members_present=council,
    )


def test_session_export_has_title_headers_dates_and_counts(client, people, tree, noms, council):
    _session(people, tree, noms, council)
    book = export_of(client, people.nganh_thidua, reverse("council:session_export"))
    assert_title(book, "Phiên họp Hội đồng", tree.sector.name)
    assert book.headers[:2] == ["Hội đồng thi đua, khen thưởng của đơn vị", "Ngày họp"]
    assert column(book, "Số thành viên có mặt") == [4]
    assert column(book, "Số hồ sơ xét") == [3]
    assert_date_column(book, "Ngày họp")
    assert_number_column(book, "Tổng số thành viên")


def test_a_grassroots_unit_does_not_export_the_sectors_sessions(
    client, people, tree, noms, council
):
    _session(people, tree, noms, council)
    assert export_of(client, people.bvdk_thidua, reverse("council:session_export")).rows == []


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(reverse("council:session_export"))
    assert response.status_code == 302 and "/login" in response.url


def test_a_large_export_runs_as_a_job_with_every_row(client, people, tree, noms, council, settings):
    _session(people, tree, noms, council)
    services.create_session(
        by=people.nganh_thidua,
        org=tree.sector,
        held_on=TODAY,
        nominations=[noms.hong],
        members_present=council,
    )
    job, book = background_export(
        client, people.nganh_thidua, reverse("council:session_export"), settings
    )
    assert job.total == 2 and len(book.rows) == 2


def test_queries_do_not_grow_with_rows(
    client, people, tree, noms, council, django_assert_max_num_queries
):
    for _number in range(5):
        _session(people, tree, noms, council)
    verified_login(client, people.nganh_thidua)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("council:session_export"))
    assert response.status_code == 200
