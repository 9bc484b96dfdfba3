"""The shared list export machinery (``core.list_exports``) and the audit trail export."""

import io

from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from tests.factories import verified_login
from tests.xlsx_exports import (
    assert_date_column,
    background_export,
    column,
    export_of,
    read_workbook,
)
from thidua.core import audit
from thidua.core.list_exports import ListExport, append_row, filter_lines, title_lines
from thidua.core.models import AuditEntry, Job
from thidua.core.views.audit import AuditFilter
from thidua.core.xlsx import NUMBER, Column, XlsxTable


def test_title_lines_name_the_list_unit_year_filters_and_time(tree):
    lines = title_lines("Danh sách", unit=tree.bvdk, year=2026, filters=["Trạng thái: Nháp"])
    assert lines[:4] == ["Danh sách", f"Đơn vị: {tree.bvdk.name}", "Năm: 2026", "Trạng thái: Nháp"]
    assert lines[4] == f"Lập lúc {timezone.localtime():%d/%m/%Y %H:%M}"


def test_numbers_are_formatted_whole_or_with_decimals_and_none_stays_blank():
    table = XlsxTable([Column("n", "Số", kind=NUMBER)], sheet_title="T", title_lines=["Bảng"])
    for value in (1234567, 85.5, None, 0):
        append_row(table, [value])
    output = io.BytesIO()
    table.save(output)
    cells = read_workbook(output.getvalue()).cells
    assert [(row[0].value, row[0].number_format) for row in cells if row[0].value is not None] == [
        (1234567, "#,##0"),
        (85.5, "#,##0.00"),
        (0, "#,##0"),
    ]
    assert len(cells) == 4


def test_filter_lines_describe_only_filters_in_use(db):
    form = AuditFilter(QueryDict("action=update&date_from=2026-03-02&q="), queryset=None).form
    assert filter_lines(form) == ["Thao tác: Cập nhật", "Từ ngày: 02/03/2026"]


def _audit(people, tree):
    audit.record(people.bvdk_thidua, "update", tree.bvdk, comment="Sửa địa chỉ")
    audit.record(people.bvnhi_thidua, "update", tree.bvnhi, comment="Sửa điện thoại")


def test_audit_export_has_dates_and_only_the_admins_reach(client, people, tree):
    _audit(people, tree)
    book = export_of(client, people.nganh_admin, reverse("core:audit_export"))
    assert book.headers[:3] == ["Ngày", "Giờ", "Người thực hiện"]
    assert sorted(column(book, "Ghi chú")) == ["Sửa điện thoại", "Sửa địa chỉ"]
    assert_date_column(book, "Ngày")
    filtered = export_of(
        client, people.nganh_admin, reverse("core:audit_export") + "?actor=bvdk.thidua"
    )
    assert column(filtered, "Ghi chú") == ["Sửa địa chỉ"]
    assert column(filtered, "Tên đăng nhập") == ["bvdk.thidua"]


def test_only_those_who_see_the_audit_trail_may_export_it(client, people):
    response = client.get(reverse("core:audit_export"))
    assert response.status_code == 302 and "/login" in response.url
    verified_login(client, people.bvdk_thidua)
    assert client.get(reverse("core:audit_export")).status_code == 403


def test_a_large_audit_export_runs_as_a_job_with_every_row(client, people, tree, settings):
    _audit(people, tree)
    count = AuditEntry.objects.count()
    job, book = background_export(
        client, people.nganh_admin, reverse("core:audit_export"), settings
    )
    assert job.kind == "list_export" and job.total == count == len(book.rows)
    assert job.result == {"rows": count}


def test_a_failing_export_job_ends_failed(client, people, tree, settings, monkeypatch):
    _audit(people, tree)

    def broken(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ListExport, "write", broken)
    settings.EXPORT_BACKGROUND_ROWS = 1
    verified_login(client, people.nganh_admin)
    response = client.get(reverse("core:audit_export"))
    job = Job.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/{job.pk}/")
    assert job.status == Job.Status.FAILED
    assert job.errors == [{"message": "Xuất dữ liệu bị lỗi ngoài dự kiến."}]
    assert job.finished_at is not None
