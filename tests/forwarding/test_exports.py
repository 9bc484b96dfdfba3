"""Excel export of the batches forwarded to upper levels."""

from django.urls import reverse

from tests.factories import verified_login
from tests.forwarding.conftest import YEAR
from tests.xlsx_exports import (
    assert_date_column,
    assert_number_column,
    background_export,
    column,
    export_of,
)
from thidua.forwarding import services


def _forward(people, tree, *nominations):
    return services.forward_nominations(
        by=people.nganh_thidua, org=tree.sector, nominations=list(nominations)
    )


def test_batch_export_has_title_headers_dates_and_counts(client, nominated, people, tree):
    batch = _forward(people, tree, nominated(), nominated())
    book = export_of(client, people.nganh_thidua, reverse("forwarding:batch_export"))
    assert book.title[1] == f"Đơn vị: {tree.sector.name}"
    assert book.headers[:3] == ["Tờ trình", "Đơn vị trình", "Cơ quan cấp trên"]
    assert column(book, "Tờ trình") == [batch.title]
    assert column(book, "Số hồ sơ") == [2]
    assert column(book, "Năm") == [YEAR]
    assert_date_column(book, "Ngày lập")
    assert_number_column(book, "Cấp trên đồng ý")


def test_the_year_filter_applies_and_other_units_see_nothing(client, nominated, people, tree):
    _forward(people, tree, nominated())
    url = reverse("forwarding:batch_export")
    assert export_of(client, people.nganh_thidua, f"{url}?year={YEAR + 1}").rows == []
    assert len(export_of(client, people.nganh_thidua, f"{url}?year={YEAR}").rows) == 1
    assert export_of(client, people.bvnhi_thidua, url).rows == []


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(reverse("forwarding:batch_export"))
    assert response.status_code == 302 and "/login" in response.url


def test_queries_do_not_grow_with_rows(
    client, nominated, people, tree, django_assert_max_num_queries
):
    for _number in range(4):
        _forward(people, tree, nominated())
    verified_login(client, people.nganh_thidua)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("forwarding:batch_export"))
    assert response.status_code == 200


def test_a_large_export_runs_as_a_job_with_every_row(client, nominated, people, tree, settings):
    _forward(people, tree, nominated())
    _forward(people, tree, nominated())
    job, book = background_export(
        client, people.nganh_thidua, reverse("forwarding:batch_export"), settings
    )
    assert job.total == 2 and len(book.rows) == 2


def test_forwarded_nominations_export_with_the_follow_filters(client, nominated, people, tree):
    first, second = nominated(), nominated()
    _forward(people, tree, first, second)
    url = reverse("forwarding:follow_export")
    book = export_of(client, people.nganh_thidua, url)
    assert sorted(column(book, "Cá nhân / tập thể được đề nghị")) == sorted(
        [first.nominee_name, second.nominee_name]
    )
    assert column(book, "Kết quả của cấp trên") == ["Chờ cấp trên xét"] * 2
    assert_date_column(book, "Ngày trình")
    assert export_of(client, people.nganh_thidua, f"{url}?year={YEAR + 1}").rows == []
    assert export_of(client, people.bvnhi_thidua, url).rows == []
