"""``core.xlsx.sheet_values`` reads the values openpyxl reads, whatever wrote the file."""

import datetime
import io
import zipfile

import openpyxl
import pytest

from thidua.core.xlsx import Column, TableReader, sheet_values

MIXED = [
    ["Mã", "Tên", "Số", "Có", "Ngày", "Giờ"],
    ["A1", "Nguyễn Thị Lan", 3, True, datetime.date(1985, 9, 5), datetime.datetime(2020, 1, 5, 8)],
    ["A2", None, 2.5, False, None, None, None, "cuối"],
    [],
    ["A4", "=1+1", 1e20, "Không", datetime.time(10, 5), datetime.timedelta(days=1, hours=2)],
]


def saved(write_only):
    book = openpyxl.Workbook(write_only=write_only)
    sheet = book.create_sheet() if write_only else book.active
    for values in MIXED:
        sheet.append(values)
    if not write_only:
        sheet["J9"] = "ô lẻ"  # a cell far from the others
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def openpyxl_rows(data):
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
    rows = {}
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        values = list(values)
        while values and values[-1] is None:
            values.pop()
        if values:
            rows[number] = values
    return rows


def our_rows(data):
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
    rows = {}
    for number, values in sheet_values(sheet):
        while values and values[-1] is None:
            values.pop()
        if values:
            rows[number] = values
    return rows


@pytest.mark.parametrize("write_only", [False, True], ids=["shared strings", "inline strings"])
def test_the_values_are_those_openpyxl_reads(write_only):
    data = saved(write_only)
    assert our_rows(data) == openpyxl_rows(data)
    assert our_rows(data)[2][:2] == ["A1", "Nguyễn Thị Lan"]


def test_inline_rich_text_is_read_without_formatting_or_phonetic_runs():
    data = saved(write_only=True)
    rich = (
        '<c r="B2" t="inlineStr"><is><r><rPr><b/></rPr><t>Nguyễn </t></r>'
        '<r><t>Thị Lan</t></r><rPh sb="0" eb="1"><t>x</t></rPh></is></c>'
    )
    source, target = io.BytesIO(data), io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            content = old.read(item)
            if item.filename.startswith("xl/worksheets/"):
                text = content.decode()
                start = text.index('<c r="B2"')
                end = text.index("</c>", start) + len("</c>")
                content = (text[:start] + rich + text[end:]).encode()
            new.writestr(item, content)
    data = target.getvalue()

    assert our_rows(data)[2][1] == "Nguyễn Thị Lan"
    assert our_rows(data) == openpyxl_rows(data)


def test_the_table_reader_counts_rows_with_or_without_a_dimension():
    """With a ``<dimension>`` the count is read from it; without one, the rows are counted."""
    columns = (Column("code", "Mã", required=True), Column("name", "Tên"))
    for write_only, count in ((False, 8), (True, 3)):
        with TableReader(io.BytesIO(saved(write_only)), columns) as table:
            assert [number for number, _values in table.rows()] == [2, 3, 5]
            assert table.count_rows() == count
