"""Excel export of the council sessions list (``core.list_exports``)."""

from django.db.models import Count
from django.utils.translation import gettext_lazy

from thidua.core.list_exports import ListExport
from thidua.core.xlsx import DATE, NUMBER, Column
from thidua.council.models import CouncilSession

SESSION_COLUMNS = (
    Column("org", "Hội đồng thi đua, khen thưởng của đơn vị", width=40),
    Column("held_on", "Ngày họp", kind=DATE, width=14),
    Column("place", "Địa điểm", width=30),
    Column("present_count", "Số thành viên có mặt", kind=NUMBER, width=14),
    Column("member_count", "Tổng số thành viên", kind=NUMBER, width=14),
    Column("agenda", "Số hồ sơ xét", kind=NUMBER, width=12),
    Column("status", "Trạng thái", width=14),
)


def _sessions(user, params):
    return (
        CouncilSession.objects.visible_to(user)
        .select_related("org")
        .annotate(agenda_count=Count("nominations"))
        .order_by("-held_on", "-id")
    )


def _session_row(session):
    return [
        session.org.name,
        session.held_on,
        session.place,
        session.present_count,
        session.member_count,
        session.agenda_count,
        session.get_status_display(),
    ]


SESSIONS = ListExport(
    name="thidua.council.exports.SESSIONS",
    title=gettext_lazy("Council sessions"),
    sheet_title="Phiên họp Hội đồng",
    file_prefix="phien-hop-hoi-dong",
    columns=SESSION_COLUMNS,
    rows=_sessions,
    row=_session_row,
)
