"""The submission (tờ trình, TTr) of a unit proposing nominations, as an official document.

Official Vietnamese text whatever the language of the person submitting: the heading of the
proposing unit, the number, the addressee (the unit above), a body with the counts (and the share
of direct workers) and the annex list of nominees with their award and a summary of achievements.
Rendered to PDF and stored on the issued document; DOCX on demand (``submission_docx``).
"""

from thidua.documents import services as documents
from thidua.documents.numbering import unit_symbol
from thidua.documents.rendering.model import (
    Align,
    Annex,
    Column,
    Kind,
    OfficialDocument,
    heading_for,
    on_behalf_of_executive_committee,
    on_behalf_of_standing_committee,
    paragraph,
)

SUMMARY_LENGTH = 300


def _summary(text):
    text = " ".join((text or "").split())
    return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1].rstrip() + "…"


def _post(nomination):
    """Job title and unit of an individual nominee; the collective's own name otherwise."""
    if nomination.member_id:
        member = nomination.member
        return ", ".join(p for p in (member.job_title, member.org.name) if p)
    return nomination.nominee_org.name


def nominations_annex(nominations, document, org):
    """The annex of a TTr: every nominee with their post, the award and their achievements."""
    date_text = document.issued_on.strftime("%d/%m/%Y") if document.issued_on else "..."
    return Annex(
        title="DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG",
        subtitle=(
            f"(Kèm theo Tờ trình số {document.number_symbol or '....'} ngày {date_text} "
            f"của {org.name})"
        ),
        columns=(
            Column("Họ và tên / Tập thể", 3.0),
            Column("Chức danh, đơn vị", 3.4),
            Column("Hình thức đề nghị", 2.2, Align.CENTER),
            Column("Tóm tắt thành tích", 4.6),
        ),
        rows=tuple(
            (n.nominee_name, _post(n), n.award_type.name, _summary(n.achievements))
            for n in nominations
        ),
    )


def _percent(part, whole):
    return f"{part * 100 / whole:.1f}".replace(".", ",") if whole else "0"


def official_document(submission, nominations, document):
    org = submission.org
    superior = org.parent
    addressee = f"Ban Thường vụ {superior.name}" if superior is not None else ""
    count = len(nominations)
    individuals = [n for n in nominations if n.member_id]
    direct = sum(1 for n in individuals if n.member.is_direct_worker)
    awards = list(dict.fromkeys(n.award_type.name for n in nominations))
    body = [
        paragraph(
            "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15; căn cứ Quyết định số 999/QĐ-TLĐ "
            "ngày 29/5/2024 của Tổng Liên đoàn Lao động Việt Nam về khen thưởng của tổ chức "
            "Công đoàn,"
        ),
        paragraph(
            f"Ban Chấp hành {org.name} kính đề nghị {addressee or 'cấp trên'} xem xét, tặng "
            f"{', '.join(awards)} cho **{count} "
            f"{'tập thể, cá nhân' if len(individuals) < count else 'cá nhân'}** đã có thành tích "
            f"xuất sắc năm {submission.year} (có danh sách và báo cáo thành tích kèm theo)."
        ),
    ]
    if individuals:
        body.append(
            paragraph(
                f"Trong số được đề nghị có {direct} người lao động trực tiếp, chiếm "
                f"{_percent(direct, len(individuals))}% số cá nhân."
            )
        )
    body.append(paragraph(f"Kính đề nghị {addressee or 'cấp trên'} xem xét, quyết định./."))
    symbol = unit_symbol(org)
    signer_title = document.signer_title or "CHỦ TỊCH"
    grassroots = org.kind == "grassroots_union"
    signature = (
        on_behalf_of_executive_committee(signer_title, document.signer_name)
        if grassroots
        else on_behalf_of_standing_committee(signer_title, document.signer_name)
    )
    return OfficialDocument(
        kind=Kind.SUBMISSION,
        heading=heading_for(org),
        symbol=symbol,
        number=document.number,
        date=document.issued_on,
        draft_year=submission.year,
        place=org.place or "Đồng Nai",
        subject=submission.title,
        addressee=addressee,
        body=tuple(body),
        annex=nominations_annex(nominations, document, org),
        recipients=("Như trên",),
        filed_at=f"VT, {symbol}",
        signatures=(signature,),
    )


def issue_submission_document(submission, nominations, *, by, issued_on=None):
    """Create, number, issue and render the TTr of ``submission``; returns the ``Document``."""
    from thidua.documents.rendering.pdf import render_pdf

    document = documents.create_document(
        org=submission.org,
        by=by,
        doc_type="TTR",
        title=submission.title,
        summary=f"{len(nominations)} đề nghị khen thưởng năm {submission.year}",
        recipients=submission.org.parent.name if submission.org.parent_id else "",
        signer_name=by.get_full_name() if getattr(by, "pk", None) else "",
        record=submission,
    )
    document = documents.issue_document(document, by=by, issued_on=issued_on)
    pdf = render_pdf(official_document(submission, nominations, document))
    return documents.attach_file(
        document, by=by, data=pdf, file_name=f"{document.number_symbol.replace('/', '-')}.pdf"
    )


def submission_docx(submission):
    from thidua.documents.rendering.word import render_docx, template_for

    nominations = list(
        submission.nominations.select_related("member", "member__org", "nominee_org", "award_type")
    )
    model = official_document(submission, nominations, submission.document)
    return render_docx(model, template=template_for(Kind.SUBMISSION, submission.org))
