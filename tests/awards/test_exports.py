"""Excel exports of the initiatives and of the yearly assessments."""

import datetime

from django.urls import reverse

from tests.factories import MemberFactory, verified_login
from tests.xlsx_exports import (
    assert_date_column,
    assert_number_column,
    assert_title,
    background_export,
    column,
    export_of,
)
from thidua.awards import services
from thidua.awards.models import DisciplineRecord

YEAR = 2025


def _initiative(people, org, by, authors, **fields):
    values = {
        "org": org,
        "by": by,
        "title": "Quy trình sàng lọc",
        "author_ids": [a.pk for a in authors],
        "benefit_value": 150_000_000,
        "applied_from": datetime.date(2025, 9, 1),
    }
    return services.create_initiative(**{**values, **fields})


def test_initiative_export_has_title_headers_dates_and_amounts(client, people, tree):
    _initiative(people, tree.bvdk, people.bvdk_thidua, [people.hong, people.nurse])
    book = export_of(client, people.nganh_admin, reverse("awards:initiative_export"))
    assert_title(book, "Sáng kiến", tree.sector.name)
    assert book.headers[:3] == ["Tên sáng kiến", "Đơn vị", "Tác giả"]
    assert column(book, "Giá trị làm lợi (đồng)") == [150_000_000]
    assert sorted(column(book, "Tác giả")[0].split(", ")) == sorted(
        [people.hong.full_name, people.nurse.full_name]
    )
    assert_date_column(book, "Áp dụng từ ngày")
    assert_number_column(book, "Giá trị làm lợi (đồng)")


def test_a_unit_does_not_export_another_units_initiatives_and_search_applies(client, people, tree):
    _initiative(people, tree.bvdk, people.bvdk_thidua, [people.hong], title="Sổ tay điều dưỡng")
    _initiative(people, tree.bvdk, people.bvdk_thidua, [people.hong], title="Quy trình sàng lọc")
    _initiative(people, tree.bvnhi, people.bvnhi_thidua, [people.child_doctor])
    url = reverse("awards:initiative_export")
    book = export_of(client, people.bvdk_thidua, url)
    assert sorted(column(book, "Tên sáng kiến")) == ["Quy trình sàng lọc", "Sổ tay điều dưỡng"]
    searched = export_of(client, people.bvdk_thidua, url + "?q=so+tay")
    assert column(searched, "Tên sáng kiến") == ["Sổ tay điều dưỡng"]
    assert "Tìm kiếm: so tay" in searched.title or "Search: so tay" in searched.title


def test_assessment_export_lists_the_units_members_with_their_year(client, people, tree):
    services.save_assessments(
        org=tree.bvdk,
        year=YEAR,
        by=people.bvdk_thidua,
        rows=[
            {
                "member": people.nurse,
                "task_rating": "excellent",
                "absence_days": 3,
                "maternity_leave_days": 0,
            }
        ],
    )
    DisciplineRecord.objects.create(
        member=people.nurse, level="reprimand", decided_on=datetime.date(YEAR, 5, 4)
    )
    url = reverse("awards:assessment_export") + f"?org={tree.bvdk.pk}&year={YEAR}"
    book = export_of(client, people.bvdk_thidua, url)
    assert book.title[0].startswith("Đánh giá, xếp loại")
    assert f"Đơn vị: {tree.bvdk.name}" in book.title
    names = column(book, "Họ và tên")
    assert sorted(names) == sorted([people.hong.full_name, people.nurse.full_name])
    assert people.child_doctor.full_name not in names
    nurse = book.rows[names.index(people.nurse.full_name)]
    assert nurse[book.headers.index("Số ngày nghỉ")] == 3
    assert "04/05/2025" in nurse[book.headers.index("Kỷ luật trong năm")]
    assert f"Năm: {YEAR}" in book.title


def test_assessments_of_a_unit_out_of_reach_are_404(client, people, tree):
    verified_login(client, people.bvdk_thidua)
    url = reverse("awards:assessment_export") + f"?org={tree.bvnhi.pk}"
    assert client.get(url).status_code == 404


def test_members_and_anonymous_users_may_not_export_assessments(client, people):
    url = reverse("awards:assessment_export")
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response.url
    verified_login(client, people.doanvien)
    assert client.get(url).status_code == 403


def test_queries_do_not_grow_with_rows(client, people, tree, django_assert_max_num_queries):
    members = MemberFactory.create_batch(30, org=tree.bvdk)
    verified_login(client, people.bvdk_thidua)
    url = reverse("awards:assessment_export") + f"?org={tree.bvdk.pk}&year={YEAR}"
    with django_assert_max_num_queries(20):
        response = client.get(url)
    assert response.status_code == 200
    assert len(members) == 30


def test_a_large_export_runs_as_a_job_with_every_row(client, people, tree, settings):
    for number in range(3):
        _initiative(
            people, tree.bvdk, people.bvdk_thidua, [people.hong], title=f"Sáng kiến {number}"
        )
    job, book = background_export(
        client, people.bvdk_thidua, reverse("awards:initiative_export"), settings
    )
    assert job.total == 3 and len(book.rows) == 3
