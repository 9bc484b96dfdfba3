"""Importing historical awards from .xlsx: all or nothing, members matched by code."""

import io

import pytest
from openpyxl import Workbook

from tests.factories import MemberFactory
from thidua.awards.imports import COLUMNS, import_award_history, template_bytes
from thidua.awards.models import AwardRecord
from thidua.core.exceptions import Forbidden, InvalidInput

HEADERS = [c.header for c in COLUMNS]


def _xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


@pytest.fixture
def coded(tree):
    return (
        MemberFactory(org=tree.bvdk, code="DV001", full_name="Nguyễn Văn An"),
        MemberFactory(org=tree.bvdk_group, code="DV002", full_name="Trần Thị Bích"),
    )


def test_a_clean_file_creates_the_records(people, coded):
    file = _xlsx(
        [
            ["DV001", None, "Nguyễn Văn An", 2024, "LDTT", None, "05/QĐ-BVĐK", "15/01/2025", "BV"],
            ["DV002", None, None, 2023, None, "Giấy khen của Sở Y tế", "12/QĐ-SYT", None, "SYT"],
        ]
    )
    assert import_award_history(file, org=people.bvdk_chutich.home_org, by=people.bvdk_chutich) == 2
    first = AwardRecord.objects.get(member=coded[0])
    assert first.award_type.code == "LDTT" and first.source == "imported"
    assert first.decided_on.isoformat() == "2025-01-15"
    second = AwardRecord.objects.get(member=coded[1])
    assert second.award_type is None and second.display_name == "Giấy khen của Sở Y tế"


def test_any_bad_row_refuses_the_whole_file(people, coded, tree):
    file = _xlsx(
        [
            ["DV001", None, None, 2024, "LDTT", None, None, None, None],
            ["DV999", None, None, 2024, "LDTT", None, None, None, None],
            ["DV002", None, "Sai Tên", 1800, "KHONG-CO", None, None, "32/13/2024", None],
            ["DV002", None, None, 2024, "TTLDTT", None, None, None, None],
        ]
    )
    with pytest.raises(InvalidInput) as caught:
        import_award_history(file, org=tree.bvdk, by=people.bvdk_thidua)
    errors = {(e["row"], e["field"]) for e in caught.value.errors}
    assert (3, "Mã đoàn viên") in errors
    assert {
        (4, "Họ và tên"),
        (4, "Năm"),
        (4, "Mã danh hiệu, hình thức"),
        (4, "Ngày quyết định"),
    } <= errors
    assert (5, "Mã danh hiệu, hình thức") in errors
    assert not AwardRecord.objects.exists()


def test_a_duplicate_of_the_history_is_refused(people, coded, tree):
    row = ["DV001", None, None, 2024, "LDTT", None, None, None, None]
    import_award_history(_xlsx([row]), org=tree.bvdk, by=people.bvdk_thidua)
    with pytest.raises(InvalidInput):
        import_award_history(_xlsx([row]), org=tree.bvdk, by=people.bvdk_thidua)
    with pytest.raises(InvalidInput):
        import_award_history(
            _xlsx([[*row[:3], 2025, *row[4:]]] * 2), org=tree.bvdk, by=people.bvdk_thidua
        )
    assert AwardRecord.objects.count() == 1


def test_members_of_another_unit_are_unknown(people, coded, tree):
    MemberFactory(org=tree.bvnhi, code="NHI01")
    file = _xlsx([["NHI01", None, None, 2024, "LDTT", None, None, None, None]])
    with pytest.raises(InvalidInput):
        import_award_history(file, org=tree.bvdk, by=people.bvdk_thidua)
    with pytest.raises(Forbidden):
        import_award_history(file, org=tree.bvdk, by=people.bvnhi_thidua)


def test_not_a_workbook_is_refused(people, tree):
    with pytest.raises(InvalidInput):
        import_award_history(io.BytesIO(b"not excel"), org=tree.bvdk, by=people.bvdk_thidua)


def test_the_template_reads_back(people, tree):
    data = template_bytes(tree.bvdk)
    with pytest.raises(InvalidInput) as caught:
        import_award_history(io.BytesIO(data), org=tree.bvdk, by=people.bvdk_thidua)
    assert "không có dòng" in str(caught.value.detail).lower() or caught.value.errors
