"""Pledges: bulk entry of a unit's members and its collective pledge, and the spreadsheet import."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from tests.factories import MemberFactory
from thidua.core.exceptions import Forbidden, InvalidInput, InvalidTransition
from thidua.movements import imports, services
from thidua.movements.models import Pledge


def test_bulk_pledges_of_members_and_the_collective(launched, people, tree):
    written = services.record_pledges(
        launched,
        org=tree.bvdk,
        by=people.bvdk_thidua,
        entries=[
            {"member": None, "commitments": "100% tổ công đoàn đăng ký"},
            {"member": people.hong, "commitments": "Hoàn thành xuất sắc nhiệm vụ"},
            {"member": people.nurse, "commitments": "Một sáng kiến cải tiến"},
        ],
    )
    assert len(written) == 3
    assert Pledge.objects.get(movement=launched, member=None).org == tree.bvdk

    # A second pledge of the same member replaces the first.
    services.record_pledges(
        launched,
        org=tree.bvdk,
        by=people.bvdk_chutich,
        entries=[{"member": people.hong, "commitments": "Hai sáng kiến"}],
    )
    assert Pledge.objects.filter(movement=launched).count() == 3
    assert Pledge.objects.get(member=people.hong).commitments == "Hai sáng kiến"


def test_bulk_pledges_are_all_or_nothing_with_the_rows(launched, people, tree):
    with pytest.raises(InvalidInput) as caught:
        services.record_pledges(
            launched,
            org=tree.bvdk,
            by=people.bvdk_thidua,
            entries=[
                {"member": people.hong, "commitments": "Tốt"},
                {"member": people.child_doctor, "commitments": "Của BVNHI"},
                {"member": people.hong, "commitments": "Lặp lại"},
                {"member": None, "commitments": ""},
            ],
        )
    assert [(e["row"], e["field"]) for e in caught.value.errors] == [
        (2, "member_id"),
        (3, "member_id"),
        (4, "commitments"),
    ]
    assert not Pledge.objects.exists()


def test_pledges_only_for_a_unit_addressed_by_a_running_movement(draft, launched, people, tree):
    with pytest.raises(InvalidInput):
        services.record_pledges(
            launched,
            org=tree.bvdk_group,
            by=people.bvdk_thidua,
            entries=[{"member": None, "commitments": "x"}],
        )
    with pytest.raises(InvalidTransition):
        services.record_pledges(
            draft(),
            org=tree.bvdk,
            by=people.bvdk_thidua,
            entries=[{"member": None, "commitments": "x"}],
        )
    with pytest.raises(Forbidden):
        services.record_pledges(
            launched,
            org=tree.bvdk,
            by=people.bvnhi_thidua,
            entries=[{"member": None, "commitments": "x"}],
        )


def workbook(rows):
    book = Workbook()
    sheet = book.active
    sheet.append(["Mã đoàn viên", "Họ và tên", "Nội dung đăng ký thi đua*"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def test_import_by_code_name_and_collective(launched, people, tree):
    MemberFactory(org=tree.bvdk, code="BV0099", full_name="Lâm Văn Tâm")
    rows = [
        ["", "Tập thể", "Đạt danh hiệu Tập thể lao động xuất sắc"],
        ["BV0099", "", "Hoàn thành xuất sắc nhiệm vụ"],
        ["", "nguyen thi hong", "Một sáng kiến"],
        ["", "Trần Văn Bình", ""],  # no commitments: skipped
    ]
    written = imports.import_pledges(
        launched, org=tree.bvdk, by=people.bvdk_thidua, fileobj=workbook(rows)
    )
    assert len(written) == 3
    assert Pledge.objects.get(member=people.hong).commitments == "Một sáng kiến"


def test_import_errors_name_the_rows_and_save_nothing(launched, people, tree):
    MemberFactory(org=tree.bvdk, full_name="Nguyễn Văn An")
    MemberFactory(org=tree.bvdk, full_name="Nguyễn Văn An")
    rows = [
        ["", "Nguyễn Thị Hồng", "Tốt"],
        ["XX01", "", "Mã không có"],
        ["", "Nguyễn Văn An", "Trùng tên"],
        ["", "Lê Thị Mai", "Người của BVNHI"],
    ]
    with pytest.raises(InvalidInput) as caught:
        imports.import_pledges(
            launched, org=tree.bvdk, by=people.bvdk_thidua, fileobj=workbook(rows)
        )
    assert [e["row"] for e in caught.value.errors] == [3, 4, 5]
    assert not Pledge.objects.exists()


def test_import_of_a_file_that_is_not_a_workbook(launched, people, tree):
    with pytest.raises(InvalidInput):
        imports.import_pledges(
            launched, org=tree.bvdk, by=people.bvdk_thidua, fileobj=io.BytesIO(b"not excel")
        )


def test_the_template_lists_the_units_members(launched, people, tree):
    buffer = io.BytesIO()
    imports.pledge_template(launched, tree.bvdk, buffer)
    buffer.seek(0)
    values = list(load_workbook(buffer).active.iter_rows(values_only=True))
    names = {row[1] for row in values}
    assert {"Tập thể", "Nguyễn Thị Hồng", "Trần Văn Bình"} <= names
    assert "Lê Thị Mai" not in names
