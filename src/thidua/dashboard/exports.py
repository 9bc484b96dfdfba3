"""Spreadsheets of the statistics: one per table, and every effective award row.

Each file starts with title lines (what, unit, year, when generated) above a header row of
Vietnamese headers; numbers are real numbers formatted with thousands separators. The award rows
export streams from the database (``.iterator()``) into a write-only workbook, so its size is
bounded only by the disk; above ``EXPORT_BACKGROUND_ROWS`` rows it runs as a background job.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.models import round_amount
from thidua.core.list_exports import append_row, title_lines
from thidua.core.xlsx import DATE, NUMBER, Column, XlsxTable
from thidua.dashboard.statistics import (
    BREAKDOWNS,
    NOMINATION_STAGES,
    _base_salary_on_decision,
    award_breakdown,
    awards_in,
    nominations_by_year,
)

CHUNK_SIZE = 2000
NOMINATION_YEARS = 5

BREAKDOWN_COLUMNS = (
    Column("label", "Nhóm", width=42),
    Column("count", "Số lượt khen thưởng", kind=NUMBER, width=18),
    Column("amount", "Số tiền thưởng (đồng)", kind=NUMBER, width=22),
)
NOMINATION_COLUMNS = (
    Column("year", "Năm", kind=NUMBER, width=10),
    Column("proposed", "Đã đề nghị", kind=NUMBER, width=14),
    Column("approved", "Hội đồng thông qua", kind=NUMBER, width=18),
    Column("forwarded", "Đã trình cấp trên", kind=NUMBER, width=18),
    Column("upper_approved", "Cấp trên đồng ý", kind=NUMBER, width=16),
)
AWARD_ROW_COLUMNS = (
    Column("holder", "Cá nhân / tập thể", width=32),
    Column("unit", "Đơn vị", width=36),
    Column("award", "Danh hiệu, hình thức khen thưởng", width=40),
    Column("decision", "Số quyết định", width=18),
    Column("decided_on", "Ngày quyết định", kind=DATE, width=14),
    Column("amount", "Số tiền (đồng)", kind=NUMBER, width=16),
)


def file_name(prefix, org, year):
    return f"{prefix}-{org.code}-{year}-{timezone.localtime():%Y%m%d-%H%M}.xlsx"


def _title_lines(title, org, year):
    return title_lines(title, unit=org, year=year)


def export_breakdown(by, year, org, fileobj):
    """Write the award table ``by`` (a key of ``BREAKDOWNS``) with a total row."""
    rows = award_breakdown(year, org, by)
    title = _("Awards %(table)s") % {"table": str(BREAKDOWNS[by]).lower()}
    table = XlsxTable(
        BREAKDOWN_COLUMNS, sheet_title="Thống kê", title_lines=_title_lines(title, org, year)
    )
    for row in rows:
        append_row(table, [row["label"], row["count"], row["amount"]])
    append_row(
        table,
        ["Tổng cộng", sum(r["count"] for r in rows), sum(r["amount"] for r in rows)],
    )
    table.save(fileobj)
    return len(rows)


def export_nominations(year, org, fileobj):
    """Write the nominations of the ``NOMINATION_YEARS`` years up to ``year`` by stage."""
    rows = nominations_by_year(org, year - NOMINATION_YEARS + 1, year)
    table = XlsxTable(
        NOMINATION_COLUMNS,
        sheet_title="Đề nghị",
        title_lines=_title_lines(_("Nominations by stage"), org, year),
    )
    for row in rows:
        append_row(table, [row["year"], *(row[k] for k in NOMINATION_STAGES)])
    table.save(fileobj)
    return len(rows)


def award_rows(year, org):
    """The effective awards of the export, oldest decision first."""
    return (
        awards_in(year, org)
        .annotate(base=_base_salary_on_decision())
        .order_by("holder_org__path", "decided_on", "id")
        .values_list(
            "member__full_name",
            "org__name",
            "holder_org__name",
            "award_type__name",
            "award_name",
            "decision_number",
            "decided_on",
            "amount",
            "award_type__amount_coefficient",
            "base",
        )
    )


def export_award_rows(year, org, fileobj, *, progress=None):
    """Write every effective award of ``year`` in ``org``'s subtree; returns the row count.

    The amount is the one recorded on the award, else the award type's reward at the base salary
    in force on the decision date (as in the statistics). ``progress(done)`` every chunk.
    """
    table = XlsxTable(
        AWARD_ROW_COLUMNS,
        sheet_title="Khen thưởng",
        title_lines=_title_lines(_("Awards of the year"), org, year),
    )
    count = 0
    rows = award_rows(year, org).iterator(chunk_size=CHUNK_SIZE)
    for member, collective, unit, type_name, name, number, decided_on, amount, coef, base in rows:
        if amount is None and coef is not None and base:
            amount = round_amount(coef * base)
        append_row(
            table,
            [member or collective, unit, type_name or name, number, decided_on, amount],
        )
        count += 1
        if progress is not None and count % CHUNK_SIZE == 0:
            progress(count)
    table.save(fileobj)
    return count
