"""Exports of members and units: the list filters, only what the user sees, re-importable."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from thidua.core.models import Job
from thidua.organizations.imports import import_members
from thidua.organizations.models import Member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    """Messages are asserted as their English msgids, whatever the Vietnamese catalogue holds."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


def workbook(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return openpyxl.load_workbook(io.BytesIO(content))


def table(sheet):
    """(title rows, header, data rows) of an exported sheet."""
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == "Mã đơn vị*")
    return rows[:start], list(rows[start]), rows[start + 1 :]


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user


def test_the_member_export_holds_only_the_members_the_user_sees(login, people):
    response = login(people.bvdk_thidua).get(reverse("organizations:member_export"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    titles, header, rows = table(workbook(response).active)
    assert sorted(r[header.index("Họ và tên*")] for r in rows) == [
        "Nguyễn Thị Hồng",
        "Trần Văn Bình",
    ]
    assert people.bvdk_thidua.get_full_name() in titles[1][0]
    assert tuple(header[:4]) == ("Mã đơn vị*", "Tên đơn vị", "Mã đoàn viên", "Họ và tên*")


def test_dates_are_real_dates_and_booleans_read_co_or_khong(login, people):
    response = login(people.bvdk_thidua).get(reverse("organizations:member_export"))
    sheet = workbook(response).active
    _titles, header, _rows = table(sheet)
    hong_row = next(
        r for r in sheet.iter_rows() if r[header.index("Họ và tên*")].value == "Nguyễn Thị Hồng"
    )

    birth = hong_row[header.index("Ngày sinh")]
    assert isinstance(birth.value, datetime.datetime)
    assert birth.value.date() == people.hong.birth_date
    assert birth.number_format == "DD/MM/YYYY"
    assert hong_row[header.index("Lao động trực tiếp")].value == "Có"
    assert hong_row[header.index("Giữ chức vụ quản lý")].value == "Không"
    assert hong_row[header.index("Giới tính*")].value == "Nữ"


def test_the_export_applies_the_member_list_filters(login, people, tree):
    client = login(people.nganh_thidua)

    women = client.get(reverse("organizations:member_export"), {"gender": "female"})
    group = client.get(reverse("organizations:member_export"), {"org": tree.bvdk_group.pk})

    _t, header, rows = table(workbook(women).active)
    assert sorted(r[header.index("Họ và tên*")] for r in rows) == ["Lê Thị Mai", "Nguyễn Thị Hồng"]
    titles, header, rows = table(workbook(group).active)
    assert [r[header.index("Họ và tên*")] for r in rows] == ["Trần Văn Bình"]
    assert tree.bvdk_group.name in titles[0][0]


def test_nonsense_filters_do_not_break_the_export(login, people):
    response = login(people.nganh_thidua).get(
        reverse("organizations:member_export"), {"org": "abc", "gender": "x", "ordering": "?"}
    )
    assert response.status_code == 200


def test_an_exported_member_file_imports_back_unchanged(login, people):
    response = login(people.nganh_thidua).get(reverse("organizations:member_export"))
    content = b"".join(response.streaming_content)
    fields = [
        "org_id",
        "code",
        "full_name",
        "gender",
        "birth_date",
        "job_title",
        "is_manager",
        "is_direct_worker",
        "union_joined_on",
        "employed_since",
        "email",
        "phone",
    ]
    before = list(Member.objects.order_by("id").values(*fields))

    result = import_members(io.BytesIO(content), by=people.nganh_thidua)

    assert (result.created, result.updated) == (0, 3)
    assert list(Member.objects.order_by("id").values(*fields)) == before


@pytest.mark.parametrize("user", ["doanvien"])
def test_the_member_role_may_not_export(login, people, user):
    client = login(getattr(people, user))
    assert client.get(reverse("organizations:member_export")).status_code == 403
    assert client.get(reverse("organizations:org_export")).status_code == 403


def test_a_viewer_at_the_federation_exports_the_whole_sector(login, people):
    response = login(people.ldld).get(reverse("organizations:member_export"))
    _t, _header, rows = table(workbook(response).active)
    assert len(rows) == 3


def test_the_unit_export_lists_the_visible_subtree_with_member_counts(login, people):
    response = login(people.bvdk_thidua).get(reverse("organizations:org_export"))

    assert response.status_code == 200
    _t, header, rows = table(workbook(response).active)
    by_code = {r[0]: dict(zip(header, r, strict=True)) for r in rows}
    assert set(by_code) == {"BVDK", "BVDK-KN"}
    assert by_code["BVDK"]["Loại*"] == "Công đoàn cơ sở"
    assert by_code["BVDK"]["Loại hình đơn vị sử dụng lao động"] == "Đơn vị sự nghiệp công lập"
    assert by_code["BVDK"]["Mã đơn vị cấp trên*"] == "CDN-YT"
    assert by_code["BVDK"]["Số đoàn viên"] == 2
    assert by_code["BVDK-KN"]["Số đoàn viên"] == 1
    assert by_code["BVDK-KN"]["Đang hoạt động"] == "Có"


def test_the_unit_export_applies_the_unit_filters(login, people):
    response = login(people.nganh_thidua).get(
        reverse("organizations:org_export"), {"kind": "grassroots_union"}
    )
    _t, _header, rows = table(workbook(response).active)
    assert sorted(r[0] for r in rows) == ["BVDK", "BVNHI"]


def test_a_large_export_runs_as_a_job_with_a_download(login, people, settings):
    settings.EXPORT_BACKGROUND_ROWS = 1
    client = login(people.bvdk_thidua)

    response = client.get(reverse("organizations:member_export"))

    job = Job.objects.get(created_by=people.bvdk_thidua)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:job_detail", args=[job.pk])
    assert job.status == Job.Status.SUCCEEDED
    assert job.result == {"rows": 2} and job.total == 2
    page = client.get(response["Location"])
    assert reverse("core:job_download", args=[job.pk]).encode() in page.content
    download = client.get(reverse("core:job_download", args=[job.pk]))
    _t, _header, rows = table(workbook(download).active)
    assert len(rows) == 2
    assert (
        login(people.bvnhi_thidua).get(reverse("core:job_download", args=[job.pk])).status_code
        == 404
    )
