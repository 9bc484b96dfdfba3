"""Excel exports of the reporting rounds and of a round's report board
(``core.list_exports``)."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.list_exports import ListExport, filter_lines, local_date
from thidua.core.xlsx import BOOL, DATE, NUMBER, Column
from thidua.reporting.filters import RoundFilter
from thidua.reporting.models import (
    ANSWERED_STATES,
    AWAITED_STATES,
    Report,
    ReportingRound,
    ReportStatus,
)
from thidua.reporting.views.rounds import sees_rounds

ROUND_COLUMNS = (
    Column("title", "Tên đợt báo cáo", width=44),
    Column("org", "Đơn vị yêu cầu", width=36),
    Column("year", "Năm", kind=NUMBER, width=8),
    Column("period", "Kỳ báo cáo", width=22),
    Column("due_on", "Hạn nộp", kind=DATE, width=14),
    Column("total", "Số đơn vị báo cáo", kind=NUMBER, width=14),
    Column("answered", "Đã nộp", kind=NUMBER, width=10),
    Column("accepted", "Đã chấp nhận", kind=NUMBER, width=12),
    Column("awaited", "Chưa nộp hoặc bị trả lại", kind=NUMBER, width=14),
)
REPORT_COLUMNS = (
    Column("org", "Đơn vị báo cáo", width=44),
    Column("status", "Trạng thái", width=20),
    Column("due_on", "Hạn nộp", kind=DATE, width=14),
    Column("submitted_at", "Ngày nộp", kind=DATE, width=14),
    Column("late", "Trễ hạn", kind=BOOL, width=10),
)


def _round_filter(user, params):
    return RoundFilter(params or None, queryset=ReportingRound.objects.visible_to(user))


def _rounds(user, params):
    """The round list's rounds with the counts of the reports the user can see."""
    visible = Q(reports__in=Report.objects.visible_to(user).values("pk"))
    return (
        _round_filter(user, params)
        .qs.select_related("org")
        .annotate(
            total=Count("reports", filter=visible),
            answered=Count("reports", filter=visible & Q(reports__status__in=ANSWERED_STATES)),
            accepted=Count("reports", filter=visible & Q(reports__status=ReportStatus.ACCEPTED)),
            awaited=Count("reports", filter=visible & Q(reports__status__in=AWAITED_STATES)),
        )
        .order_by("-due_on", "-id")
    )


def _round_row(round_):
    return [
        round_.title,
        round_.org.name,
        round_.year,
        round_.get_period_display(),
        round_.due_on,
        round_.total,
        round_.answered,
        round_.accepted,
        round_.awaited,
    ]


def _round_lines(user, params):
    filterset = _round_filter(user, params)
    return filter_lines(filterset.form) if filterset.is_bound else []


ROUNDS = ListExport(
    name="thidua.reporting.exports.ROUNDS",
    title=gettext_lazy("Reporting rounds"),
    sheet_title="Đợt báo cáo",
    file_prefix="dot-bao-cao",
    columns=ROUND_COLUMNS,
    rows=_rounds,
    row=_round_row,
    describe=_round_lines,
    allowed=sees_rounds,
)


def _round(user, params):
    """The round of the board (``params["round"]``), when the user can see it."""
    return ReportingRound.objects.visible_to(user).filter(pk=params.get("round")).first()


def _reports(user, params):
    """The board's reports, filtered by ``status`` as on the board ("overdue" included)."""
    round_ = _round(user, params)
    if round_ is None:
        return Report.objects.none()
    reports = (
        Report.objects.visible_to(user)
        .with_late()
        .filter(round=round_)
        .select_related("org", "round")
        .order_by("org__path")
    )
    status = params.get("status", "")
    if status == "overdue":
        return reports.filter(status__in=AWAITED_STATES, is_late=True)
    if status in ReportStatus.values:
        return reports.filter(status=status)
    return reports


def _report_row(report):
    return [
        report.org.name,
        report.get_status_display(),
        report.round.due_on,
        local_date(report.submitted_at),
        report.is_late,
    ]


def _board_lines(user, params):
    round_ = _round(user, params)
    if round_ is None:
        return []
    lines = [_("Round: %(title)s") % {"title": round_.title}]
    status = params.get("status", "")
    if status == "overdue":
        lines.append(_("Status: %(status)s") % {"status": _("Overdue")})
    elif status in ReportStatus.values:
        lines.append(_("Status: %(status)s") % {"status": ReportStatus(status).label})
    return lines


ROUND_BOARD = ListExport(
    name="thidua.reporting.exports.ROUND_BOARD",
    title=gettext_lazy("Reports of a round"),
    sheet_title="Báo cáo",
    file_prefix="bao-cao-cua-dot",
    columns=REPORT_COLUMNS,
    rows=_reports,
    row=_report_row,
    describe=_board_lines,
    allowed=sees_rounds,
)
