"""The submission (tờ trình, TTr) with which the sector forwards a round of nominations upwards.

Official Vietnamese text whatever the language of the person forwarding: the heading of the
forwarding unit, the number, the addressee (the upper level whose award it is), a body with the
counts and the share of direct workers, and the annex list of every nomination of the round.
Rendered to PDF through ``documents.rendering`` and stored on the issued document.
"""

from thidua.documents import services as documents
from thidua.documents.numbering import unit_symbol
from thidua.documents.rendering.model import (
    Kind,
    OfficialDocument,
    heading_for,
    on_behalf_of_standing_committee,
    paragraph,
)
from thidua.nominations.submission_document import nominations_annex


def official_document(batch, nominations, document):
    org = batch.org
    addressee = batch.upper_body
    count = len(nominations)
    individuals = [n for n in nominations if n.member_id]
    direct = sum(1 for n in individuals if n.member.is_direct_worker)
    awards = list(dict.fromkeys(n.award_type.name for n in nominations))
    who = "tập thể, cá nhân" if len(individuals) < count else "cá nhân"
    body = [
        paragraph(
            "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15; căn cứ Quyết định số 999/QĐ-TLĐ "
            "ngày 29/5/2024 của Tổng Liên đoàn Lao động Việt Nam về khen thưởng của tổ chức "
            "Công đoàn; căn cứ kết quả xét duyệt của Hội đồng Thi đua - Khen thưởng,"
        ),
        paragraph(
            f"Ban Thường vụ {org.name} kính đề nghị {addressee} xem xét, tặng "
            f"{', '.join(awards)} cho **{count} {who}** đã có thành tích xuất sắc năm "
            f"{batch.year} (có danh sách và hồ sơ kèm theo)."
        ),
    ]
    if individuals:
        share = f"{direct * 100 / len(individuals):.1f}".replace(".", ",")
        body.append(
            paragraph(
                f"Trong số cá nhân được đề nghị có {direct} người lao động trực tiếp, chiếm "
                f"{share}% số cá nhân."
            )
        )
    body.append(paragraph(f"Kính đề nghị {addressee} xem xét, quyết định./."))
    symbol = unit_symbol(org)
    return OfficialDocument(
        kind=Kind.SUBMISSION,
        heading=heading_for(org),
        symbol=symbol,
        number=document.number,
        date=document.issued_on,
        draft_year=batch.year,
        place=org.place or "Đồng Nai",
        subject=batch.title,
        addressee=addressee,
        body=tuple(body),
        annex=nominations_annex(nominations, document, org),
        recipients=("Như trên", "Lưu"),
        filed_at=f"VT, {symbol}",
        signatures=(
            on_behalf_of_standing_committee(
                document.signer_title or "CHỦ TỊCH", document.signer_name
            ),
        ),
    )


def issue_batch_document(batch, nominations, *, by):
    """Create, number, issue and render the TTr of ``batch``; returns the ``Document``."""
    from thidua.documents.rendering.pdf import render_pdf

    document = documents.create_document(
        org=batch.org,
        by=by,
        doc_type="TTR",
        title=batch.title,
        summary=f"{len(nominations)} đề nghị khen thưởng năm {batch.year} gửi {batch.upper_body}",
        recipients=batch.upper_body,
        signer_name=by.get_full_name() if getattr(by, "pk", None) else "",
        record=batch,
    )
    document = documents.issue_document(document, by=by)
    pdf = render_pdf(official_document(batch, nominations, document))
    return documents.attach_file(
        document, by=by, data=pdf, file_name=f"{document.number_symbol.replace('/', '-')}.pdf"
    )
