"""The yearly assessments page, its .xlsx import and the discipline of members, unit by unit."""

import datetime
import io

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from tests.factories import MemberFactory, verified_login
from thidua.awards.eligibility import evaluate
from thidua.awards.imports import ASSESSMENT_COLUMNS, import_assessments
from thidua.awards.models import AwardType, DisciplineRecord, MemberYearAssessment
from thidua.core.exceptions import InvalidInput
from thidua.core.models import AuditEntry

YEAR = 2025
URL = "/awards/assessments/"


def _page(tree, **extra):
    query = "&".join(f"{k}={v}" for k, v in {"org": tree.bvdk.pk, "year": YEAR, **extra}.items())
    return f"{URL}?{query}"


def _xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([c.header for c in ASSESSMENT_COLUMNS])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


@pytest.fixture
def coded(tree, people):
    people.hong.code = "DV001"
    people.hong.save()
    people.nurse.code = "DV002"
    people.nurse.save()
    return people.hong, people.nurse


def test_officer_sees_the_active_members_of_the_unit_only(client, tree, people):
    MemberFactory(org=tree.bvdk, full_name="Phạm Văn Cũ", active=False)
    verified_login(client, people.bvdk_thidua)
    html = client.get(_page(tree)).content.decode()
    assert "Nguyễn Thị Hồng" in html and "Trần Văn Bình" in html
    assert "Lê Thị Mai" not in html and "Phạm Văn Cũ" not in html
    searched = client.get(_page(tree, q="hong")).content.decode()
    assert "Nguyễn Thị Hồng" in searched and "Trần Văn Bình" not in searched


def test_bulk_save_records_the_page_with_audit(client, tree, people):
    verified_login(client, people.bvdk_thidua)
    hong, nurse = people.hong, people.nurse
    response = client.post(
        _page(tree),
        {
            f"m{hong.pk}-task_rating": "excellent",
            f"m{hong.pk}-absence_days": "45",
            f"m{hong.pk}-maternity_leave_days": "40",
            f"m{nurse.pk}-task_rating": "good",
            f"m{nurse.pk}-absence_days": "",
            f"m{nurse.pk}-maternity_leave_days": "",
        },
    )
    assert response.status_code == 302
    saved = {a.member_id: a for a in MemberYearAssessment.objects.filter(year=YEAR)}
    assert saved[hong.pk].task_rating == "excellent" and saved[hong.pk].counted_absence_days == 5
    assert saved[nurse.pk].absence_days == 0
    assert AuditEntry.objects.filter(action="create", object_repr__contains=str(YEAR)).count() == 2


def test_one_bad_row_saves_nothing_and_shows_the_errors(client, tree, people):
    verified_login(client, people.bvdk_thidua)
    hong, nurse = people.hong, people.nurse
    response = client.post(
        _page(tree),
        {
            f"m{hong.pk}-task_rating": "good",
            f"m{hong.pk}-absence_days": "3",
            f"m{nurse.pk}-task_rating": "good",
            f"m{nurse.pk}-absence_days": "5",
            f"m{nurse.pk}-maternity_leave_days": "9",
        },
    )
    assert response.status_code == 200
    row = next(r for r in response.context["rows"] if r["member"].pk == nurse.pk)
    assert "maternity_leave_days" in row["errors"]
    assert not MemberYearAssessment.objects.exists()
    response = client.post(_page(tree), {f"m{hong.pk}-absence_days": "abc"})
    row = next(r for r in response.context["rows"] if r["member"].pk == hong.pk)
    assert set(row["errors"]) == {"task_rating", "absence_days"}
    assert not MemberYearAssessment.objects.exists()


def test_saved_absence_refuses_ldtt_with_the_reason(client, tree, people):
    verified_login(client, people.bvdk_thidua)
    hong = people.hong
    client.post(
        _page(tree),
        {f"m{hong.pk}-task_rating": "good", f"m{hong.pk}-absence_days": "45"},
    )
    with translation.override("vi"):
        result = evaluate(
            award_type=AwardType.objects.get(code="LDTT"),
            year=YEAR,
            proposing_org=tree.bvdk,
            member=hong,
        )
    assert not result.eligible
    assert result.reasons == [
        f"Nghỉ 45 ngày trong năm {YEAR} (không tính nghỉ thai sản); tối đa 39 ngày."
    ]


def test_other_unit_is_404_and_a_member_is_403(client, tree, people):
    verified_login(client, people.bvnhi_thidua)
    assert client.get(_page(tree)).status_code == 404
    assert client.post(_page(tree), {}).status_code == 404
    assert client.get(f"{URL}import/?org={tree.bvdk.pk}").status_code == 404
    assert client.get(f"{URL}template.xlsx?org={tree.bvdk.pk}").status_code == 404
    assert client.get(f"{URL}members/{people.hong.pk}/discipline/").status_code == 404
    own = client.get(f"{URL}?year={YEAR}").content.decode()
    assert "Lê Thị Mai" in own and "Nguyễn Thị Hồng" not in own
    verified_login(client, people.doanvien)
    assert client.get(_page(tree)).status_code == 403
    assert client.get(f"{URL}members/{people.hong.pk}/discipline/").status_code == 403
    verified_login(client, people.ldld)
    assert client.get(URL).status_code == 403


def test_sector_officer_reaches_grassroots_units(client, tree, people):
    verified_login(client, people.nganh_thidua)
    assert client.get(_page(tree)).status_code == 200
    assert client.get(f"{URL}?org={tree.bvnhi.pk}").status_code == 200


def test_discipline_is_added_and_removed_with_audit(client, tree, people):
    verified_login(client, people.bvdk_chutich)
    url = f"{URL}members/{people.nurse.pk}/discipline/?year={YEAR}"
    response = client.post(
        url, {"level": "reprimand", "decided_on": f"10/03/{YEAR}", "note": "Đi muộn"}
    )
    assert response.status_code == 302
    record = DisciplineRecord.objects.get(member=people.nurse)
    assert record.decided_on == datetime.date(YEAR, 3, 10)
    assert "Khiển trách" in client.get(_page(tree)).content.decode()
    future = client.post(url, {"level": "warning", "decided_on": "01/01/2999"})
    assert future.status_code == 200 and future.context["form"].errors["decided_on"]
    verified_login(client, people.bvnhi_chutich)
    assert client.post(f"{URL}discipline/{record.pk}/remove/").status_code == 404
    verified_login(client, people.bvdk_chutich)
    assert client.post(f"{URL}discipline/{record.pk}/remove/").status_code == 302
    assert not DisciplineRecord.objects.exists()
    assert AuditEntry.objects.filter(action="delete", object_id=str(record.pk)).exists()


def test_import_of_a_clean_file(tree, people, coded):
    file = _xlsx(
        [
            ["DV001", None, "Nguyen Thi Hong", "Hoàn thành xuất sắc nhiệm vụ", 45, 40],
            ["DV002", "BVDK-KN", None, "hoàn thành tốt nhiệm vụ", None, None],
        ]
    )
    assert import_assessments(file, org=tree.bvdk, year=YEAR, by=people.bvdk_thidua) == 2
    saved = {a.member_id: a for a in MemberYearAssessment.objects.filter(year=YEAR)}
    assert saved[people.hong.pk].task_rating == "excellent"
    assert saved[people.hong.pk].maternity_leave_days == 40
    assert saved[people.nurse.pk].task_rating == "good"
    assert AuditEntry.objects.filter(action="import").exists()


def test_any_bad_row_refuses_the_whole_file(tree, people, coded):
    MemberYearAssessment.objects.create(member=people.hong, year=YEAR, task_rating="completed")
    file = _xlsx(
        [
            ["DV001", None, None, "Hoàn thành tốt nhiệm vụ", 3, 0],
            ["DV002", None, "Sai Tên", "Xuất sắc", 5, 9],
            ["DV999", None, None, "Hoàn thành nhiệm vụ", "abc", None],
        ]
    )
    with pytest.raises(InvalidInput) as caught:
        import_assessments(file, org=tree.bvdk, year=YEAR, by=people.bvdk_thidua)
    problems = {(e["row"], e["field"]) for e in caught.value.errors}
    assert (3, "Họ và tên") in problems and (3, "Xếp loại") in problems
    assert (3, "Số ngày nghỉ thai sản") in problems
    assert (4, "Mã đoàn viên") in problems and (4, "Số ngày nghỉ") in problems
    assert [a.task_rating for a in MemberYearAssessment.objects.all()] == ["completed"]


def test_import_page_and_template(client, tree, people, coded):
    verified_login(client, people.bvdk_thidua)
    template = client.get(f"{URL}template.xlsx?org={tree.bvdk.pk}&year={YEAR}")
    assert template.status_code == 200
    sheet = load_workbook(io.BytesIO(template.content)).active
    codes = {row[0] for row in sheet.iter_rows(values_only=True)}
    assert {"DV001", "DV002"} <= codes
    bad = _xlsx([["DV001", None, None, "Tốt", 1, 0]])
    response = client.post(
        f"{URL}import/", {"org": tree.bvdk.pk, "year": YEAR, "file": _named(bad)}
    )
    assert response.status_code == 200 and response.context["errors"]
    assert not MemberYearAssessment.objects.exists()
    good = _xlsx([["DV001", None, None, "Hoàn thành tốt nhiệm vụ", 1, 0]])
    response = client.post(
        f"{URL}import/", {"org": tree.bvdk.pk, "year": YEAR, "file": _named(good)}
    )
    assert response.status_code == 302
    assert MemberYearAssessment.objects.get(member=people.hong).year == YEAR


def _named(buffer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("danh-gia.xlsx", buffer.getvalue())


def test_the_menu_shows_assessments_to_officers_only(client, people):
    verified_login(client, people.bvdk_thidua)
    assert URL in client.get("/awards/").content.decode()
    verified_login(client, people.doanvien)
    assert URL not in client.get("/awards/").content.decode()
