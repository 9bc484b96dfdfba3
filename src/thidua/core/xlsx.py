"""Spreadsheets (.xlsx) for imports and exports.

``XlsxTable`` writes one table in constant memory (openpyxl ``write_only``): title lines, a header
row of Vietnamese headers (required ones marked ``*``, hints as cell comments and input messages),
typed columns (dates as real dates shown dd/mm/yyyy, booleans as Có/Không) and optional lists of
allowed values. Rows are appended one by one, so an export of any size streams.

``TableReader`` reads such a table back (openpyxl ``read_only``): it finds the header row among the
first rows of any sheet, matching headers after ``search_key`` normalisation so that minor typing
differences pass, and yields the non-empty rows with their spreadsheet row numbers, read by
``sheet_values`` (lxml, several times faster than openpyxl's own cell parsing). ``parse_date``,
``parse_bool`` and ``cell_text`` turn cells into values.

Headers and the Có/Không, Nam/Nữ values are the file format (fixed Vietnamese, like API field
names); titles, hints and messages are translatable.
"""

import datetime
import functools
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from lxml import etree
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet.datavalidation import DataValidation

from thidua.core.exceptions import InvalidInput
from thidua.core.text import normalize, search_key

TEXT, DATE, BOOL, NUMBER = "text", "date", "bool", "number"
YES, NO = "Có", "Không"
DATE_FORMAT = "DD/MM/YYYY"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Field name of errors about the whole file rather than one cell (row 0).
FILE_FIELD = "file"

_TRUE = {"co", "x", "yes", "true", "1", "c"}
_FALSE = {"khong", "no", "false", "0", "k", ""}
_EXACT_BOOL = {YES: True, NO: False}  # the template's own values, without computing a key
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
# Elements of a worksheet's XML, read by ``sheet_values`` and ``_SizedFromHeader``.
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _VALUE, _INLINE = f"{_MAIN_NS}row", f"{_MAIN_NS}v", f"{_MAIN_NS}is"
_TEXT, _RUN = f"{_MAIN_NS}t", f"{_MAIN_NS}r"
_DIMENSION, _SHEET_DATA = f"{_MAIN_NS}dimension", f"{_MAIN_NS}sheetData"


@dataclass(frozen=True)
class Column:
    """One column of a table: ``key`` in code, ``header`` in the file."""

    key: str
    header: str
    kind: str = TEXT
    width: float = 16
    required: bool = False
    hint: str = ""
    choices: tuple[str, ...] = ()

    @property
    def label(self):
        return f"{self.header}*" if self.required else self.header

    @property
    def match_keys(self):
        return {header_key(self.header), header_key(self.key)}


def header_key(value):
    """How headers are compared: without ``*``, case, diacritics and extra spaces."""
    return search_key(str(value or "").replace("*", "").replace("_", " "))


def file_error(message, row=0, field=FILE_FIELD):
    return InvalidInput(message, errors=[{"row": row, "field": field, "message": message}])


class XlsxTable:
    """A workbook with one table sheet, written row by row (see the module docstring).

    ``validation_rows`` > 0 adds input messages and lists of allowed values to that many rows
    under the header (for blank templates).
    """

    def __init__(self, columns, *, sheet_title, title_lines=(), validation_rows=0):
        self.columns = tuple(columns)
        self.workbook = Workbook(write_only=True)
        self.sheet = self.workbook.create_sheet(title=sheet_title[:31])
        title_lines = [str(line) for line in title_lines if line]
        self.header_row = len(title_lines) + (2 if title_lines else 1)
        for index, column in enumerate(self.columns, start=1):
            dimension = self.sheet.column_dimensions[get_column_letter(index)]
            dimension.width = column.width
            if column.kind == DATE:
                dimension.number_format = DATE_FORMAT
            elif column.kind == TEXT:
                dimension.number_format = "@"
        self.sheet.freeze_panes = f"A{self.header_row + 1}"
        if validation_rows:
            self._add_validations(validation_rows)
        for number, line in enumerate(title_lines):
            cell = WriteOnlyCell(self.sheet, line)
            cell.font = _TITLE if number == 0 else Font(italic=True)
            self.sheet.append([cell])
        if title_lines:
            self.sheet.append([])
        self.sheet.append([self._header_cell(column) for column in self.columns])

    def _header_cell(self, column):
        cell = WriteOnlyCell(self.sheet, column.label)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        if column.hint:
            cell.comment = Comment(str(column.hint), "thidua", width=260, height=110)
        return cell

    def _add_validations(self, rows):
        first, last = self.header_row + 1, self.header_row + rows
        for index, column in enumerate(self.columns, start=1):
            letter = get_column_letter(index)
            if column.choices:
                validation = DataValidation(
                    type="list",
                    formula1='"{}"'.format(",".join(column.choices)),
                    allow_blank=not column.required,
                    showErrorMessage=True,
                    errorTitle=column.header,
                    error=_("Choose one of: %(choices)s.") % {"choices": ", ".join(column.choices)},
                )
            elif column.hint:
                validation = DataValidation(allow_blank=True)
            else:
                continue
            if column.hint:
                validation.showInputMessage = True
                validation.promptTitle = column.header[:32]
                validation.prompt = str(column.hint)[:255]
            validation.add(f"{letter}{first}:{letter}{last}")
            self.sheet.data_validations.append(validation)

    def append(self, values):
        """Add a row; ``values`` follow the columns (dates, booleans and text are formatted)."""
        self.sheet.append(
            [self._cell(column, value) for column, value in zip(self.columns, values, strict=True)]
        )

    def _cell(self, column, value):
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            return YES if value else NO
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, datetime.date):
            cell = WriteOnlyCell(self.sheet, value)
            cell.number_format = DATE_FORMAT
            return cell
        return value

    def add_notes_sheet(self, title, rows, widths=(30, 80)):
        """A further sheet of plain rows (instructions, code lists).

        The first row is the sheet's title; a row of one value is a section heading (bold).
        """
        sheet = self.workbook.create_sheet(title=title[:31])
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        for number, row in enumerate(rows):
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value)
                if number == 0:
                    cell.font = _TITLE
                elif len(row) == 1:
                    cell.font = _BOLD
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                cells.append(cell)
            sheet.append(cells)
        return sheet

    def save(self, fileobj):
        self.workbook.save(fileobj)


class _SizedFromHeader(ReadOnlyWorksheet):
    """A read-only sheet sized from the ``<dimension>`` element before its data, if any.

    openpyxl looks for that element by parsing the sheet to the end of its data, so a sheet
    without one (openpyxl's write-only files: our templates and exports) was parsed whole once
    more on opening; here the search stops where the data starts (unsized, as before).
    """

    def _get_size(self):
        with self._get_source() as source:
            events = etree.iterparse(
                source, events=("start",), resolve_entities=False, no_network=True, load_dtd=False
            )
            for _event, element in events:
                if element.tag == _DIMENSION:
                    bounds = range_boundaries(element.get("ref"))
                    self._min_column, self._min_row, self._max_column, self._max_row = bounds
                    return
                if element.tag == _SHEET_DATA:
                    return


class _TableWorkbookReader(ExcelReader):
    """``load_workbook(read_only=True)`` whose worksheets are ``_SizedFromHeader`` (openpyxl's
    read-only branch of ``read_worksheets``, chartsheets read as it reads them)."""

    def read_worksheets(self):
        for sheet, rel in self.parser.find_sheets():
            if rel.target not in self.valid_files:
                continue
            if "chartsheet" in rel.Type:
                self.read_chartsheet(sheet, rel)
                continue
            ws = _SizedFromHeader(self.wb, sheet.name, rel.target, self.shared_strings)
            ws.sheet_state = sheet.state
            self.wb._sheets.append(ws)


class TableReader:
    """Reads the table of ``columns`` from an uploaded .xlsx (see the module docstring).

    Refuses, with ``InvalidInput``, a file that is not a readable workbook, has no header row of
    the expected columns, or lacks a required column. Use as a context manager.
    """

    scan_rows = 15

    def __init__(self, fileobj, columns):
        self.columns = tuple(columns)
        try:
            if hasattr(fileobj, "seek"):
                fileobj.seek(0)
            reader = _TableWorkbookReader(fileobj, read_only=True, data_only=True)
            reader.read()
            self.workbook = reader.wb
        except Exception as exc:  # openpyxl raises many kinds of errors on arbitrary bytes
            raise file_error(_("The file is not a readable Excel workbook (.xlsx).")) from exc
        try:
            self.sheet, self.header_row, self.positions = self._find_header()
        except InvalidInput:
            self.close()
            raise
        except Exception as exc:
            self.close()
            raise file_error(_("The file is not a readable Excel workbook (.xlsx).")) from exc

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def close(self):
        self.workbook.close()

    @property
    def present(self):
        """Keys of the columns that the file has."""
        return set(self.positions)

    def _match(self, row):
        positions = {}
        for index, value in enumerate(row):
            key = header_key(value) if isinstance(value, str) else ""
            if not key:
                continue
            for column in self.columns:
                if key in column.match_keys and column.key not in positions:
                    positions[column.key] = index
                    break
        return positions

    def _find_header(self):
        best = (None, 0, {})
        for sheet in self.workbook.worksheets:
            rows = sheet.iter_rows(max_row=self.scan_rows, values_only=True)
            for number, row in enumerate(rows, start=1):
                positions = self._match(row)
                if len(positions) > len(best[2]):
                    best = (sheet, number, positions)
            if best[0] is not None and all(
                column.key in best[2] for column in self.columns if column.required
            ):
                break
        sheet, number, positions = best
        if len(positions) < 2:
            raise file_error(
                _("No header row found. Use the template: its first columns are %(headers)s.")
                % {"headers": ", ".join(c.label for c in self.columns[:3])}
            )
        missing = [c for c in self.columns if c.required and c.key not in positions]
        if missing:
            raise InvalidInput(
                _("Some required columns are missing."),
                errors=[
                    {"row": number, "field": c.header, "message": _("This column is missing.")}
                    for c in missing
                ],
            )
        return sheet, number, positions

    def count_rows(self):
        """Data rows below the header: from the sheet's dimensions when recorded, else counted.

        Cheap but approximate (trailing formatted blank rows count); good for choosing between
        importing now and in the background.
        """
        if self.sheet.max_row:
            return max(self.sheet.max_row - self.header_row, 0)
        return sum(1 for _row in self.rows())

    def rows(self):
        """``(row_number, {key: value})`` for every row under the header that is not blank."""
        try:
            for number, row in sheet_values(self.sheet, min_row=self.header_row + 1):
                values = {}
                for key, index in self.positions.items():
                    value = row[index] if index < len(row) else None
                    if isinstance(value, str) and not value.strip():
                        value = None
                    values[key] = value
                if any(value is not None for value in values.values()):
                    yield number, values
        except InvalidInput:
            raise
        except Exception as exc:
            raise file_error(_("The file is damaged and cannot be read to the end.")) from exc


@functools.lru_cache(maxsize=1024)
def _column_index(letters):
    """0-based column of a cell reference's letters ("C" → 2)."""
    return column_index_from_string(letters) - 1


def sheet_values(sheet, min_row=1):
    """``(row_number, [value, ...])`` for the rows of a read-only ``sheet`` from ``min_row`` on.

    The values are those of openpyxl's ``iter_rows(values_only=True)`` with ``data_only`` (cached
    formula results; numbers, dates by the cell's number format, booleans, shared and inline
    strings without their formatting, error codes as text), but the sheet's XML is parsed with
    lxml and each cell read directly: openpyxl builds a rich-text object per inline string and
    parses a sheet without a ``<dimension>`` (files written by openpyxl's write-only mode, like
    our exports) once more just to size it, which made reading most of an import's time. Rows
    missing from the XML are skipped (they are blank); entities are never resolved.
    """
    workbook = sheet.parent
    shared = sheet._shared_strings
    dates, durations, epoch = workbook._date_formats, workbook._timedelta_formats, workbook.epoch
    number = 0
    with workbook._archive.open(sheet._worksheet_path) as source:
        parser = etree.iterparse(
            source,
            tag=_ROW,
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            remove_comments=True,
            remove_pis=True,
        )
        for _event, element in parser:
            number = int(element.get("r") or number + 1)
            if number >= min_row:
                yield number, _row_values(element, shared, dates, durations, epoch)
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]


def _row_values(element, shared, dates, durations, epoch):
    values = []
    for cell in element:
        value = _cell_value(cell, shared, dates, durations, epoch)
        reference = cell.get("r")
        column = _column_index(reference.rstrip("0123456789")) if reference else len(values)
        if column >= len(values):
            values.extend([None] * (column - len(values)))
            values.append(value)
        else:
            values[column] = value
    return values


# Children are walked by index and tag, not with ``find``/``findtext`` (their path parsing per call
# doubled the time of reading a sheet).
def _cell_value(cell, shared, dates, durations, epoch):
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return _inline_text(cell)
    value = next((child.text for child in cell if child.tag == _VALUE), None)
    if not value:
        return None
    if kind == "n":
        number = float(value) if "." in value or "E" in value or "e" in value else int(value)
        style = int(cell.get("s") or 0)
        if style in dates:
            try:
                return from_excel(number, epoch, timedelta=style in durations)
            except (OverflowError, ValueError):
                return "#VALUE!"
        return number
    if kind == "s":
        return shared[int(value)]
    if kind == "b":
        return bool(int(value))
    if kind == "d":
        return from_ISO8601(value)
    return value  # "str" (a formula's text) and "e" (an error code)


def _inline_text(cell):
    """The text of an inline string: its plain text and its runs' text (no phonetic runs)."""
    for inline in cell:
        if inline.tag == _INLINE:
            parts = []
            for part in inline:
                if part.tag == _TEXT:
                    parts.append(part.text or "")
                elif part.tag == _RUN:
                    parts += [piece.text or "" for piece in part if piece.tag == _TEXT]
            return "".join(parts)
    return None


def cell_text(value):
    """A cell as normalised text: numbers without ``.0``, dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    return normalize(str(value))


_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(value):
    """A real Excel date or dd/mm/yyyy text (yyyy-mm-dd too) → ``date``; blank → None.

    Raises ``ValueError`` for anything else (numbers, two-digit years, impossible dates).
    """
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        raise ValueError(value)
    text = value.strip()
    if not text:
        return None
    if match := _DMY.match(text):
        day, month, year = map(int, match.groups())
    elif match := _YMD.match(text):
        year, month, day = map(int, match.groups())
    else:
        raise ValueError(value)
    return datetime.date(year, month, day)


def parse_bool(value):
    """Có / Không (also x, blank, yes/no, 1/0) → bool. Raises ``ValueError`` otherwise."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if value in (0, 1):
            return bool(value)
        raise ValueError(value)
    if value in _EXACT_BOOL:
        return _EXACT_BOOL[value]
    key = search_key(str(value))
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ValueError(value)
