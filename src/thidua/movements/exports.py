"""Excel exports of the movement list and of a movement's plan board (``core.list_exports``)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.list_exports import ListExport, filter_lines, local_date
from thidua.core.xlsx import BOOL, DATE, NUMBER, Column
from thidua.movements.models import Movement, UnitPlan
from thidua.movements.views.movements import filtered_movements

MOVEMENT_COLUMNS = (
    Column("title", "Tên phong trào", width=48),
    Column("kind", "Loại phong trào", width=16),
    Column("org", "Đơn vị phát động", width=36),
    Column("status", "Trạng thái", width=16),
    Column("starts_on", "Ngày bắt đầu", kind=DATE, width=14),
    Column("ends_on", "Ngày kết thúc", kind=DATE, width=14),
    Column("plan_due_on", "Hạn gửi kế hoạch", kind=DATE, width=14),
    Column("launched_on", "Ngày phát động", kind=DATE, width=14),
    Column("plans_total", "Số đơn vị được giao", kind=NUMBER, width=14),
    Column("plans_done", "Số kế hoạch đã gửi", kind=NUMBER, width=14),
    Column("plans_waiting", "Số kế hoạch chờ duyệt", kind=NUMBER, width=14),
)
PLAN_COLUMNS = (
    Column("org", "Đơn vị", width=44),
    Column("status", "Trạng thái", width=20),
    Column("submitted_at", "Ngày gửi", kind=DATE, width=14),
    Column("on_time", "Đúng hạn", kind=BOOL, width=10),
    Column("reviewed_at", "Ngày xem xét", kind=DATE, width=14),
    Column("returned_reason", "Lý do trả lại", width=40),
)


def _movements(user, params):
    return filtered_movements(user, params)[1]


def _movement_row(movement):
    return [
        movement.title,
        movement.get_kind_display(),
        movement.org.name,
        movement.get_status_display(),
        movement.starts_on,
        movement.ends_on,
        movement.plan_due_on,
        movement.launched_on,
        movement.plans_total,
        movement.plans_done,
        movement.plans_waiting,
    ]


MOVEMENTS = ListExport(
    name="thidua.movements.exports.MOVEMENTS",
    title=gettext_lazy("Emulation movements"),
    sheet_title="Phong trào",
    file_prefix="phong-trao",
    columns=MOVEMENT_COLUMNS,
    rows=_movements,
    row=_movement_row,
    describe=lambda user, params: filter_lines(filtered_movements(user, params)[0]),
)


def _movement(user, params):
    """The movement of the board (``params["movement"]``), when the user can see it."""
    return Movement.objects.visible_to(user).filter(pk=params.get("movement")).first()


def _plans(user, params):
    movement = _movement(user, params)
    if movement is None:
        return UnitPlan.objects.none()
    return (
        UnitPlan.objects.visible_to(user)
        .filter(movement=movement)
        .select_related("org")
        .order_by("org__path")
    )


def _plan_row(plan):
    return [
        plan.org.name,
        plan.get_status_display(),
        local_date(plan.submitted_at),
        plan.on_time,
        local_date(plan.reviewed_at),
        plan.returned_reason,
    ]


def _plan_board_lines(user, params):
    movement = _movement(user, params)
    return [_("Movement: %(title)s") % {"title": movement.title}] if movement else []


PLAN_BOARD = ListExport(
    name="thidua.movements.exports.PLAN_BOARD",
    title=gettext_lazy("Units' plans"),
    sheet_title="Kế hoạch",
    file_prefix="ke-hoach-huong-ung",
    columns=PLAN_COLUMNS,
    rows=_plans,
    row=_plan_row,
    describe=_plan_board_lines,
)
