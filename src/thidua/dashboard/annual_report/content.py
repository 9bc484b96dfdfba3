"""The text of the annual report (Vietnamese whatever the interface language: it is an official
document) from the measured ``Figures``.

``build_report`` returns an ``AnnualReportContent``: the ``OfficialDocument`` (headings, number,
date line, addressee, recipients, signature) and the body as ``parts``, in order: paragraphs
(``Block``), tables (``Table``) and charts (``BarChart``). Shortcomings (section V) are derived
from the figures: targets not met, plans and reports overdue or late, fairness warnings.
"""

from dataclasses import dataclass

from thidua.core.text import format_number
from thidua.dashboard.annual_report.charts import Bar, BarChart
from thidua.dashboard.annual_report.tables import Table
from thidua.documents.rendering.model import (
    Align,
    Column,
    Kind,
    OfficialDocument,
    bullet,
    heading,
    heading_for,
    on_behalf_of_standing_committee,
    paragraph,
    subheading,
)

ACHIEVED = "Đạt"
NOT_ACHIEVED = "Chưa đạt"
NOT_APPLICABLE = "Không phát sinh"
WORKER_KEYS = ("direct_worker", "manager", "other")


@dataclass(frozen=True)
class AnnualReportContent:
    document: OfficialDocument
    parts: tuple


def number(value) -> str:
    return format_number(int(value))


def percent(part, whole) -> str:
    """``part`` of ``whole`` as "66,7%" (Vietnamese decimal comma), "0%" of nothing."""
    if not whole:
        return "0%"
    text = f"{part * 100 / whole:.1f}".replace(".", ",").removesuffix(",0")
    return f"{text}%"


def money(value) -> str:
    return f"{number(value)} đồng"


def subject_of(year) -> str:
    return f"Kết quả công tác thi đua, khen thưởng năm {year}"


def ratio_verdict(ratio) -> str:
    """A 100% target: met when everything counted is done; nothing to count is "no case"."""
    if not ratio["total"]:
        return NOT_APPLICABLE
    return ACHIEVED if ratio["done"] >= ratio["total"] else NOT_ACHIEVED


def quota_verdict(nominations) -> str:
    """The direct-worker target: met when the direct workers proposed fill the places the upper
    levels allocated; no allocation is "no case"."""
    if not nominations["quota"]:
        return NOT_APPLICABLE
    return ACHIEVED if nominations["proposed"] >= nominations["quota"] else NOT_ACHIEVED


def targets(kpis) -> list[dict]:
    """The plan's four annual targets: ``name``, ``target``, ``result``, ``verdict``."""
    rows = []
    for key, name in (
        ("plans_submitted", "Công đoàn cơ sở xây dựng kế hoạch, hưởng ứng phong trào thi đua"),
        ("movements_reviewed", "Phong trào thi đua được sơ kết, tổng kết"),
    ):
        ratio = kpis[key]
        rows.append(
            {
                "key": key,
                "name": name,
                "target": "100%",
                "result": f"{number(ratio['done'])}/{number(ratio['total'])} "
                f"({percent(ratio['done'], ratio['total'])})",
                "verdict": ratio_verdict(ratio),
            }
        )
    nominations = kpis["direct_worker_nominations"]
    rows.append(
        {
            "key": "direct_worker_nominations",
            "name": "Đề nghị khen thưởng người lao động trực tiếp (cấp tỉnh, Tổng Liên đoàn, "
            "Nhà nước) theo số lượng phân bổ",
            "target": f"{number(nominations['quota'])} suất phân bổ",
            "result": f"{number(nominations['proposed'])} người lao động trực tiếp "
            f"({percent(nominations['proposed'], nominations['all_nominations'])} số đề nghị)",
            "verdict": quota_verdict(nominations),
        }
    )
    ratio = kpis["officers_trained"]
    rows.append(
        {
            "key": "officers_trained",
            "name": "Cán bộ làm công tác thi đua, khen thưởng được tập huấn",
            "target": "100%",
            "result": f"{number(ratio['done'])}/{number(ratio['total'])} "
            f"({percent(ratio['done'], ratio['total'])})",
            "verdict": ratio_verdict(ratio),
        }
    )
    return rows


def _award_table(caption, first_title, rows):
    return Table(
        caption=caption,
        columns=(
            Column(first_title, weight=3.4),
            Column("Số lượng", weight=1.1, align=Align.RIGHT),
            Column("Số tiền thưởng (đồng)", weight=1.8, align=Align.RIGHT),
        ),
        rows=tuple((r["label"], number(r["count"]), number(r["amount"])) for r in rows),
        total=(
            "Tổng cộng",
            number(sum(r["count"] for r in rows)),
            number(sum(r["amount"] for r in rows)),
        ),
    )


def _share_table(caption, first_title, rows):
    whole = sum(r["count"] for r in rows)
    return Table(
        caption=caption,
        columns=(
            Column(first_title, weight=3.4),
            Column("Số lượng", weight=1.2, align=Align.RIGHT),
            Column("Tỷ lệ", weight=1.2, align=Align.RIGHT),
        ),
        rows=tuple((r["label"], number(r["count"]), percent(r["count"], whole)) for r in rows),
        total=("Tổng cộng", number(whole), percent(whole, whole)),
    )


def _change(change):
    if change > 0:
        return f"tăng **{number(change)}**"
    if change < 0:
        return f"giảm **{number(-change)}**"
    return "không thay đổi"


def _by_key(rows):
    return {row["key"]: row["count"] for row in rows}


def movements_section(figures) -> list:
    movements, plans = figures.movements, figures.plans
    reviewed = figures.kpis["movements_reviewed"]
    return [
        heading("I. KẾT QUẢ TỔ CHỨC CÁC PHONG TRÀO THI ĐUA"),
        bullet(
            f"Số phong trào thi đua được phát động trong năm: **{number(movements['launched'])}** "
            f"(trong đó **{number(movements['thematic'])}** phong trào thi đua theo chuyên đề)."
        ),
        bullet(
            f"Số lượt Công đoàn cơ sở phải xây dựng kế hoạch hưởng ứng: "
            f"**{number(plans['total'])}**; đã gửi kế hoạch: **{number(plans['done'])}** "
            f"({percent(plans['done'], plans['total'])}), trong đó đúng hạn "
            f"**{number(plans['timely'])}**, trễ hạn **{number(plans['late'])}**; "
            f"chưa gửi: **{number(plans['awaited'])}**."
        ),
        bullet(
            f"Số phong trào thi đua đến hạn tổng kết trong năm: **{number(reviewed['total'])}**; "
            f"đã tổng kết: **{number(reviewed['done'])}** "
            f"({percent(reviewed['done'], reviewed['total'])})."
        ),
    ]


def awards_section(figures) -> list:
    year, awards = figures.year, figures.awards
    amount = sum(r["amount"] for r in figures.by_level)
    workers = _by_key(figures.by_worker)
    individual = sum(workers.values())
    genders = _by_key(figures.by_gender)
    trend = figures.trend
    previous = trend[-2]["count"] if len(trend) > 1 else 0
    change = awards["total"] - previous
    nominations = figures.nominations
    worker_rows = [r for r in figures.by_worker if r["key"] in WORKER_KEYS]
    return [
        heading("II. CÔNG TÁC KHEN THƯỞNG"),
        bullet(
            f"Tổng số khen thưởng trong năm: **{number(awards['total'])}** (cá nhân "
            f"**{number(awards['individual'])}**, tập thể **{number(awards['collective'])}**); "
            f"tổng số tiền thưởng: **{money(amount)}**."
        ),
        _award_table(
            "Bảng 1. Kết quả khen thưởng theo cấp khen thưởng", "Cấp khen thưởng", figures.by_level
        ),
        _award_table(
            "Bảng 2. Kết quả khen thưởng theo hình thức khen thưởng",
            "Hình thức khen thưởng",
            figures.by_award_type,
        ),
        BarChart(
            "Biểu đồ 1. Số khen thưởng theo cấp khen thưởng",
            tuple(Bar(r["label"], r["count"], number(r["count"])) for r in figures.by_level),
        ),
        subheading("Khen thưởng người lao động trực tiếp"),
        bullet(
            f"Trong **{number(individual)}** lượt khen thưởng cá nhân: người lao động trực tiếp "
            f"**{number(workers.get('direct_worker', 0))}** "
            f"({percent(workers.get('direct_worker', 0), individual)}), cán bộ quản lý "
            f"**{number(workers.get('manager', 0))}** "
            f"({percent(workers.get('manager', 0), individual)}), đối tượng khác "
            f"**{number(workers.get('other', 0))}** "
            f"({percent(workers.get('other', 0), individual)})."
        ),
        bullet(
            f"Khen thưởng cá nhân là nữ: **{number(genders.get('female', 0))}** "
            f"({percent(genders.get('female', 0), individual)}); là nam: "
            f"**{number(genders.get('male', 0))}** ({percent(genders.get('male', 0), individual)})."
        ),
        _share_table("Bảng 3. Khen thưởng cá nhân theo đối tượng", "Đối tượng", figures.by_worker),
        _share_table("Bảng 4. Khen thưởng cá nhân theo giới tính", "Giới tính", figures.by_gender),
        BarChart(
            "Biểu đồ 2. Tỷ lệ khen thưởng người lao động trực tiếp và cán bộ quản lý",
            tuple(
                Bar(r["label"], r["count"], percent(r["count"], individual)) for r in worker_rows
            ),
        ),
        subheading("Đề nghị khen thưởng"),
        bullet(
            f"Số trường hợp đề nghị khen thưởng: **{number(nominations['proposed'])}**; được Hội "
            f"đồng Thi đua - Khen thưởng thống nhất: **{number(nominations['approved'])}**; đề "
            f"nghị cấp trên: **{number(nominations['forwarded'])}**; cấp trên đã khen thưởng: "
            f"**{number(nominations['upper_approved'])}**."
        ),
        subheading(f"Khen thưởng 5 năm ({trend[0]['label']} - {trend[-1]['label']})"),
        bullet(
            f"So với năm {year - 1} (**{number(previous)}**), số khen thưởng năm {year} "
            f"{_change(change)}."
        ),
        BarChart(
            f"Biểu đồ 3. Số khen thưởng các năm {trend[0]['label']} - {trend[-1]['label']}",
            tuple(Bar(r["label"], r["count"], number(r["count"])) for r in trend),
        ),
    ]


def targets_section(figures, rows) -> list:
    reports = figures.kpis["reports_on_time"]
    return [
        heading(f"III. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU THI ĐUA NĂM {figures.year}"),
        Table(
            caption=f"Bảng 5. Kết quả thực hiện chỉ tiêu năm {figures.year}",
            columns=(
                Column("TT", weight=0.5, align=Align.CENTER),
                Column("Chỉ tiêu", weight=3.2),
                Column("Chỉ tiêu đề ra", weight=1.4, align=Align.CENTER),
                Column("Kết quả", weight=1.8, align=Align.CENTER),
                Column("Đánh giá", weight=1.2, align=Align.CENTER),
            ),
            rows=tuple(
                (str(index), r["name"], r["target"], r["result"], r["verdict"])
                for index, r in enumerate(rows, start=1)
            ),
        ),
        bullet(
            f"Báo cáo định kỳ gửi đúng hạn: **{number(reports['done'])}/"
            f"{number(reports['total'])}** ({percent(reports['done'], reports['total'])})."
        ),
    ]


def exemplars_section(figures) -> list:
    exemplars, inspections = figures.exemplars, figures.inspections
    trained = figures.kpis["officers_trained"]
    return [
        heading("IV. CÔNG TÁC PHÁT HIỆN, BỒI DƯỠNG ĐIỂN HÌNH TIÊN TIẾN; KIỂM TRA; TẬP HUẤN CÁN BỘ"),
        bullet(
            f"Số điển hình tiên tiến được phát hiện: **{number(exemplars['found'])}**; "
            f"được tôn vinh: **{number(exemplars['honored'])}**."
        ),
        bullet(
            f"Số cuộc kiểm tra công tác thi đua, khen thưởng theo kế hoạch: "
            f"**{number(inspections['planned'])}**; đã tiến hành: "
            f"**{number(inspections['held'])}**."
        ),
        bullet(
            f"Số cán bộ làm công tác thi đua, khen thưởng được tập huấn: "
            f"**{number(trained['done'])}/{number(trained['total'])}** "
            f"({percent(trained['done'], trained['total'])})."
        ),
    ]


def shortcomings(figures, rows) -> list[str]:
    """Section V's lines, derived from the figures."""
    lines = [
        f"Chỉ tiêu “{r['name']}” chưa đạt: kết quả {r['result']}, chỉ tiêu {r['target']}."
        for r in rows
        if r["verdict"] == NOT_ACHIEVED
    ]
    overdue, plans = figures.overdue, figures.plans
    if overdue["plans"]:
        lines.append(
            f"Còn {number(overdue['plans'])} kế hoạch hưởng ứng phong trào thi đua chưa gửi "
            "dù đã quá hạn."
        )
    if plans["late"]:
        lines.append(f"Có {number(plans['late'])} kế hoạch hưởng ứng được gửi trễ hạn.")
    if overdue["reports"]:
        lines.append(f"Còn {number(overdue['reports'])} báo cáo định kỳ chưa gửi dù đã quá hạn.")
    lines += [warning["message"] for warning in figures.warnings]
    return lines


def shortcomings_section(figures, rows) -> list:
    lines = shortcomings(figures, rows)
    blocks = [heading("V. TỒN TẠI, HẠN CHẾ")]
    if not lines:
        return [
            *blocks,
            paragraph(
                "Qua số liệu theo dõi, chưa phát hiện tồn tại về thực hiện chỉ tiêu, tiến độ "
                "gửi kế hoạch, báo cáo và tính công bằng trong khen thưởng."
            ),
        ]
    return [*blocks, *[bullet(line) for line in lines]]


def directions_section(year, directions) -> list:
    """Section VI: the officer's text, one paragraph per line ("- " lines as bullets)."""
    blocks = [heading(f"VI. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {year + 1}")]
    for line in directions.splitlines():
        line = line.strip()
        if line.startswith(("- ", "+ ")):
            blocks.append(bullet(line))
        elif line:
            blocks.append(paragraph(line))
    return blocks


def build_report(
    figures, org, *, directions, signer_name, signer_title, number=None, date=None
) -> AnnualReportContent:
    """The annual report of ``org`` for ``figures.year``."""
    year = figures.year
    parent = org.parent
    rows = targets(figures.kpis)
    parts = [
        paragraph(
            f"Thực hiện kế hoạch công tác thi đua, khen thưởng năm {year}, {org.name} báo cáo "
            f"kết quả công tác thi đua, khen thưởng năm {year} và phương hướng, nhiệm vụ năm "
            f"{year + 1} như sau:"
        ),
        *movements_section(figures),
        *awards_section(figures),
        *targets_section(figures, rows),
        *exemplars_section(figures),
        *shortcomings_section(figures, rows),
        *directions_section(year, directions),
        paragraph(
            f"Trên đây là báo cáo kết quả công tác thi đua, khen thưởng năm {year} của "
            f"{org.name}./."
        ),
    ]
    document = OfficialDocument(
        kind=Kind.REPORT,
        heading=heading_for(org),
        symbol=org.display_symbol,
        place=org.place or (parent.place if parent is not None else ""),
        subject=subject_of(year),
        number=number,
        date=date,
        draft_year=year,
        addressee=f"Ban Thường vụ {parent.name}" if parent is not None else "",
        recipients=("Như trên",),
        filed_at=f"VT, {org.display_symbol}",
        signatures=(on_behalf_of_standing_committee(title=signer_title, name=signer_name),),
    )
    return AnnualReportContent(document=document, parts=tuple(parts))
