"""Importing members' historical awards and yearly assessments from .xlsx, all or nothing.

The file lists one award per row for members of one unit (its subtree): the member by code, the
year, the award by catalogue code or, for an award the catalogue lacks, by name, and the decision.
Every row is validated first; any error refuses the whole file with ``InvalidInput`` whose
``errors`` are ``{"row", "field", "message"}`` (``field``: the column's Vietnamese header). Only a
clean file is written, in one transaction, with one audit entry summarising it.
"""

import io

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.models import (
    AwardRecord,
    AwardType,
    MemberYearAssessment,
    RecordSource,
    TaskRating,
    history_batch,
)
from thidua.core import audit
from thidua.core.exceptions import InvalidInput
from thidua.core.import_jobs import Progress
from thidua.core.models import AuditEntry
from thidua.core.permissions import require
from thidua.core.text import search_key
from thidua.core.xlsx import DATE, NUMBER, Column, TableReader, XlsxTable, cell_text, parse_date
from thidua.organizations.models import Member, OrgUnit

MAX_ROWS = 20_000
DATE_HINT = gettext_lazy("A date: dd/mm/yyyy, e.g. 05/09/1985.")

COLUMNS = (
    Column(
        "member_code",
        "Mã đoàn viên",
        required=True,
        width=14,
        hint=gettext_lazy("The member's code in the unit."),
    ),
    Column(
        "org_code",
        "Mã đơn vị",
        width=14,
        hint=gettext_lazy("Needed only when two units below this one use the same member code."),
    ),
    Column(
        "full_name",
        "Họ và tên",
        width=28,
        hint=gettext_lazy("Checked against the member's name when given."),
    ),
    Column("year", "Năm", kind=NUMBER, required=True, width=8),
    Column(
        "award_code",
        "Mã danh hiệu, hình thức",
        width=16,
        hint=gettext_lazy(
            "The catalogue code, e.g. LDTT; blank for an award outside the catalogue."
        ),
    ),
    Column(
        "award_name",
        "Tên danh hiệu, hình thức",
        width=40,
        hint=gettext_lazy("Required when the code is blank."),
    ),
    Column("decision_number", "Số quyết định", width=16),
    Column("decided_on", "Ngày quyết định", kind=DATE, width=14, hint=DATE_HINT),
    Column("issued_by", "Cơ quan ban hành", width=36),
)
HEADERS = {column.key: column.header for column in COLUMNS}


def template_bytes(org):
    """The blank template for ``org``: the table and a sheet listing the catalogue codes."""
    table = XlsxTable(
        COLUMNS,
        sheet_title="Khen thưởng",
        title_lines=[_("Award history of members: %(unit)s") % {"unit": org.name}],
        validation_rows=500,
    )
    rows = [[_("Catalogue codes")], [_("Code"), _("Name")]]
    rows += [[a.code, a.name] for a in AwardType.objects.filter(subject="individual")]
    table.add_notes_sheet("Hướng dẫn", rows, widths=(18, 80))
    buffer = io.BytesIO()
    table.save(buffer)
    return buffer.getvalue()


def _error(row, key, message):
    return {"row": row, "field": HEADERS[key], "message": str(message)}


def _text(value, limit):
    text = cell_text(value)
    return text[:limit], len(text) > limit


def import_award_history(fileobj, *, org, by, progress=None):
    """Create the award records of the file for members of ``org``'s subtree; returns the count.

    Raises ``InvalidInput`` (nothing saved) when any row is wrong. ``progress`` (a
    ``core.import_jobs.Progress``) is told the rows read, then the rows written.
    """
    require(by, "awards.import_history", org)
    progress = progress or Progress()
    members = {}
    for member in Member.objects.filter(org_path__startswith=org.path).select_related("org"):
        if member.code:
            members.setdefault(member.code.casefold(), []).append(member)
    units = {u.code.casefold(): u for u in OrgUnit.objects.filter(path__startswith=org.path)}
    awards = {a.code.casefold(): a for a in AwardType.objects.all()}
    this_year = timezone.localdate().year
    errors, rows, seen = [], [], set()
    with TableReader(fileobj, COLUMNS) as reader:
        progress.start(2 * min(reader.count_rows(), MAX_ROWS))
        for read, (number, values) in enumerate(reader.rows(), start=1):
            progress(read)
            if len(rows) + len(errors) > MAX_ROWS:
                raise InvalidInput(
                    _("The file has more than %(max)d rows.") % {"max": MAX_ROWS},
                    errors=[{"row": 0, "field": "file", "message": _("Split the file.")}],
                )
            row_errors = []
            code = cell_text(values.get("member_code"))
            candidates = members.get(code.casefold(), []) if code else []
            unit_code = cell_text(values.get("org_code"))
            if unit_code:
                unit = units.get(unit_code.casefold())
                if unit is None:
                    row_errors.append(
                        _error(
                            number,
                            "org_code",
                            _("No such unit below %(unit)s.") % {"unit": org.name},
                        )
                    )
                candidates = [m for m in candidates if unit and m.org_id == unit.pk]
            member = None
            if not code:
                row_errors.append(_error(number, "member_code", _("This field is required.")))
            elif not candidates:
                row_errors.append(
                    _error(number, "member_code", _("No member of the unit has this code."))
                )
            elif len(candidates) > 1:
                row_errors.append(
                    _error(
                        number,
                        "member_code",
                        _("Several members have this code: give the unit code."),
                    )
                )
            else:
                member = candidates[0]
            name = cell_text(values.get("full_name"))
            if member and name and name.casefold() != member.full_name.casefold():
                row_errors.append(
                    _error(
                        number,
                        "full_name",
                        _("The member with this code is %(name)s.") % {"name": member.full_name},
                    )
                )
            year = values.get("year")
            try:
                year = int(cell_text(year))
                if not 1945 <= year <= this_year:
                    raise ValueError(year)
            except (TypeError, ValueError):
                year = None
                row_errors.append(
                    _error(number, "year", _("A year from 1945 to %(year)d.") % {"year": this_year})
                )
            award_code = cell_text(values.get("award_code"))
            award_name, too_long = _text(values.get("award_name"), 255)
            award = None
            if award_code:
                award = awards.get(award_code.casefold())
                if award is None:
                    row_errors.append(
                        _error(number, "award_code", _("No award type has this code."))
                    )
                elif not award.is_individual:
                    row_errors.append(
                        _error(number, "award_code", _("This award is for collectives."))
                    )
            elif not award_name:
                row_errors.append(
                    _error(number, "award_name", _("Give the award's code or its name."))
                )
            if too_long:
                row_errors.append(_error(number, "award_name", _("At most 255 characters.")))
            decision_number, too_long = _text(values.get("decision_number"), 60)
            if too_long:
                row_errors.append(_error(number, "decision_number", _("At most 60 characters.")))
            issued_by, too_long = _text(values.get("issued_by"), 255)
            if too_long:
                row_errors.append(_error(number, "issued_by", _("At most 255 characters.")))
            try:
                decided_on = parse_date(values.get("decided_on"))
            except (ValueError, TypeError):
                decided_on = None
                row_errors.append(_error(number, "decided_on", DATE_HINT))
            if decided_on and decided_on > timezone.localdate():
                row_errors.append(_error(number, "decided_on", _("The date is in the future.")))
            if member and year and award:
                key = (member.pk, award.pk, year)
                if key in seen:
                    row_errors.append(
                        _error(number, "award_code", _("The same award appears twice."))
                    )
                elif (
                    AwardRecord.objects.effective()
                    .filter(member=member, award_type=award, year=year)
                    .exists()
                ):
                    row_errors.append(
                        _error(
                            number,
                            "award_code",
                            _("%(name)s already has this award for %(year)d.")
                            % {"name": member.full_name, "year": year},
                        )
                    )
                seen.add(key)
            if row_errors:
                errors.extend(row_errors)
                continue
            rows.append(
                AwardRecord(
                    member=member,
                    holder_org=member.org,
                    award_type=award,
                    award_name="" if award else award_name,
                    year=year,
                    decision_number=decision_number,
                    decided_on=decided_on,
                    issued_by_name=issued_by,
                    source=RecordSource.IMPORTED,
                    created_by=by,
                )
            )
    if errors:
        raise InvalidInput(_("The file has errors; nothing was imported."), errors=errors)
    if not rows:
        raise InvalidInput(
            _("The file has no rows."),
            errors=[{"row": 0, "field": "file", "message": _("The file has no rows.")}],
        )
    progress.start(2 * len(rows), done=len(rows))
    with transaction.atomic(), history_batch():
        for done, record in enumerate(rows, start=len(rows) + 1):
            record.save()
            progress(done)
        audit.record(
            by,
            AuditEntry.Action.IMPORT,
            org,
            after={"award_records": len(rows)},
            comment=_("Imported %(count)d historical awards.") % {"count": len(rows)},
        )
    progress(2 * len(rows), force=True)
    return len(rows)


# --- yearly assessments ---------------------------------------------------------------------

# The ratings as written in the file (fixed Vietnamese: the file format, like the headers).
RATING_LABELS = {
    "Hoàn thành xuất sắc nhiệm vụ": TaskRating.EXCELLENT,
    "Hoàn thành tốt nhiệm vụ": TaskRating.GOOD,
    "Hoàn thành nhiệm vụ": TaskRating.COMPLETED,
    "Không hoàn thành nhiệm vụ": TaskRating.NOT_COMPLETED,
}
_RATINGS_BY_KEY = {search_key(label): rating for label, rating in RATING_LABELS.items()}

ASSESSMENT_COLUMNS = (
    Column(
        "member_code",
        "Mã đoàn viên",
        required=True,
        width=14,
        hint=gettext_lazy("The member's code in the unit."),
    ),
    Column(
        "org_code",
        "Mã đơn vị",
        width=14,
        hint=gettext_lazy("Needed only when two units below this one use the same member code."),
    ),
    Column(
        "full_name",
        "Họ và tên",
        width=28,
        hint=gettext_lazy("Checked against the member's name when given."),
    ),
    Column(
        "task_rating",
        "Xếp loại",
        required=True,
        width=30,
        choices=tuple(RATING_LABELS),
    ),
    Column(
        "absence_days",
        "Số ngày nghỉ",
        kind=NUMBER,
        width=12,
        hint=gettext_lazy("Days of absence in the year, maternity leave included; blank = 0."),
    ),
    Column(
        "maternity_leave_days",
        "Số ngày nghỉ thai sản",
        kind=NUMBER,
        width=14,
        hint=gettext_lazy("Of the days of absence, those of maternity leave; blank = 0."),
    ),
)
ASSESSMENT_HEADERS = {column.key: column.header for column in ASSESSMENT_COLUMNS}


def assessment_template_bytes(org, year):
    """The template for ``org`` and ``year``, listing its active members (code and name)."""
    table = XlsxTable(
        ASSESSMENT_COLUMNS,
        sheet_title="Đánh giá",
        title_lines=[
            _("Yearly assessment of members %(year)d: %(unit)s") % {"year": year, "unit": org.name}
        ],
        validation_rows=500,
    )
    members = (
        Member.objects.filter(active=True, org_path__startswith=org.path)
        .select_related("org")
        .order_by("sort_key", "id")
    )
    assessments = {
        a.member_id: a for a in MemberYearAssessment.objects.filter(year=year, member__in=members)
    }
    labels = {rating: label for label, rating in RATING_LABELS.items()}
    for member in members:
        current = assessments.get(member.pk)
        table.append(
            [
                member.code,
                member.org.code if member.org_id != org.pk else "",
                member.full_name,
                labels[current.task_rating] if current else "",
                current.absence_days if current else None,
                current.maternity_leave_days if current else None,
            ]
        )
    buffer = io.BytesIO()
    table.save(buffer)
    return buffer.getvalue()


def _days(values, key, number, errors):
    value = values.get(key)
    text = cell_text(value)
    if not text:
        return 0
    try:
        days = int(text)
        if not 0 <= days <= 366:
            raise ValueError(days)
    except ValueError:
        errors.append(
            {
                "row": number,
                "field": ASSESSMENT_HEADERS[key],
                "message": _("A whole number of days from 0 to 366."),
            }
        )
        return None
    return days


def import_assessments(fileobj, *, org, year, by, progress=None):
    """Record the file's assessments for ``year`` for members of ``org``'s subtree.

    Returns the number of rows. Raises ``InvalidInput`` (nothing saved) when any row is wrong;
    errors are ``{"row", "field", "message"}`` with the column's Vietnamese header. ``progress``
    (a ``core.import_jobs.Progress``) is told the rows read, then the rows written.
    """
    from thidua.awards.services import save_assessments

    require(by, "awards.record_assessment", org)
    progress = progress or Progress()
    members = {}
    for member in Member.objects.filter(active=True, org_path__startswith=org.path).select_related(
        "org"
    ):
        if member.code:
            members.setdefault(member.code.casefold(), []).append(member)
    units = {u.code.casefold(): u for u in OrgUnit.objects.filter(path__startswith=org.path)}
    errors, rows, seen = [], [], set()

    def error(number, key, message):
        errors.append({"row": number, "field": ASSESSMENT_HEADERS[key], "message": str(message)})

    with TableReader(fileobj, ASSESSMENT_COLUMNS) as reader:
        progress.start(2 * min(reader.count_rows(), MAX_ROWS))
        for read, (number, values) in enumerate(reader.rows(), start=1):
            progress(read)
            if len(rows) + len(errors) > MAX_ROWS:
                raise InvalidInput(
                    _("The file has more than %(max)d rows.") % {"max": MAX_ROWS},
                    errors=[{"row": 0, "field": "file", "message": _("Split the file.")}],
                )
            before = len(errors)
            code = cell_text(values.get("member_code"))
            candidates = members.get(code.casefold(), []) if code else []
            unit_code = cell_text(values.get("org_code"))
            if unit_code:
                unit = units.get(unit_code.casefold())
                if unit is None:
                    error(
                        number, "org_code", _("No such unit below %(unit)s.") % {"unit": org.name}
                    )
                candidates = [m for m in candidates if unit and m.org_id == unit.pk]
            member = None
            if not code:
                error(number, "member_code", _("This field is required."))
            elif not candidates:
                error(number, "member_code", _("No active member of the unit has this code."))
            elif len(candidates) > 1:
                error(
                    number, "member_code", _("Several members have this code: give the unit code.")
                )
            else:
                member = candidates[0]
            name = cell_text(values.get("full_name"))
            if member and name and search_key(name) != search_key(member.full_name):
                error(
                    number,
                    "full_name",
                    _("The member with this code is %(name)s.") % {"name": member.full_name},
                )
            if member and member.pk in seen:
                error(number, "member_code", _("The member appears twice in the file."))
            rating_text = cell_text(values.get("task_rating"))
            rating = _RATINGS_BY_KEY.get(search_key(rating_text)) if rating_text else None
            if rating is None:
                error(
                    number,
                    "task_rating",
                    _("Choose one of: %(choices)s.") % {"choices": "; ".join(RATING_LABELS)},
                )
            absence = _days(values, "absence_days", number, errors)
            maternity = _days(values, "maternity_leave_days", number, errors)
            if absence is not None and maternity is not None and maternity > absence:
                error(
                    number,
                    "maternity_leave_days",
                    _("Maternity leave cannot exceed the days of absence."),
                )
            if member:
                seen.add(member.pk)
            if len(errors) == before:
                rows.append(
                    {
                        "member": member,
                        "task_rating": rating,
                        "absence_days": absence,
                        "maternity_leave_days": maternity,
                    }
                )
    if errors:
        raise InvalidInput(_("The file has errors; nothing was imported."), errors=errors)
    if not rows:
        raise InvalidInput(
            _("The file has no rows."),
            errors=[{"row": 0, "field": "file", "message": _("The file has no rows.")}],
        )
    progress.start(2 * len(rows), done=len(rows))
    with transaction.atomic():
        save_assessments(
            org=org,
            year=year,
            by=by,
            rows=rows,
            progress=lambda done: progress(len(rows) + done),
        )
        audit.record(
            by,
            AuditEntry.Action.IMPORT,
            org,
            after={"assessments": len(rows), "year": year},
            comment=_("Imported %(count)d yearly assessments for %(year)d.")
            % {"count": len(rows), "year": year},
        )
    progress(2 * len(rows), force=True)
    return len(rows)
