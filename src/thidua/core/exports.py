"""Excel export of the audit trail (``core.list_exports``), with the audit page's filters."""

from django.utils import timezone
from django.utils.translation import gettext_lazy

from thidua.core.list_exports import ListExport, filter_lines
from thidua.core.views.audit import AuditFilter, visible_audit_entries
from thidua.core.xlsx import DATE, Column

AUDIT_COLUMNS = (
    Column("date", "Ngày", kind=DATE, width=12),
    Column("time", "Giờ", width=10),
    Column("actor", "Người thực hiện", width=28),
    Column("username", "Tên đăng nhập", width=20),
    Column("action", "Thao tác", width=16),
    Column("model", "Loại bản ghi", width=20),
    Column("record", "Bản ghi", width=48),
    Column("comment", "Ghi chú", width=40),
)


def _audit_filter(user, params):
    entries = visible_audit_entries(user).select_related("actor", "content_type")
    return AuditFilter(params, queryset=entries)


def _entry_row(entry):
    at = timezone.localtime(entry.at)
    actor = entry.actor
    return [
        at.date(),
        at.strftime("%H:%M:%S"),
        actor.get_full_name() if actor else "",
        actor.username if actor else "",
        entry.get_action_display(),
        entry.content_type.name,
        entry.object_repr,
        entry.comment,
    ]


AUDIT = ListExport(
    name="thidua.core.exports.AUDIT",
    title=gettext_lazy("Audit trail"),
    sheet_title="Nhật ký",
    file_prefix="nhat-ky-thao-tac",
    columns=AUDIT_COLUMNS,
    rows=lambda user, params: _audit_filter(user, params).qs,
    row=_entry_row,
    describe=lambda user, params: filter_lines(_audit_filter(user, params).form),
    allowed=lambda user: user.has_perm("core.view_audit"),
)
