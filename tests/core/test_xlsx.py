"""The shared .xlsx writer and reader: typed columns, title rows, tolerant headers and values."""

import datetime
import io

import openpyxl
import pytest
from django.utils import translation

from thidua.core.exceptions import InvalidInput
from thidua.core.xlsx import (
    BOOL,
    DATE,
    NUMBER,
    Column,
    TableReader,
    XlsxTable,
    cell_text,
    parse_bool,
    parse_date,
)


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted as their English msgids, whatever the Vietnamese catalogue holds."""
    with translation.override("en"):
        yield


COLUMNS = (
    Column("code", "Mã", required=True, hint="Mã của đơn vị"),
    Column("name", "Tên", required=True),
    Column("born", "Ngày sinh", kind=DATE),
    Column("direct", "Trực tiếp", kind=BOOL, choices=("Có", "Không")),
    Column("count", "Số", kind=NUMBER),
)


def written(title_lines=("Danh sách", "Lập lúc 01/02/2026 08:00"), rows=(), **kwargs):
    table = XlsxTable(COLUMNS, sheet_title="Bảng", title_lines=title_lines, **kwargs)
    for values in rows:
        table.append(values)
    buffer = io.BytesIO()
    table.save(buffer)
    buffer.seek(0)
    return buffer


def test_the_writer_puts_titles_headers_and_typed_cells():
    buffer = written(rows=[("A1", "Đơn vị A", datetime.date(1990, 2, 5), True, 12)])
    sheet = openpyxl.load_workbook(buffer).active

    assert sheet["A1"].value == "Danh sách" and sheet["A1"].font.bold
    assert [c.value for c in sheet[4]] == ["Mã*", "Tên*", "Ngày sinh", "Trực tiếp", "Số"]
    assert sheet["A4"].comment.text == "Mã của đơn vị"
    assert sheet["C5"].value == datetime.datetime(1990, 2, 5)
    assert sheet["C5"].number_format == "DD/MM/YYYY"
    assert sheet["D5"].value == "Có"
    assert sheet["E5"].value == 12
    assert sheet.freeze_panes == "A5"


def test_templates_carry_lists_of_allowed_values_and_input_messages():
    sheet = openpyxl.load_workbook(written(title_lines=(), validation_rows=100)).active
    validations = {str(v.sqref): v for v in sheet.data_validations.dataValidation}

    assert validations["D2:D101"].formula1 == '"Có,Không"'
    assert validations["A2:A101"].prompt == "Mã của đơn vị"


def test_the_notes_sheet_follows_the_table():
    table = XlsxTable(COLUMNS, sheet_title="Bảng")
    table.add_notes_sheet("Hướng dẫn", [("Hướng dẫn",), ("Mã", "Bắt buộc")])
    buffer = io.BytesIO()
    table.save(buffer)
    book = openpyxl.load_workbook(buffer)
    assert book.sheetnames == ["Bảng", "Hướng dẫn"]
    assert book["Hướng dẫn"]["B2"].value == "Bắt buộc"


def test_the_reader_finds_the_header_under_title_rows_and_skips_blank_rows():
    buffer = written(
        rows=[
            ("A1", "Một", None, False, None),
            (None, None, None, None, None),
            ("A2", "Hai", datetime.date(2000, 1, 1), True, 3),
        ]
    )

    with TableReader(buffer, COLUMNS) as table:
        assert table.header_row == 4
        rows = list(table.rows())

    assert [number for number, _values in rows] == [5, 7]
    assert rows[1][1]["born"] == datetime.datetime(2000, 1, 1)


def test_the_reader_matches_headers_loosely_and_reports_missing_required_columns():
    book = openpyxl.Workbook()
    book.active.append(["ten", "NGAY SINH", "Trực  tiếp"])
    buffer = io.BytesIO()
    book.save(buffer)

    with pytest.raises(InvalidInput) as caught:
        TableReader(buffer, COLUMNS)

    assert caught.value.errors == [{"row": 1, "field": "Mã", "message": "This column is missing."}]


def test_a_non_workbook_is_one_clear_error():
    with pytest.raises(InvalidInput) as caught:
        TableReader(io.BytesIO(b"<html>not a workbook</html>"), COLUMNS)
    assert caught.value.errors[0]["row"] == 0
    assert caught.value.errors[0]["field"] == "file"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("05/09/1985", datetime.date(1985, 9, 5)),
        ("5/9/1985", datetime.date(1985, 9, 5)),
        ("05-09-1985", datetime.date(1985, 9, 5)),
        ("05.09.1985", datetime.date(1985, 9, 5)),
        ("1985-09-05", datetime.date(1985, 9, 5)),
        (datetime.datetime(1985, 9, 5, 0, 0), datetime.date(1985, 9, 5)),
        (datetime.date(1985, 9, 5), datetime.date(1985, 9, 5)),
    ],
)
def test_dates_are_real_dates_or_day_month_year_text(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value", ["31/02/1990", "09/05/85", "1990", 32000, "hôm qua", "13/13/2000"]
)
def test_anything_else_is_not_a_date(value):
    with pytest.raises(ValueError):
        parse_date(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Có", True),
        ("có", True),
        ("CO", True),
        ("x", True),
        ("X", True),
        (True, True),
        (1, True),
        ("Không", False),
        ("khong", False),
        (None, False),
        ("", False),
        (False, False),
        (0, False),
    ],
)
def test_yes_no_values(value, expected):
    assert parse_bool(value) is expected


@pytest.mark.parametrize("value", ["có lẽ", "2", 5])
def test_other_yes_no_values_are_refused(value):
    with pytest.raises(ValueError):
        parse_bool(value)


def test_cell_text_normalises():
    assert cell_text(1001.0) == "1001"
    assert cell_text("  Nguyễn   Văn  An ") == "Nguyễn Văn An"
    assert cell_text(None) == ""
    assert cell_text(datetime.date(2020, 3, 5)) == "05/03/2020"
