"""Excel export of the exemplary models list."""

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


def test_exemplar_export_has_title_headers_and_typed_cells(client, honored, people, tree):
    book = export_of(client, people.nganh_thidua, reverse("exemplars:exemplar_export"))
    assert_title(book, "Điển hình tiên tiến", tree.sector.name)
    assert book.headers[:3] == ["Điển hình tiên tiến", "Cá nhân / tập thể", "Đơn vị"]
    assert column(book, "Cá nhân / tập thể") == [people.child_doctor.full_name]
    assert column(book, "Đơn vị") == [tree.bvnhi.name]
    assert_date_column(book, "Ngày ghi nhận")
    assert_date_column(book, "Ngày tôn vinh")
    assert_number_column(book, "Số đơn vị nhân rộng")


def test_a_unit_does_not_export_another_units_exemplars(client, found, people, tree):
    found()
    found(by=people.bvdk_thidua, owner_org=tree.bvdk, member=people.nurse)
    book = export_of(client, people.bvdk_thidua, reverse("exemplars:exemplar_export"))
    assert column(book, "Cá nhân / tập thể") == [people.nurse.full_name]


def test_the_list_filters_apply(client, found, honored, people, tree):
    found(by=people.bvdk_thidua, owner_org=tree.bvdk, member=people.nurse)
    url = reverse("exemplars:exemplar_export") + "?status=honored"
    book = export_of(client, people.nganh_thidua, url)
    assert column(book, "Cá nhân / tập thể") == [people.child_doctor.full_name]
    assert any(line.startswith("Trạng thái: ") for line in book.title)


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(reverse("exemplars:exemplar_export"))
    assert response.status_code == 302 and "/login" in response.url


def test_queries_do_not_grow_with_rows(client, found, people, django_assert_max_num_queries):
    for number in range(20):
        found(title=f"Điển hình {number}")
    verified_login(client, people.nganh_thidua)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("exemplars:exemplar_export"))
    assert response.status_code == 200


def test_a_large_export_runs_as_a_job_with_every_row(client, found, people, settings):
    for number in range(3):
        found(title=f"Điển hình {number}")
    job, book = background_export(
        client, people.nganh_thidua, reverse("exemplars:exemplar_export"), settings
    )
    assert job.total == 3 and len(book.rows) == 3
