"""Excel exports of the nominations, the quotas of a year and the workplace awards."""

import datetime

from django.urls import reverse

from tests.factories import verified_login
from tests.nominations.conftest import YEAR, make_member
from tests.xlsx_exports import (
    assert_date_column,
    assert_number_column,
    assert_title,
    background_export,
    column,
    export_of,
)
from thidua.nominations import services


def test_nomination_export_has_title_headers_and_typed_cells(
    client, nominate, bvdk_quota, people, tree
):
    nomination = nominate()
    services.submit_nomination(nomination, by=people.bvdk_thidua)
    book = export_of(client, people.nganh_admin, reverse("nominations:nomination_export"))
    assert_title(book, "Đề nghị khen thưởng", tree.sector.name)
    assert book.headers[:3] == [
        "Cá nhân / tập thể được đề nghị",
        "Danh hiệu, hình thức khen thưởng",
        "Năm",
    ]
    assert column(book, "Cá nhân / tập thể được đề nghị") == [nomination.nominee_name]
    assert column(book, "Năm") == [YEAR]
    assert_number_column(book, "Điểm")
    assert_date_column(book, "Ngày trình")


def test_a_unit_does_not_export_another_units_nominations(client, nominate, people, tree):
    mine = nominate()
    nominate(org=tree.bvnhi, by=people.bvnhi_thidua)
    book = export_of(client, people.bvdk_thidua, reverse("nominations:nomination_export"))
    assert column(book, "Cá nhân / tập thể được đề nghị") == [mine.nominee_name]
    assert_title(book, "Đề nghị khen thưởng", tree.bvdk.name)


def test_the_list_filters_apply_and_name_the_unit(client, nominate, people, tree):
    nominate()
    theirs = nominate(org=tree.bvnhi, by=people.bvnhi_thidua)
    url = reverse("nominations:nomination_export") + f"?org={tree.bvnhi.pk}&year={YEAR}"
    book = export_of(client, people.nganh_admin, url)
    assert column(book, "Cá nhân / tập thể được đề nghị") == [theirs.nominee_name]
    assert_title(book, "Đề nghị khen thưởng", tree.bvnhi.name)
    assert f"Năm: {YEAR}" in book.title


def test_quota_export_shows_places_and_use_of_the_year(client, bvdk_quota, people, tree):
    url = reverse("nominations:quota_export") + f"?year={YEAR}"
    book = export_of(client, people.nganh_admin, url)
    assert column(book, "Đơn vị được giao") == [tree.sector.name, tree.bvdk.name]
    assert column(book, "Số suất") == [10, 3]
    assert column(book, "Đã phân bổ cho cấp dưới") == [3, 0]
    assert column(book, "Tỷ lệ lao động trực tiếp tối thiểu (%)")[0] == 50
    assert_number_column(book, "Còn lại")
    assert f"Năm: {YEAR}" in book.title
    next_year = export_of(client, people.nganh_admin, url.replace(str(YEAR), str(YEAR + 1)))
    assert next_year.rows == [] and f"Năm: {YEAR + 1}" in next_year.title


def test_a_unit_exports_only_quotas_it_can_see(client, bvdk_quota, people, tree):
    url = reverse("nominations:quota_export") + f"?year={YEAR}"
    assert tree.bvdk.name not in column(
        export_of(client, people.bvnhi_thidua, url), "Đơn vị được giao"
    )


def test_workplace_award_export_is_per_unit(client, people, tree):
    for org, user in ((tree.bvdk, people.bvdk_thidua), (tree.bvnhi, people.bvnhi_thidua)):
        services.record_workplace_award(
            by=user,
            org=org,
            member=make_member(org, full_name=f"Đoàn viên {org.code}"),
            period_kind="month",
            period_label="Tháng 3/2026",
            period_start=datetime.date(2026, 3, 1),
            reason="Hoàn thành xuất sắc nhiệm vụ",
            amount=500000,
        )
    book = export_of(client, people.bvdk_thidua, reverse("nominations:workplace_award_export"))
    assert column(book, "Đoàn viên") == ["Đoàn viên BVDK"]
    assert column(book, "Số tiền (đồng)") == [500000]
    assert_date_column(book, "Từ ngày")
    assert_number_column(book, "Số tiền (đồng)")


def test_anonymous_users_are_sent_to_login(client):
    for name in ("nomination_export", "quota_export", "workplace_award_export"):
        response = client.get(reverse(f"nominations:{name}"))
        assert response.status_code == 302 and "/login" in response.url


def test_queries_do_not_grow_with_rows(client, nominate, people, django_assert_max_num_queries):
    for _number in range(15):
        nominate(with_dossier=False)
    verified_login(client, people.nganh_admin)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("nominations:nomination_export"))
    assert response.status_code == 200


def test_a_large_export_runs_as_a_job_with_every_row(client, nominate, people, settings):
    for _number in range(3):
        nominate(with_dossier=False)
    job, book = background_export(
        client, people.nganh_admin, reverse("nominations:nomination_export"), settings
    )
    assert job.total == 3 and len(book.rows) == 3
