"""The personal-data export of one member: a ZIP with a JSON file and an Excel summary.

``du-lieu-ca-nhan.json`` is the machine-readable part: ``{"dinh_dang", "xuat_luc", "doan_vien",
"cac_muc": {key: {"tieu_de", "so_ban_ghi", "ban_ghi": [{field: value}]}}}`` with one section per
``inventory.SOURCES`` entry (empty ones included, so the reader sees what was looked at), field
names as in the database, dates ISO 8601 and related records by their display name; fields a
source hides for a row (audit snapshots older than an anonymisation) are ``null``.
``du-lieu-ca-nhan.xlsx`` is for people: an overview sheet, then one sheet per kind of record that
has rows, with the fields' labels as headers and choices, yes/no and dates shown as on the pages.
"""

import datetime
import decimal
import io
import json
import re
import zipfile

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from thidua.core.xlsx import DATE_FORMAT, NO, YES
from thidua.privacy.inventory import SOURCES

FORMAT = "thidua-du-lieu-ca-nhan/1"
JSON_NAME = "du-lieu-ca-nhan.json"
XLSX_NAME = "du-lieu-ca-nhan.xlsx"
_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _related(obj, field):
    related = getattr(obj, field.name)
    return None if related is None else str(related)


def json_value(obj, field):
    if field.is_relation:
        return _related(obj, field)
    value = getattr(obj, field.attname)
    if isinstance(value, datetime.datetime):
        return (
            timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def sheet_value(obj, field):
    if field.is_relation:
        return _related(obj, field)
    value = getattr(obj, field.attname)
    if field.choices and value not in (None, ""):
        return str(getattr(obj, f"get_{field.name}_display")())
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return local.strftime("%d/%m/%Y %H:%M")
    if isinstance(field, models.JSONField):
        return json.dumps(value, ensure_ascii=False) if value not in (None, "", {}, []) else None
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


def collect(member):
    """``[(source, fields, rows)]`` for every source; ``rows`` are ``(instance, hidden field
    names)`` pairs."""
    sections = []
    for source in SOURCES:
        fields = source.exported_fields()
        hide = source.hide(member) if source.hide else (lambda row: frozenset())
        rows = [(row, hide(row)) for row in source.queryset(member).order_by("pk")]
        sections.append((source, fields, rows))
    return sections


def _value(row, hidden, field, value):
    return None if field.name in hidden else value(row, field)


def _json_document(member, sections, now):
    return {
        "dinh_dang": FORMAT,
        "xuat_luc": timezone.localtime(now).isoformat(),
        "doan_vien": {"id": member.pk, "ho_ten": member.full_name, "don_vi": member.org.name},
        "cac_muc": {
            source.key: {
                "tieu_de": str(source.title),
                "so_ban_ghi": len(rows),
                "ban_ghi": [
                    {f.name: _value(row, hidden, f, json_value) for f in fields}
                    for row, hidden in rows
                ],
            }
            for source, fields, rows in sections
        },
    }


def _sheet_title(title, used):
    base = _SHEET_NAME_FORBIDDEN.sub(" ", str(title))[:28].strip() or "Sheet"
    name, number = base, 2
    while name.lower() in used:
        name = f"{base[:26]} {number}"
        number += 1
    used.add(name.lower())
    return name


def _workbook(member, sections, now, by):
    workbook = Workbook()
    overview = workbook.active
    overview.title = _sheet_title(_("Overview"), used := set())
    overview.column_dimensions["A"].width = 45
    overview.column_dimensions["B"].width = 60
    overview.append([_("Personal data held by thidua")])
    overview["A1"].font = Font(bold=True, size=14)
    overview.append([_("Member"), member.full_name])
    overview.append([_("Unit"), member.org.name])
    overview.append([_("Exported at"), timezone.localtime(now).strftime("%d/%m/%Y %H:%M")])
    overview.append([_("Exported by"), str(by)])
    overview.append([])
    overview.append([_("Kind of record"), _("Number of records")])
    for cell in overview[overview.max_row]:
        cell.font = _BOLD
    for source, fields, rows in sections:
        overview.append([str(source.title), len(rows)])
        if not rows:
            continue
        sheet = workbook.create_sheet(_sheet_title(source.title, used))
        sheet.append([str(f.verbose_name).capitalize() for f in fields])
        for index, cell in enumerate(sheet[1], start=1):
            cell.font = _BOLD
            cell.fill = _HEADER_FILL
            sheet.column_dimensions[get_column_letter(index)].width = 20
        for row, hidden in rows:
            sheet.append([_value(row, hidden, f, sheet_value) for f in fields])
        for column, field in enumerate(fields, start=1):
            if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
                for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
                    cell.number_format = DATE_FORMAT
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def build_zip(member, *, by):
    """The ZIP bytes of ``member``'s data and the count of records per source key."""
    now = timezone.now()
    sections = collect(member)
    document = _json_document(member, sections, now)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(JSON_NAME, json.dumps(document, ensure_ascii=False, indent=2))
        archive.writestr(XLSX_NAME, _workbook(member, sections, now, by))
    counts = {source.key: len(rows) for source, _fields, rows in sections}
    return buffer.getvalue(), counts
