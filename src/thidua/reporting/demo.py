"""Demo records of periodic reporting: the half-year and annual rounds of 2026.

The half-year round (due 15/07/2026) is mostly in: most reports accepted, some sent late, a couple
never sent. The annual round is due 18/11/2026 (the plan's "trước ngày 18/11" deadline) and shows a
mix: accepted, awaiting review, returned for revision, and not started.
"""

import datetime

from django.utils import timezone

from thidua.demo.seed import register
from thidua.demo.units import GRASSROOTS, SECTOR_CODE
from thidua.reporting.models import Period, Report, ReportingRound, ReportStatus

HALF_YEAR_DUE = datetime.date(2026, 7, 15)
ANNUAL_DUE = datetime.date(2026, 11, 18)
HALF_YEAR_MISSING = 2
HALF_YEAR_LATE = 5

NARRATIVE = (
    "Công đoàn cơ sở đã phối hợp với chuyên môn triển khai kế hoạch thi đua năm 2026 đến "
    "{members} đoàn viên, người lao động; tổ chức phong trào thi đua “Xanh - Sạch - Đẹp, bảo đảm "
    "an toàn người bệnh” tại các khoa, phòng. Trong kỳ có {initiatives} sáng kiến cải tiến quy "
    "trình chăm sóc người bệnh được Hội đồng sáng kiến cơ sở công nhận; phát hiện {exemplars} "
    "điển hình tiên tiến trong người lao động trực tiếp.\n\n"
    "Tồn tại: việc đăng ký thi đua ở một số tổ công đoàn còn hình thức; "
    "báo cáo sơ kết gửi chậm.\n\n"
    "Phương hướng: tiếp tục nhân rộng các mô hình hay, đề nghị khen thưởng {awards} trường hợp "
    "có thành tích xuất sắc."
)


def _at(day, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _answer(report, rng, *, status, submitted_on, by, reviewer=None):
    members = rng.randint(60, 900)
    figures = {
        "members_participating": members,
        "initiatives": rng.randint(0, 6),
        "exemplars_found": rng.randint(0, 4),
        "awards_proposed": rng.randint(1, 12),
    }
    report.status = status
    report.figures = figures
    report.content = NARRATIVE.format(
        members=members,
        initiatives=figures["initiatives"],
        exemplars=figures["exemplars_found"],
        awards=figures["awards_proposed"],
    )
    report.submitted_at = _at(submitted_on)
    report.submitted_by = by
    report.version = 2
    if status in (ReportStatus.ACCEPTED, ReportStatus.RETURNED):
        report.reviewed_at = _at(submitted_on + datetime.timedelta(days=3), 14)
        report.reviewed_by = reviewer
        report.version = 3
    if status == ReportStatus.RETURNED:
        report.returned_reason = (
            "Đề nghị bổ sung số liệu sáng kiến đã được công nhận và danh sách điển hình tiên tiến."
        )


@register
def reporting_rounds(demo):
    """The half-year and annual reporting rounds of 2026 with their unit reports."""
    sector = demo.units[SECTOR_CODE]
    officer = demo.users["nganh.thidua"]
    codes = [spec.code for spec in GRASSROOTS]
    rounds = {
        Period.HALF_YEAR: ReportingRound.objects.create(
            org=sector,
            title="Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2026",
            period=Period.HALF_YEAR,
            year=2026,
            due_on=HALF_YEAR_DUE,
            created_by=officer,
        ),
        Period.ANNUAL: ReportingRound.objects.create(
            org=sector,
            title="Báo cáo tổng kết công tác thi đua, khen thưởng năm 2026",
            period=Period.ANNUAL,
            year=2026,
            due_on=ANNUAL_DUE,
            created_by=officer,
        ),
    }
    rng = demo.rng
    half_year, annual = [], []
    # The demo logins' own unions answer in a fixed way so the walkthrough is predictable:
    # BVDK's annual report is still to write (overdue), BVNHI's awaits the sector's review.
    others = [c for c in codes if c not in ("BVDK", "BVNHI")]
    missing = set(rng.sample(others, HALF_YEAR_MISSING))
    late = set(rng.sample([c for c in others if c not in missing], HALF_YEAR_LATE))
    for code in codes:
        unit = demo.units[code]
        report = Report(round=rounds[Period.HALF_YEAR], org=unit)
        if code not in missing:
            days = rng.randint(1, 12) if code in late else -rng.randint(0, 10)
            _answer(
                report,
                rng,
                status=ReportStatus.ACCEPTED if rng.random() < 0.85 else ReportStatus.SUBMITTED,
                submitted_on=HALF_YEAR_DUE + datetime.timedelta(days=days),
                by=demo.users.get(f"{code.lower()}.thidua"),
                reviewer=officer,
            )
        half_year.append(report)

        report = Report(round=rounds[Period.ANNUAL], org=unit)
        if code == "BVDK":
            pass
        elif code == "BVNHI":
            _answer(
                report,
                rng,
                status=ReportStatus.SUBMITTED,
                submitted_on=ANNUAL_DUE - datetime.timedelta(days=2),
                by=demo.users["bvnhi.thidua"],
            )
        else:
            draw = rng.random()
            if draw < 0.35:
                status, days = ReportStatus.ACCEPTED, -rng.randint(0, 8)
            elif draw < 0.6:
                status, days = ReportStatus.SUBMITTED, rng.randint(-5, 4)
            elif draw < 0.7:
                status, days = ReportStatus.RETURNED, -rng.randint(1, 6)
            else:
                status, days = None, 0
            if status is not None:
                _answer(
                    report,
                    rng,
                    status=status,
                    submitted_on=ANNUAL_DUE + datetime.timedelta(days=days),
                    by=None,
                    reviewer=officer,
                )
        annual.append(report)
    Report.objects.bulk_create(half_year + annual)
    awaited = sum(r.status == ReportStatus.PENDING for r in annual)
    demo.note(
        f"Reporting: half-year 2026 ({len(codes) - HALF_YEAR_MISSING}/{len(codes)} sent, "
        f"{HALF_YEAR_LATE} late); annual 2026 due 18/11/2026 ({awaited} not started)."
    )
