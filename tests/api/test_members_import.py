"""POST /members/import: an .xlsx in the UI's template, all or nothing."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import MULTIPART_CONTENT

from tests.api.helpers import API, assert_problem
from thidua.organizations.models import Member

HEADER = ["Mã đơn vị", "Mã đoàn viên", "Họ và tên", "Giới tính", "Ngày sinh", "Lao động trực tiếp"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(*rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("doan-vien.xlsx", buffer.getvalue(), content_type=XLSX)


def upload(client, file):
    return client.post(f"{API}/members/import", {"file": file}, content_type=MULTIPART_CONTENT)


@pytest.fixture
def officer(people, api_client):
    return api_client(people.bvdk_thidua)


def test_import_creates_and_updates_members(people, tree, officer):
    people.hong.code = "DV01"
    people.hong.save()
    file = workbook(
        ["BVDK", "DV01", "Nguyễn Thị Hồng", "Nữ", datetime.date(1985, 9, 5), "Có"],
        ["BVDK", "DV02", "Phan Văn Tài", "Nam", "12/03/1990", "Có"],
        ["BVDK-KN", "", "Lý Thị Hoa", "Nữ", None, "Không"],
    )

    response = upload(officer, file)

    assert response.status_code == 200, response.content
    assert response.json() == {"created": 2, "updated": 1}
    people.hong.refresh_from_db()
    assert people.hong.birth_date == datetime.date(1985, 9, 5)
    assert Member.objects.get(code="DV02").org == tree.bvdk
    assert Member.objects.get(full_name="Lý Thị Hoa").org == tree.bvdk_group


def test_a_bad_row_refuses_the_whole_file_with_row_errors(people, officer):
    before = Member.objects.count()
    file = workbook(
        ["BVDK", "DV02", "Phan Văn Tài", "Nam", "12/03/1990", "Có"],
        ["BVDK", "DV03", "Hà Thị Lan", "Không rõ", "12/03/1991", "Có"],
    )

    response = upload(officer, file)

    body = assert_problem(response, 422)
    assert body["errors"]
    error = body["errors"][0]
    assert error["row"] == 3
    assert error["field"] and error["message"]
    assert Member.objects.count() == before


def test_rows_for_another_union_are_refused_without_revealing_it(people, officer):
    response = upload(officer, workbook(["BVNHI", "X1", "Phan Văn Tài", "Nam", None, "Có"]))

    body = assert_problem(response, 422)
    assert body["errors"][0]["row"] == 2
    assert not Member.objects.filter(full_name="Phan Văn Tài").exists()


def test_a_file_that_is_not_a_workbook_is_422(people, officer):
    garbage = SimpleUploadedFile("x.xlsx", b"not a spreadsheet", content_type=XLSX)

    assert_problem(upload(officer, garbage), 422)


def test_a_missing_file_is_refused(people, officer):
    response = officer.post(f"{API}/members/import", {}, content_type=MULTIPART_CONTENT)

    assert_problem(response, 422, field="file")


def test_a_file_over_the_upload_limit_is_413(people, officer, settings):
    settings.UPLOAD_MAX_BYTES = 10

    response = upload(officer, workbook(["BVDK", "", "Phan Văn Tài", "Nam", None, "Có"]))

    assert_problem(response, 413)
    assert not Member.objects.filter(full_name="Phan Văn Tài").exists()


def test_a_read_only_viewer_may_not_import(people, api_client):
    client = api_client(people.ldld)

    response = upload(client, workbook(["BVDK", "", "Phan Văn Tài", "Nam", None, "Có"]))

    assert_problem(response, 403)


def test_import_needs_a_token(people, api_client):
    response = upload(api_client(None), workbook(["BVDK", "", "A", "Nam", None, "Có"]))

    assert_problem(response, 401)
