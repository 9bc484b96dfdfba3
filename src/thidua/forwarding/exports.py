"""Excel exports of the nominations and batches forwarded to upper levels
(``core.list_exports``)."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.list_exports import ListExport, filter_lines, local_date
from thidua.core.xlsx import DATE, NUMBER, Column
from thidua.forwarding.models import ForwardingBatch, UpperResult
from thidua.forwarding.views.follow import filtered_forwarded

BATCH_COLUMNS = (
    Column("title", "Tờ trình", width=48),
    Column("org", "Đơn vị trình", width=36),
    Column("upper_body", "Cơ quan cấp trên", width=36),
    Column("level", "Cấp khen thưởng", width=20),
    Column("year", "Năm", kind=NUMBER, width=8),
    Column("created_at", "Ngày lập", kind=DATE, width=14),
    Column("items", "Số hồ sơ", kind=NUMBER, width=10),
    Column("approved", "Cấp trên đồng ý", kind=NUMBER, width=12),
)

FORWARDED_COLUMNS = (
    Column("nominee", "Cá nhân / tập thể được đề nghị", width=34),
    Column("award_type", "Danh hiệu, hình thức khen thưởng", width=40),
    Column("year", "Năm", kind=NUMBER, width=8),
    Column("org", "Đơn vị đề nghị", width=36),
    Column("batch", "Tờ trình", width=40),
    Column("forwarded_on", "Ngày trình", kind=DATE, width=14),
    Column("result", "Kết quả của cấp trên", width=24),
    Column("decision_number", "Số quyết định", width=18),
    Column("decided_on", "Ngày quyết định", kind=DATE, width=14),
)


def _forwarded_row(item):
    nomination = item.nomination
    return [
        nomination.nominee_name,
        nomination.award_type.name,
        nomination.year,
        nomination.org.name,
        item.batch.title,
        local_date(item.batch.created_at),
        item.get_upper_result_display(),
        item.decision_number,
        item.decided_on,
    ]


FORWARDED = ListExport(
    name="thidua.forwarding.exports.FORWARDED",
    title=gettext_lazy("Nominations at the upper levels"),
    sheet_title="Theo dõi cấp trên",
    file_prefix="de-nghi-cap-tren",
    columns=FORWARDED_COLUMNS,
    rows=lambda user, params: filtered_forwarded(user, params)[1],
    row=_forwarded_row,
    describe=lambda user, params: filter_lines(filtered_forwarded(user, params)[0]),
)


def batch_year(params):
    value = str(params.get("year", ""))
    return int(value) if value.isdigit() and len(value) < 10 else None


def _batches(user, params):
    batches = (
        ForwardingBatch.objects.visible_to(user)
        .select_related("org")
        .annotate(
            item_count=Count("items"),
            approved_count=Count("items", filter=Q(items__upper_result=UpperResult.APPROVED)),
        )
        .order_by("-created_at", "-id")
    )
    year = batch_year(params)
    return batches.filter(year=year) if year else batches


def _batch_row(batch):
    return [
        batch.title,
        batch.org.name,
        batch.upper_body,
        batch.get_level_display(),
        batch.year,
        local_date(batch.created_at),
        batch.item_count,
        batch.approved_count,
    ]


def _year_lines(user, params):
    year = batch_year(params)
    return [_("Year: %(year)d") % {"year": year}] if year else []


BATCHES = ListExport(
    name="thidua.forwarding.exports.BATCHES",
    title=gettext_lazy("Batches forwarded to upper levels"),
    sheet_title="Trình cấp trên",
    file_prefix="trinh-cap-tren",
    columns=BATCH_COLUMNS,
    rows=_batches,
    row=_batch_row,
    describe=_year_lines,
)
