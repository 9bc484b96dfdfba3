"""Excel exports of the decision list and of a decision's recipients."""

from django.urls import reverse

from tests.decisions.conftest import SIGNED_ON, approved
from tests.factories import verified_login
from tests.xlsx_exports import (
    assert_date_column,
    assert_number_column,
    assert_title,
    background_export,
    column,
    export_of,
)


def test_decision_export_has_title_headers_dates_and_totals(
    client, issue, sector_nominations, people, tree
):
    decision = issue(sector_nominations)
    book = export_of(client, people.nganh_admin, reverse("decisions:decision_export"))
    assert_title(book, "Quyết định khen thưởng", tree.sector.name)
    assert book.headers[:3] == ["Số, ký hiệu", "Ngày ký", "Đơn vị ban hành"]
    assert column(book, "Số, ký hiệu") == [decision.number_symbol]
    assert column(book, "Số cá nhân, tập thể được khen") == [2]
    total = sum(item.amount for item in decision.items.all())
    assert column(book, "Tổng tiền thưởng (đồng)") == [total]
    assert_date_column(book, "Ngày ký")
    assert_number_column(book, "Tổng tiền thưởng (đồng)")


def test_a_unit_does_not_export_decisions_about_another_unit(
    client, issue, sector_nominations, people, tree
):
    mine = issue(sector_nominations)
    issue([approved(people.child_doctor, org=tree.bvnhi)])
    book = export_of(client, people.bvdk_thidua, reverse("decisions:decision_export"))
    assert column(book, "Số, ký hiệu") == [mine.number_symbol]


def test_the_year_filter_applies(client, issue, sector_nominations, people):
    issue(sector_nominations)
    url = reverse("decisions:decision_export") + f"?year={SIGNED_ON.year + 1}"
    book = export_of(client, people.nganh_admin, url)
    assert book.rows == []
    assert f"Năm: {SIGNED_ON.year + 1}" in book.title


def test_recipient_export_lists_each_award_of_the_decision(
    client, issue, sector_nominations, people, tree
):
    decision = issue(sector_nominations)
    url = reverse("decisions:recipient_export", args=[decision.pk])
    book = export_of(client, people.nganh_admin, url)
    assert book.headers[:3] == ["STT", "Cá nhân / tập thể", "Đơn vị"]
    assert sorted(column(book, "Cá nhân / tập thể")) == sorted(
        item.recipient_name for item in decision.items.all()
    )
    assert column(book, "Đã thu hồi") == ["Không", "Không"]
    assert_number_column(book, "Số tiền (đồng)")
    assert any(decision.number_symbol in line for line in book.title)


def test_recipients_of_an_invisible_decision_are_404(client, issue, people, tree):
    theirs = issue([approved(people.child_doctor, org=tree.bvnhi)])
    verified_login(client, people.bvdk_thidua)
    response = client.get(reverse("decisions:recipient_export", args=[theirs.pk]))
    assert response.status_code == 404


def test_members_and_anonymous_users_may_not_export(client, people):
    url = reverse("decisions:decision_export")
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response.url
    verified_login(client, people.doanvien)
    assert client.get(url).status_code == 403


def test_queries_do_not_grow_with_rows(client, issue, people, tree, django_assert_max_num_queries):
    for member in (people.hong, people.nurse, people.child_doctor):
        issue([approved(member, org=member.org)])
    verified_login(client, people.nganh_admin)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("decisions:decision_export"))
    assert response.status_code == 200


def test_a_large_export_runs_as_a_job_with_every_row(client, issue, people, settings):
    for member in (people.hong, people.nurse, people.child_doctor):
        issue([approved(member, org=member.org)])
    job, book = background_export(
        client, people.nganh_admin, reverse("decisions:decision_export"), settings
    )
    assert job.total == 3 and len(book.rows) == 3
