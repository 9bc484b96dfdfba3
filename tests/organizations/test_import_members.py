"""Importing members from .xlsx: all or nothing, every bad row reported, only units in reach."""

import datetime
import io
import unicodedata

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from tests.factories import MemberFactory
from thidua.core.exceptions import Forbidden, InvalidInput
from thidua.core.jobs import create_job
from thidua.core.models import AuditEntry, Job
from thidua.core.text import name_sort_key, search_key
from thidua.organizations.exports import member_template
from thidua.organizations.imports import import_members
from thidua.organizations.models import Member
from thidua.organizations.tasks import IMPORTERS, run_import

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    """Messages are asserted as their English msgids, whatever the Vietnamese catalogue holds."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


HEADER = [
    "Mã đơn vị*",
    "Mã đoàn viên",
    "Họ và tên*",
    "Giới tính*",
    "Ngày sinh",
    "Chức danh",
    "Giữ chức vụ quản lý",
    "Lao động trực tiếp",
    "Ngày vào công đoàn",
    "Ngày bắt đầu làm việc",
    "Email",
    "Điện thoại",
]


def row(**changes):
    values = {
        "org": "BVDK",
        "code": "DV100",
        "name": "Phạm Thị Lan",
        "gender": "Nữ",
        "birth": datetime.date(1988, 3, 12),
        "title": "Điều dưỡng",
        "manager": "Không",
        "direct": "Có",
        "joined": "01/05/2010",
        "employed": "01/01/2009",
        "email": "lan@example.org",
        "phone": "0912345678",
    }
    values.update(changes)
    return list(values.values())


def xlsx(*rows, header=HEADER, title_rows=()):
    book = openpyxl.Workbook()
    sheet = book.active
    for line in title_rows:
        sheet.append([line])
    sheet.append(header)
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "doan-vien.xlsx"
    return buffer


def three_members():
    return xlsx(
        row(),
        row(
            code="DV101",
            name="Phan Văn Tài",
            gender="Nam",
            birth="05/09/1985",
            manager="Có",
            direct="Không",
        ),
        row(org="BVDK-KN", code="", name="Lý Thị Hoa", birth=None, joined=None, email=""),
    )


def import_errors(fileobj, user):
    with pytest.raises(InvalidInput) as caught:
        import_members(fileobj, by=user)
    return caught.value.errors


def test_a_valid_file_creates_members_with_their_keys(people, tree):
    result = import_members(three_members(), by=people.bvdk_thidua)

    assert (result.created, result.updated) == (3, 0)
    lan = Member.objects.get(code="DV100", org=tree.bvdk)
    assert lan.full_name == "Phạm Thị Lan"
    assert lan.gender == "female"
    assert lan.birth_date == datetime.date(1988, 3, 12)
    assert lan.union_joined_on == datetime.date(2010, 5, 1)
    assert (lan.is_direct_worker, lan.is_manager) == (True, False)
    assert lan.org_path == tree.bvdk.path
    assert lan.search_key == search_key("Phạm Thị Lan")
    assert lan.sort_key == name_sort_key("Phạm Thị Lan")
    tai = Member.objects.get(code="DV101")
    assert tai.birth_date == datetime.date(1985, 9, 5)
    assert tai.is_manager and not tai.is_direct_worker
    hoa = Member.objects.get(full_name="Lý Thị Hoa")
    assert hoa.org == tree.bvdk_group and hoa.org_path == tree.bvdk_group.path
    assert hoa.birth_date is None and hoa.code == ""


def test_importing_the_same_file_again_updates_and_creates_nothing(people):
    import_members(three_members(), by=people.bvdk_thidua)
    count = Member.objects.count()

    result = import_members(three_members(), by=people.bvdk_thidua)

    assert (result.created, result.updated) == (0, 3)
    assert Member.objects.count() == count
    assert set(
        Member.objects.filter(full_name__in=["Phạm Thị Lan", "Lý Thị Hoa"]).values_list(
            "version", flat=True
        )
    ) == {2}


def test_a_row_with_an_existing_code_updates_that_member_only(people, tree):
    member = MemberFactory(org=tree.bvdk, code="DV100", full_name="Phạm Lan", job_title="Hộ lý")

    result = import_members(
        xlsx(row(name="Phạm  Thị   Lan", title="Điều dưỡng trưởng")), by=people.bvdk_thidua
    )

    assert (result.created, result.updated) == (0, 1)
    member.refresh_from_db()
    assert member.full_name == "Phạm Thị Lan"
    assert member.search_key == "pham thi lan"
    assert member.job_title == "Điều dưỡng trưởng"
    assert member.version == 2


def test_columns_absent_from_the_file_leave_the_members_values_alone(people):
    people.hong.code = "DV01"
    people.hong.job_title = "Bác sĩ"
    people.hong.save()
    file = xlsx(["BVDK", "DV01", "Nguyễn Thị Hồng", "Nữ"], header=HEADER[:4])

    import_members(file, by=people.bvdk_thidua)

    people.hong.refresh_from_db()
    assert people.hong.job_title == "Bác sĩ"
    assert people.hong.user == people.doanvien


def test_the_import_is_audited_once_with_the_counts(people, tree):
    before = AuditEntry.objects.count()

    import_members(three_members(), by=people.bvdk_thidua)

    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.get(action=AuditEntry.Action.IMPORT)
    assert entry.actor == people.bvdk_thidua
    assert entry.object_id == str(tree.bvdk.pk)
    assert entry.after["created"] == 3 and entry.after["file"] == "doan-vien.xlsx"


BAD_ROWS = [
    pytest.param(row(name=""), "Họ và tên", "required", id="missing-name"),
    pytest.param(row(org="KHONGCO"), "Mã đơn vị", "Unknown unit code", id="unknown-unit"),
    pytest.param(row(birth="31/02/1990"), "Ngày sinh", "not a date", id="impossible-date"),
    pytest.param(row(birth="1990"), "Ngày sinh", "not a date", id="year-only"),
    pytest.param(row(joined="5/1990"), "Ngày vào công đoàn", "not a date", id="bad-joined-date"),
    pytest.param(row(gender="Khác"), "Giới tính", "not Nam or Nữ", id="gender"),
    pytest.param(
        row(manager="Có", direct="Có"),
        "Lao động trực tiếp",
        "management post",
        id="manager-and-direct-worker",
    ),
    pytest.param(
        row(birth=datetime.date.today() + datetime.timedelta(days=1), joined=None),
        "Ngày sinh",
        "future",
        id="born-in-the-future",
    ),
    pytest.param(row(email="lan@"), "Email", "not a valid email", id="email"),
    pytest.param(row(direct="có lẽ"), "Lao động trực tiếp", "not Có or Không", id="yes-no"),
    pytest.param(
        row(joined="01/01/1980"),
        "Ngày vào công đoàn",
        "before being born",
        id="joined-before-birth",
    ),
    pytest.param(row(org="CDN-YT", name="X" * 151), "Họ và tên", "At most 150", id="too-long"),
]


@pytest.mark.parametrize(("bad", "field", "message"), BAD_ROWS)
def test_each_bad_row_is_reported_and_nothing_is_saved(people, bad, field, message):
    before = Member.objects.count()
    file = xlsx(row(code="DV001", name="Trương Văn Hải"), bad)

    errors = import_errors(file, people.nganh_thidua)

    assert [(e["row"], e["field"]) for e in errors] == [(3, field)]
    assert message in errors[0]["message"]
    assert Member.objects.count() == before


def test_every_bad_row_is_reported_not_only_the_first(people):
    file = xlsx(
        row(name=""),
        row(code="DV2", gender="?"),
        row(code="DV3"),
        row(code="DV4", birth="hôm qua", email="x"),
    )

    errors = import_errors(file, people.bvdk_thidua)

    assert [(e["row"], e["field"]) for e in errors] == [
        (2, "Họ và tên"),
        (3, "Giới tính"),
        (5, "Ngày sinh"),
        (5, "Email"),
    ]


def test_a_member_code_twice_in_one_unit_is_refused(people):
    file = xlsx(row(code="DV7", name="Lê Văn An"), row(code="DV7", name="Lê Văn Bình"))

    errors = import_errors(file, people.bvdk_thidua)

    assert errors[0]["row"] == 3 and errors[0]["field"] == "Mã đoàn viên"
    assert "row 2" in errors[0]["message"]


def test_the_same_code_in_two_units_is_two_members(people):
    file = xlsx(row(code="DV7", name="Lê Văn An"), row(org="BVDK-KN", code="DV7", name="Hồ Văn B"))

    assert import_members(file, by=people.bvdk_thidua).created == 2


def test_the_same_person_twice_in_one_unit_is_refused(people):
    file = xlsx(row(code=""), row(code="", email="khac@example.org"))

    errors = import_errors(file, people.bvdk_thidua)

    assert errors == [
        {"row": 3, "field": "Họ và tên", "message": "Same unit, name and date of birth as row 2."}
    ]


def test_a_row_without_code_updates_the_member_with_the_same_name_and_birth_date(people, tree):
    member = MemberFactory(
        org=tree.bvdk,
        full_name="Phạm Thị Lan",
        code="",
        birth_date=datetime.date(1988, 3, 12),
        job_title="Hộ lý",
    )

    result = import_members(xlsx(row(code="")), by=people.bvdk_thidua)

    assert (result.created, result.updated) == (0, 1)
    member.refresh_from_db()
    assert member.job_title == "Điều dưỡng"


def test_rows_for_another_union_are_unknown_units_to_a_grassroots_officer(people):
    before = Member.objects.count()
    file = xlsx(row(org="BVNHI"), row(org="BVDK", code="DV2"))

    errors = import_errors(file, people.bvnhi_thidua)

    assert [(e["row"], e["field"]) for e in errors] == [(3, "Mã đơn vị")]
    assert errors[0]["message"] == "Unknown unit code “BVDK”."
    assert Member.objects.count() == before


def test_a_visible_unit_where_the_user_may_not_import_is_refused(people):
    file = xlsx(row(org="CDN-YT"))
    errors = import_errors(file, people.bvdk_thidua)  # CDN-YT is outside bvdk.thidua's reach
    assert errors[0]["message"] == "Unknown unit code “CDN-YT”."


def test_members_cannot_be_imported_into_a_federation(people):
    errors = import_errors(xlsx(row(org="LDLD-DN")), people.nganh_admin)
    assert errors[0]["field"] == "Mã đơn vị"  # outside the sector admin's reach: unknown

    people.nganh_admin.is_superuser = True
    errors = import_errors(xlsx(row(org="LDLD-DN")), people.nganh_admin)
    assert "Members belong to a grassroots union" in errors[0]["message"]


@pytest.mark.parametrize("user", ["ldld", "kiemtra", "doanvien"])
def test_users_who_may_not_import_members_are_refused(people, user):
    with pytest.raises(Forbidden):
        import_members(three_members(), by=getattr(people, user))
    assert not Member.objects.filter(full_name="Phạm Thị Lan").exists()


@pytest.mark.parametrize(
    "content",
    [b"", b"Ma don vi;Ho va ten\nBVDK;An\n", b"PK\x03\x04 broken zip", b"%PDF-1.7 not excel"],
    ids=["empty", "csv", "broken-zip", "pdf"],
)
def test_a_file_that_is_not_a_spreadsheet_is_refused_cleanly(people, content):
    errors = import_errors(io.BytesIO(content), people.bvdk_thidua)
    assert errors == [
        {"row": 0, "field": "file", "message": "The file is not a readable Excel workbook (.xlsx)."}
    ]


def test_a_workbook_without_the_template_headers_is_refused(people):
    errors = import_errors(xlsx(["a", "b"], header=["Tên", "Tuổi"]), people.bvdk_thidua)
    assert errors[0]["row"] == 0 and "No header row found" in errors[0]["message"]


def test_a_missing_required_column_is_named(people):
    errors = import_errors(
        xlsx(["BVDK", "An"], header=["Mã đơn vị", "Họ và tên"]), people.bvdk_thidua
    )
    assert errors == [{"row": 1, "field": "Giới tính", "message": "This column is missing."}]


def test_a_file_with_headers_only_is_refused(people):
    errors = import_errors(xlsx(), people.bvdk_thidua)
    assert errors[0]["message"] == "The file has no data rows."


def test_headers_and_values_are_matched_loosely(people, tree):
    header = [
        "MÃ ĐƠN VỊ",
        "ma doan vien",
        "Họ và  tên *",
        "gioi tinh",
        "NGÀY SINH",
        "Lao động trực tiếp",
    ]
    file = xlsx(
        ["bvdk", 1001, "  Đỗ   Văn  Nam ", "nam", "5-9-1985", "x"],
        ["BVDK", 1002.0, "Vũ Thị Thu", "NỮ", "1985-09-06", None],
        header=header,
        title_rows=["DANH SÁCH ĐOÀN VIÊN", "Đơn vị: BVDK"],
    )

    assert import_members(file, by=people.bvdk_thidua).created == 2

    nam = Member.objects.get(code="1001")
    assert (nam.full_name, nam.gender, nam.org) == ("Đỗ Văn Nam", "male", tree.bvdk)
    assert nam.birth_date == datetime.date(1985, 9, 5) and nam.is_direct_worker
    thu = Member.objects.get(code="1002")
    assert thu.gender == "female" and not thu.is_direct_worker


def test_a_phone_number_typed_as_a_number_keeps_its_leading_zero(people):
    import_members(xlsx(row(phone=912345678)), by=people.bvdk_thidua)
    assert Member.objects.get(code="DV100").phone == "0912345678"


def test_text_is_stored_in_nfc(people):
    import_members(
        xlsx(row(name=unicodedata.normalize("NFD", "Phạm Thị Lan"))), by=people.bvdk_thidua
    )
    assert Member.objects.get(code="DV100").full_name == unicodedata.normalize(
        "NFC", "Phạm Thị Lan"
    )


def test_the_downloadable_template_lists_only_the_users_units_and_imports_when_filled(people):
    buffer = io.BytesIO()
    member_template(people.bvdk_thidua, buffer)
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    sheet, guide = book.worksheets
    header_row = next(r for r in sheet.iter_rows(max_row=5) if r[0].value == "Mã đơn vị*")
    assert [c.value for c in header_row] == HEADER
    assert sheet.data_validations.dataValidation  # Nam/Nữ and Có/Không lists, input hints
    assert header_row[1].comment is not None
    codes = {r[0] for r in guide.iter_rows(values_only=True) if r}
    assert {"BVDK", "BVDK-KN"} <= codes and "BVNHI" not in codes
    assert guide.title == "Hướng dẫn"

    sheet.append(row())
    filled = io.BytesIO()
    book.save(filled)
    filled.seek(0)
    assert import_members(filled, by=people.bvdk_thidua).created == 1


def test_progress_and_outcome_go_to_the_job(people):
    job = create_job("members_import", "Nhập", by=people.bvdk_thidua)

    import_members(three_members(), by=people.bvdk_thidua, job_id=job.pk)

    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert job.result == {"created": 3, "updated": 0}
    assert job.total == 6


def test_row_errors_go_to_the_job_which_fails(people):
    job = create_job("members_import", "Nhập", by=people.bvdk_thidua)

    with pytest.raises(InvalidInput):
        import_members(xlsx(row(gender="?")), by=people.bvdk_thidua, job_id=job.pk)

    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.errors[0]["field"] == "Giới tính"


# The pages ---------------------------------------------------------------------------------


def upload(data):
    return SimpleUploadedFile(
        "doan-vien.xlsx",
        data.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@pytest.fixture
def officer_client(client, people):
    client.force_login(people.bvdk_thidua)
    return client


def test_the_import_page_offers_the_form_and_the_template(officer_client):
    response = officer_client.get(reverse("organizations:member_import"))

    assert response.status_code == 200
    assert reverse("organizations:member_import_template").encode() in response.content
    assert b'type="file"' in response.content


@pytest.mark.parametrize("user", ["doanvien", "ldld", "kiemtra"])
def test_the_import_pages_are_forbidden_to_users_who_may_not_import(client, people, user):
    client.force_login(getattr(people, user))
    for name in ("member_import", "member_import_template"):
        assert client.get(reverse(f"organizations:{name}")).status_code == 403


def test_the_template_downloads_as_xlsx(officer_client):
    response = officer_client.get(reverse("organizations:member_import_template"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames == [
        "Đoàn viên",
        "Hướng dẫn",
    ]


def test_a_small_file_is_imported_at_once_with_the_counts(officer_client):
    response = officer_client.post(
        reverse("organizations:member_import"), {"file": upload(three_members())}
    )

    assert response.status_code == 200
    assert b'data-testid="created">3<' in response.content
    assert Member.objects.filter(code__in=["DV100", "DV101"]).count() == 2


def test_a_bad_file_shows_every_row_error_and_saves_nothing(officer_client):
    before = Member.objects.count()

    response = officer_client.post(
        reverse("organizations:member_import"),
        {"file": upload(xlsx(row(), row(code="X", gender="?")))},
    )

    assert response.status_code == 422
    assert "Giới tính".encode() in response.content
    assert b"<td>3</td>" in response.content
    assert Member.objects.count() == before


def test_a_non_xlsx_upload_is_refused_on_the_page(officer_client):
    file = SimpleUploadedFile("doan-vien.xlsx", b"not a workbook", content_type="text/plain")

    response = officer_client.post(reverse("organizations:member_import"), {"file": file})

    assert response.status_code == 422
    assert b"not a readable Excel workbook" in response.content


def test_a_post_without_a_file_shows_the_form_again(officer_client):
    response = officer_client.post(reverse("organizations:member_import"), {})
    assert response.status_code == 200
    assert b"is-invalid" in response.content


def test_a_large_file_runs_as_a_job_that_ends_with_the_counts(officer_client, people, settings):
    settings.IMPORT_BACKGROUND_ROWS = 2

    response = officer_client.post(
        reverse("organizations:member_import"), {"file": upload(three_members())}
    )

    job = Job.objects.get(created_by=people.bvdk_thidua)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:job_detail", args=[job.pk])
    assert job.status == Job.Status.SUCCEEDED
    assert job.result["created"] == 3 and job.result["updated"] == 0
    assert job.result["redirect"] == reverse("organizations:member_list")
    assert not job.input_file  # the upload (personal data) is not kept
    assert Member.objects.filter(code="DV100").exists()
    page = officer_client.get(response["Location"])
    assert page.status_code == 200


def test_a_large_bad_file_ends_as_a_failed_job_with_the_errors(officer_client, people, settings):
    settings.IMPORT_BACKGROUND_ROWS = 1
    before = Member.objects.count()

    officer_client.post(
        reverse("organizations:member_import"),
        {"file": upload(xlsx(row(), row(code="DV2", birth="99/99/1999")))},
    )

    job = Job.objects.get(created_by=people.bvdk_thidua)
    assert job.status == Job.Status.FAILED
    assert job.errors == [
        {"row": 3, "field": "Ngày sinh", "message": "“99/99/1999” is not a date; write dd/mm/yyyy."}
    ]
    assert Member.objects.count() == before


def test_a_file_over_the_row_limit_is_refused_before_validation(people, monkeypatch):
    monkeypatch.setattr("thidua.organizations.imports.MAX_ROWS", 2)

    errors = import_errors(three_members(), people.bvdk_thidua)

    assert errors == [
        {
            "row": 0,
            "field": "file",
            "message": "The file has more than 2 rows; split it into several files.",
        }
    ]


def stored_job(user, data):
    job = create_job("members_import", "Nhập", by=user)
    job.input_file.save("doan-vien.xlsx", ContentFile(data.getvalue()))
    return job


def test_a_job_whose_owner_was_deactivated_fails_and_drops_the_upload(people):
    job = stored_job(people.bvdk_thidua, three_members())
    people.bvdk_thidua.is_active = False
    people.bvdk_thidua.save()

    run_import.call(job.pk, "members", "en")

    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.errors[0]["message"] == "The account that started this job is no longer active."
    assert not job.input_file
    assert not Member.objects.filter(code="DV100").exists()


def test_an_unexpected_error_ends_the_job_as_failed(people, monkeypatch):
    job = stored_job(people.bvdk_thidua, three_members())

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(IMPORTERS, "members", broken)

    with pytest.raises(RuntimeError):
        run_import.call(job.pk, "members", "en")

    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.errors[0]["message"] == "The import failed unexpectedly; nothing was saved."
