"""Excel exports of the nomination list, the quotas of a year and the workplace awards
(``core.list_exports``)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.list_exports import ListExport, filter_lines, local_date
from thidua.core.xlsx import DATE, NUMBER, Column
from thidua.nominations.models import Quota, WorkplaceAward
from thidua.nominations.quotas import usage_map
from thidua.nominations.views.common import current_year
from thidua.nominations.views.nominations import filtered_nominations

NOMINATION_COLUMNS = (
    Column("nominee", "Cá nhân / tập thể được đề nghị", width=34),
    Column("award_type", "Danh hiệu, hình thức khen thưởng", width=40),
    Column("year", "Năm", kind=NUMBER, width=8),
    Column("kind", "Loại đề nghị", width=14),
    Column("org", "Đơn vị đề nghị", width=36),
    Column("score", "Điểm", kind=NUMBER, width=10),
    Column("status", "Trạng thái", width=20),
    Column("submitted_at", "Ngày trình", kind=DATE, width=14),
)
QUOTA_COLUMNS = (
    Column("year", "Năm", kind=NUMBER, width=8),
    Column("award_type", "Danh hiệu, hình thức khen thưởng", width=40),
    Column("org", "Đơn vị được giao", width=36),
    Column("granted_by", "Đơn vị giao chỉ tiêu", width=36),
    Column("count", "Số suất", kind=NUMBER, width=10),
    Column("used", "Đã sử dụng", kind=NUMBER, width=10),
    Column("direct", "Trong đó lao động trực tiếp", kind=NUMBER, width=14),
    Column("allocated", "Đã phân bổ cho cấp dưới", kind=NUMBER, width=14),
    Column("remaining", "Còn lại", kind=NUMBER, width=10),
    Column("min_share", "Tỷ lệ lao động trực tiếp tối thiểu (%)", kind=NUMBER, width=16),
)
WORKPLACE_AWARD_COLUMNS = (
    Column("period_start", "Từ ngày", kind=DATE, width=14),
    Column("period", "Kỳ", width=14),
    Column("period_label", "Tên kỳ", width=16),
    Column("member", "Đoàn viên", width=30),
    Column("org", "Đơn vị", width=36),
    Column("reason", "Lý do khen thưởng", width=48),
    Column("amount", "Số tiền (đồng)", kind=NUMBER, width=14),
)


def _nominations(user, params):
    queryset = filtered_nominations(user, params)[1]
    return queryset.order_by("-year", "org_path", "id")


def _nomination_row(nomination):
    return [
        nomination.nominee_name,
        nomination.award_type.name,
        nomination.year,
        nomination.get_kind_display(),
        nomination.org.name,
        nomination.score,
        nomination.get_status_display(),
        local_date(nomination.submitted_at),
    ]


NOMINATIONS = ListExport(
    name="thidua.nominations.exports.NOMINATIONS",
    title=gettext_lazy("Nominations"),
    sheet_title="Đề nghị khen thưởng",
    file_prefix="de-nghi-khen-thuong",
    columns=NOMINATION_COLUMNS,
    rows=_nominations,
    row=_nomination_row,
    describe=lambda user, params: filter_lines(filtered_nominations(user, params)[0]),
)


def quota_year(params):
    """The year of the quota list: ``params["year"]`` from 2000 to 2100, else this year."""
    year = str(params.get("year", ""))
    return int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else current_year()


def _quotas(user, params):
    return (
        Quota.objects.visible_to(user)
        .filter(year=quota_year(params))
        .select_related("org", "award_type", "granted_by_org")
        .order_by("award_type__order", "org__path")
    )


def _with_usage(quotas, params):
    usages = usage_map(quotas)
    for quota in quotas:
        quota.usage = usages[quota.pk]


def _quota_row(quota):
    usage = quota.usage
    return [
        quota.year,
        quota.award_type.name,
        quota.org.name,
        quota.granted_by_org.name,
        quota.count,
        usage.used,
        usage.direct,
        usage.allocated,
        usage.remaining,
        quota.min_direct_worker_share * 100,
    ]


QUOTAS = ListExport(
    name="thidua.nominations.exports.QUOTAS",
    title=gettext_lazy("Quotas"),
    sheet_title="Chỉ tiêu",
    file_prefix="chi-tieu-khen-thuong",
    columns=QUOTA_COLUMNS,
    rows=_quotas,
    row=_quota_row,
    describe=lambda user, params: [_("Year: %(year)d") % {"year": quota_year(params)}],
    prepare=_with_usage,
)


def _workplace_awards(user, params):
    return WorkplaceAward.objects.visible_to(user).select_related("org", "member")


def _workplace_award_row(award):
    return [
        award.period_start,
        award.get_period_kind_display(),
        award.period_label,
        award.member.full_name,
        award.org.name,
        award.reason,
        award.amount,
    ]


WORKPLACE_AWARDS = ListExport(
    name="thidua.nominations.exports.WORKPLACE_AWARDS",
    title=gettext_lazy("Workplace awards"),
    sheet_title="Khen thưởng tại đơn vị",
    file_prefix="khen-thuong-tai-don-vi",
    columns=WORKPLACE_AWARD_COLUMNS,
    rows=_workplace_awards,
    row=_workplace_award_row,
)
