"""The sector's aggregated report (báo cáo tổng hợp, a BC document) built from a round's accepted
unit reports, for the level above (the provincial federation).

The document text is Vietnamese whatever the interface language: it is an official document
(Decree 30/2020, union format 933/QĐ-TLĐ). ``build_document`` assembles the plain document model;
``aggregate_report`` numbers it through the documents layer, renders the DOCX and files it.
"""

import re

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.exceptions import Conflict, RuleViolation
from thidua.core.models import AuditEntry
from thidua.core.permissions import require
from thidua.core.text import format_number
from thidua.core.versioning import lock_for_update
from thidua.documents.rendering.model import (
    Align,
    Annex,
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
from thidua.documents.rendering.word import render_docx, template_for
from thidua.reporting.figures import sum_figures
from thidua.reporting.models import AWAITED_STATES, Period, ReportStatus

# How much of each unit's narrative the aggregated report quotes.
EXCERPT_CHARS = 600
COUNT_LINES = (
    ("members_participating", "Số đoàn viên, người lao động tham gia"),
    ("initiatives", "Số sáng kiến"),
    ("exemplars_found", "Số điển hình tiên tiến được phát hiện"),
    ("awards_proposed", "Số trường hợp đề nghị khen thưởng"),
)
PERIOD_NAMES = {
    Period.HALF_YEAR: "6 tháng đầu năm",
    Period.ANNUAL: "năm",
    Period.MOVEMENT_MIDTERM: "sơ kết phong trào thi đua",
    Period.MOVEMENT_FINAL: "tổng kết phong trào thi đua",
}


def excerpt(text, limit=EXCERPT_CHARS):
    """The start of ``text`` on one line, cut at a word boundary with "…" when longer."""
    flat = re.sub(r"\s+", " ", text or "").strip()
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0]
    return f"{cut}…"


def _number(value):
    if isinstance(value, int):
        return format_number(value)
    return str(value).replace(".", ",")


def _unit_name(org):
    return org.short_name or org.name


def subject_of(round_):
    return f"Tổng hợp kết quả {round_.title}"


def build_document(round_, reports, *, signer_name, signer_title, number=None, date=None):
    """The ``OfficialDocument`` of the aggregated report of ``round_``.

    ``reports`` are all the round's reports (with their units); only accepted ones are counted.
    """
    org = round_.org
    accepted = [r for r in reports if r.status == ReportStatus.ACCEPTED]
    awaited = [r for r in reports if r.status in AWAITED_STATES]
    on_time = [r for r in accepted if not r.late]
    counts, targets = sum_figures(accepted)
    parent = org.parent
    body = [
        paragraph(
            f"Thực hiện {round_.title} (hạn gửi báo cáo ngày {round_.due_on:%d/%m/%Y}), "
            f"{org.name} tổng hợp kết quả từ báo cáo của {len(accepted)}/{len(reports)} "
            "Công đoàn cơ sở như sau:"
        ),
        heading("I. SỐ LIỆU TỔNG HỢP"),
        *[bullet(f"{label}: **{_number(counts[key])}**.") for key, label in COUNT_LINES],
    ]
    if targets:
        body.append(subheading("Kết quả thực hiện chỉ tiêu của phong trào"))
        for target in targets:
            unit = f" {target['unit']}" if target["unit"] else ""
            how = "bình quân" if target["unit"].strip() == "%" else "tổng cộng"
            body.append(
                bullet(
                    f"{target['name']}: chỉ tiêu {_number(target['target_value'])}{unit}; "
                    f"kết quả {how} {_number(target['result'])}{unit} "
                    f"({target['units']} đơn vị báo cáo)."
                )
            )
    body.append(heading("II. KẾT QUẢ TẠI CÁC CÔNG ĐOÀN CƠ SỞ"))
    for index, report in enumerate(accepted, start=1):
        body.append(subheading(f"{index}. {_unit_name(report.org)}"))
        body.append(paragraph(excerpt(report.content)))
    body.append(heading("III. TÌNH HÌNH GỬI BÁO CÁO"))
    body.append(
        bullet(
            f"Đã tiếp nhận {len(accepted)}/{len(reports)} báo cáo, trong đó {len(on_time)} "
            f"báo cáo đúng hạn, {len(accepted) - len(on_time)} báo cáo trễ hạn."
        )
    )
    if awaited:
        names = ", ".join(_unit_name(r.org) for r in awaited)
        body.append(bullet(f"Chưa gửi hoặc đang hoàn chỉnh báo cáo ({len(awaited)}): {names}."))
    pending_review = len(reports) - len(accepted) - len(awaited)
    if pending_review:
        body.append(bullet(f"Đang xem xét: {pending_review} báo cáo."))
    body.append(
        paragraph(
            f"Trên đây là báo cáo tổng hợp kết quả {PERIOD_NAMES[round_.period]} "
            f"{round_.year} của {org.name}./."
        )
    )
    columns = (
        Column("Công đoàn cơ sở", weight=3.2),
        Column("Đoàn viên tham gia", weight=1.3, align=Align.RIGHT),
        Column("Sáng kiến", weight=1.1, align=Align.RIGHT),
        Column("Điển hình", weight=1.1, align=Align.RIGHT),
        Column("Đề nghị khen thưởng", weight=1.3, align=Align.RIGHT),
    )
    rows = [
        (_unit_name(r.org), *[_number((r.figures or {}).get(key, 0)) for key, _l in COUNT_LINES])
        for r in accepted
    ]
    rows.append(("Tổng cộng", *[_number(counts[key]) for key, _l in COUNT_LINES]))
    place = org.place or (parent.place if parent is not None else "")
    return OfficialDocument(
        kind=Kind.REPORT,
        heading=heading_for(org),
        symbol=org.display_symbol,
        place=place,
        subject=subject_of(round_),
        number=number,
        date=date,
        draft_year=round_.year,
        addressee=f"Ban Thường vụ {parent.name}" if parent is not None else "",
        body=tuple(body),
        annex=Annex(
            columns=columns,
            rows=tuple(rows),
            title="SỐ LIỆU BÁO CÁO CỦA CÁC CÔNG ĐOÀN CƠ SỞ",
            subtitle=f"(Kèm theo báo cáo {subject_of(round_).lower()})",
        ),
        recipients=("Như trên",),
        filed_at=f"VT, {org.display_symbol}",
        signatures=(on_behalf_of_standing_committee(title=signer_title, name=signer_name),),
    )


def aggregate_report(round_, *, by, signer_name=None, signer_title=None):
    """Issue the aggregated report (BC) of ``round_`` from its accepted reports.

    The document is created in the asking unit's register, numbered (``issue_document``),
    rendered to DOCX with the unit's report template and linked to the round. Refused with 422
    when no report is accepted yet, and with 409 when the round already has a valid aggregated
    report (cancel it in the archive to make a new one). Side effects: a numbered document, its
    file, audit entries for the document and the round.
    """
    from thidua.documents import services as documents
    from thidua.documents.models import DocumentStatus

    require(by, "reporting.aggregate_round", round_)
    signer_name = (signer_name if signer_name is not None else by.get_full_name()).strip()
    signer_title = (signer_title or "Chủ tịch").strip()
    with transaction.atomic():
        round_ = lock_for_update(round_)
        current = round_.aggregate_document
        if current is not None and current.status != DocumentStatus.CANCELLED:
            raise Conflict(
                _("The aggregated report %(number)s already exists; cancel it to make a new one.")
                % {"number": current.number_symbol or current.title}
            )
        reports = list(round_.reports.select_related("org", "round").order_by("org__path"))
        if not any(r.status == ReportStatus.ACCEPTED for r in reports):
            raise RuleViolation(
                _("No report of this round has been accepted yet; accept reports first.")
            )
        document = documents.create_document(
            org=round_.org,
            by=by,
            doc_type="BC",
            title=f"Báo cáo {subject_of(round_).lower()}",
            summary=round_.title,
            record=round_,
            signer_name=signer_name,
            signer_title=signer_title,
        )
        document = documents.issue_document(
            document, by=by, signer_name=signer_name, signer_title=signer_title
        )
        model = build_document(
            round_,
            reports,
            signer_name=signer_name,
            signer_title=signer_title,
            number=document.number,
            date=document.issued_on,
        )
        data = render_docx(model, template=template_for(Kind.REPORT, round_.org))
        document = documents.attach_file(
            document,
            by=by,
            data=data,
            file_name=f"BC-{document.number:02d}-{document.year}-tong-hop-bao-cao.docx",
        )
        before = audit.snapshot(round_, ("aggregate_document", "version"))
        round_.aggregate_document = document
        round_.version += 1
        round_.save(update_fields=["aggregate_document", "version", "updated_at"])
        audit.record(
            by,
            AuditEntry.Action.UPDATE,
            round_,
            before=before,
            after=audit.snapshot(round_, ("aggregate_document", "version")),
            comment=_("Aggregated report %(number)s issued") % {"number": document.number_symbol},
        )
    return document
