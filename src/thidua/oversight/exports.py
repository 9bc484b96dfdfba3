"""Excel exports of the oversight lists: inspections, overdue follow-ups, training courses and
the officers board (``core.list_exports``)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.list_exports import ListExport
from thidua.core.xlsx import BOOL, DATE, NUMBER, Column
from thidua.oversight import queries
from thidua.oversight.models import InspectionStatus
from thidua.oversight.views.inspections import filtered_inspections, may_see_oversight, year_of
from thidua.oversight.views.training import filtered_courses, officer_board_unions

INSPECTION_COLUMNS = (
    Column("org", "Đơn vị được kiểm tra", width=40),
    Column("inspecting_org", "Đơn vị kiểm tra", width=36),
    Column("topic", "Nội dung kiểm tra", width=30),
    Column("topic_detail", "Chủ đề", width=30),
    Column("planned_on", "Ngày dự kiến", kind=DATE, width=14),
    Column("held_on", "Ngày kiểm tra", kind=DATE, width=14),
    Column("status", "Trạng thái", width=16),
    Column("open_count", "Kiến nghị chưa trả lời", kind=NUMBER, width=14),
)
OVERDUE_COLUMNS = (
    Column("org", "Đơn vị", width=40),
    Column("inspection", "Cuộc kiểm tra", width=30),
    Column("held_on", "Ngày kiểm tra", kind=DATE, width=14),
    Column("text", "Kiến nghị", width=60),
    Column("due_on", "Hạn trả lời", kind=DATE, width=14),
)
COURSE_COLUMNS = (
    Column("title", "Lớp tập huấn", width=44),
    Column("org", "Đơn vị tổ chức", width=36),
    Column("held_on", "Ngày tổ chức", kind=DATE, width=14),
    Column("organiser", "Đơn vị thực hiện", width=30),
    Column("attendees", "Số người tham dự", kind=NUMBER, width=12),
    Column("counts", "Tính vào chỉ tiêu", kind=BOOL, width=12),
)
OFFICER_COLUMNS = (
    Column("unit", "Công đoàn cơ sở", width=44),
    Column("officer", "Cán bộ làm công tác thi đua", width=30),
    Column("since", "Phụ trách từ ngày", kind=DATE, width=14),
    Column("trained", "Đã tập huấn trong năm", kind=BOOL, width=12),
    Column("course", "Lớp tập huấn", width=40),
    Column("course_on", "Ngày tập huấn", kind=DATE, width=14),
)


def _year_line(user, params):
    return [_("Year: %(year)d") % {"year": year_of(params)}]


def _inspection_lines(user, params):
    lines = _year_line(user, params)
    status = params.get("status", "")
    if status in InspectionStatus.values:
        lines.append(_("Status: %(status)s") % {"status": InspectionStatus(status).label})
    return lines


def _inspection_row(inspection):
    return [
        inspection.org.name,
        inspection.inspecting_org.name,
        inspection.get_topic_display(),
        inspection.topic_detail,
        inspection.planned_on,
        inspection.held_on,
        inspection.get_status_display(),
        inspection.open_count,
    ]


INSPECTIONS = ListExport(
    name="thidua.oversight.exports.INSPECTIONS",
    title=gettext_lazy("Inspections"),
    sheet_title="Kiểm tra",
    file_prefix="kiem-tra",
    columns=INSPECTION_COLUMNS,
    rows=filtered_inspections,
    row=_inspection_row,
    describe=_inspection_lines,
    allowed=may_see_oversight,
)


def _overdue_row(recommendation):
    inspection = recommendation.inspection
    return [
        inspection.org.name,
        inspection.topic_detail or inspection.get_topic_display(),
        inspection.held_on,
        recommendation.text,
        recommendation.follow_up_due_on,
    ]


OVERDUE = ListExport(
    name="thidua.oversight.exports.OVERDUE",
    title=gettext_lazy("Overdue follow-ups"),
    sheet_title="Kiến nghị quá hạn",
    file_prefix="kien-nghi-qua-han",
    columns=OVERDUE_COLUMNS,
    rows=lambda user, params: queries.overdue_recommendations(user),
    row=_overdue_row,
    allowed=may_see_oversight,
)


def _course_row(course):
    return [
        course.title,
        course.org.name,
        course.held_on,
        course.organiser,
        course.attendee_count,
        course.counts_for_indicator,
    ]


COURSES = ListExport(
    name="thidua.oversight.exports.COURSES",
    title=gettext_lazy("Training courses"),
    sheet_title="Tập huấn",
    file_prefix="lop-tap-huan",
    columns=COURSE_COLUMNS,
    rows=filtered_courses,
    row=_course_row,
    describe=_year_line,
    allowed=may_see_oversight,
)


def _with_officers(unions, params):
    """Attach each union's officer in force and counting course of the year (a few queries)."""
    for row in queries.officer_rows(unions, year_of(params)):
        row.unit.officer_row = row


def _officer_row(unit):
    term, course = unit.officer_row.term, unit.officer_row.course
    return [
        unit.name,
        term.member.full_name if term else "",
        term.since if term else None,
        unit.officer_trained,
        course.title if course else "",
        course.held_on if course else None,
    ]


def _officer_lines(user, params):
    lines = _year_line(user, params)
    show = params.get("show", "")
    if show == "missing":
        lines.append(_("Only unions without an officer"))
    elif show == "untrained":
        lines.append(_("Only officers not yet trained"))
    text = str(params.get("q", "")).strip()[:100]
    if text:
        lines.append(_("Search: %(text)s") % {"text": text})
    return lines


OFFICERS = ListExport(
    name="thidua.oversight.exports.OFFICERS",
    title=gettext_lazy("Emulation officers of the grassroots unions"),
    sheet_title="Cán bộ thi đua",
    file_prefix="can-bo-thi-dua",
    columns=OFFICER_COLUMNS,
    rows=officer_board_unions,
    row=_officer_row,
    describe=_officer_lines,
    allowed=lambda user: user.has_perm("organizations.view_officers"),
    prepare=_with_officers,
)
