"""The printed decision (QĐ) and certificates (Giấy khen), in official Vietnamese whatever the
language of the person printing them.

``decision_document`` builds the ``OfficialDocument`` (the "Căn cứ ..." preamble, three articles,
the annex of recipients, units, awards and amounts with the total and its reading in words);
``decision_docx`` / ``decision_pdf`` render it. ``certificate_pdf`` renders one Giấy khen (A4
landscape, with the QR code of its verification page) and ``certificates_pdf`` merges those of a
decision into one file for printing.
"""

import io

from pypdf import PdfReader, PdfWriter

from thidua.core.text import amount_in_words, format_number
from thidua.documents.numbering import unit_symbol
from thidua.documents.rendering.model import (
    Align,
    Annex,
    Column,
    Kind,
    OfficialDocument,
    Signature,
    heading_for,
)
from thidua.documents.rendering.model import Certificate as CertificateModel
from thidua.documents.rendering.pdf import render_pdf
from thidua.documents.rendering.word import render_docx, template_for
from thidua.organizations.models import OrgKind

DEFAULT_PLACE = "Đồng Nai"
LEGAL_BASES = (
    "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;",
    "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết thi hành một số điều "
    "của Luật Thi đua, khen thưởng;",
    "Căn cứ Điều lệ Công đoàn Việt Nam;",
    "Căn cứ Quyết định số 999/QĐ-TLĐ ngày 29/5/2024 của Tổng Liên đoàn Lao động Việt Nam "
    "về khen thưởng của tổ chức Công đoàn;",
)


def place_of(org):
    return org.place or DEFAULT_PLACE


def _years(items):
    years = sorted({item.nomination.year for item in items})
    return ", ".join(str(y) for y in years)


def _award_names(items):
    names = []
    for item in items:
        if item.award_type.name not in names:
            names.append(item.award_type.name)
    return names


def subject_for(org, items):
    """ "Về việc tặng Giấy khen ... năm 2025" from the awards and years of ``items``."""
    awards = ", ".join(_award_names(items))
    return f"Về việc tặng {awards} năm {_years(items)}"


def signature_for(decision):
    """Signs for the standing committee; "KT. CHỦ TỊCH" when a vice-chair signs."""
    title = decision.signer_title
    deputy = title.strip().lower().startswith("phó")
    if decision.org.kind == OrgKind.GRASSROOTS_UNION:
        authority = ("TM. BAN CHẤP HÀNH",)
    else:
        authority = ("TM. BAN THƯỜNG VỤ",)
    if deputy:
        authority = (*authority, "KT. CHỦ TỊCH")
    return Signature(title=title, name=decision.signer_name, authority=authority)


def recipient_detail(item):
    if item.member_id:
        member = item.member
        parts = [member.job_title, member.org.name]
        return ", ".join(p for p in parts if p)
    return item.holder_org.parent.name if item.holder_org.parent_id else ""


def decision_document(decision):
    """The ``OfficialDocument`` of ``decision`` (number and date from its issued document)."""
    org = decision.org
    items = list(
        decision.items.select_related(
            "award_type", "member__org", "holder_org__parent", "nomination__org"
        )
    )
    total = sum(item.amount for item in items)
    proposers = []
    for item in items:
        if item.nomination.org.name not in proposers and item.nomination.org_id != org.pk:
            proposers.append(item.nomination.org.name)
    consideration = "Xét đề nghị của Ban Thường trực và kết quả bình xét của Hội đồng Thi đua - "
    consideration += f"Khen thưởng {org.name}"
    if proposers:
        consideration = (
            f"Xét đề nghị của {', '.join(proposers)} và kết quả bình xét của Hội đồng "
            f"Thi đua - Khen thưởng {org.name}"
        )
    rows = tuple(
        (item.recipient_name, recipient_detail(item), item.award_type.name, item.amount)
        for item in items
    )
    reference = decision.number_symbol
    return OfficialDocument(
        kind=Kind.DECISION,
        heading=heading_for(org),
        symbol=unit_symbol(org),
        number=decision.document.number,
        date=decision.signed_on,
        place=place_of(org),
        subject=decision.subject,
        authority=f"BAN THƯỜNG VỤ {org.name}".upper()
        if org.kind != OrgKind.GRASSROOTS_UNION
        else f"BAN CHẤP HÀNH {org.name}".upper(),
        preamble=(*LEGAL_BASES, f"{consideration},"),
        articles=(
            f"Tặng {', '.join(_award_names(items))} cho {len(items):02d} cá nhân, tập thể "
            f"(có danh sách kèm theo) đã có thành tích xuất sắc trong phong trào thi đua năm "
            f"{_years(items)}.",
            f"Tổng số tiền thưởng: {format_number(total)} đồng (Bằng chữ: "
            f"{amount_in_words(total)}), trích từ quỹ khen thưởng của {org.name}.",
            f"Văn phòng {org.name}, các đơn vị và cá nhân, tập thể có tên tại Điều 1 chịu trách "
            "nhiệm thi hành Quyết định này./.",
        ),
        annex=Annex(
            title="DANH SÁCH CÁ NHÂN, TẬP THỂ ĐƯỢC KHEN THƯỞNG",
            subtitle=(
                f"(Kèm theo Quyết định số {reference} ngày {decision.signed_on:%d/%m/%Y} "
                f"của {org.name})"
            ),
            columns=(
                Column("Họ và tên / Tập thể", 3.2),
                Column("Chức danh, đơn vị công tác", 4.6),
                Column("Hình thức khen thưởng", 2.6, Align.CENTER),
                Column("Số tiền (đồng)", 2.0, money=True),
            ),
            rows=rows,
        ),
        recipients=("Như Điều 3", "Cấp trên trực tiếp (để b/c)"),
        filed_at=f"VT, {unit_symbol(org)}",
        signatures=(signature_for(decision),),
    )


def decision_docx(decision):
    return render_docx(
        decision_document(decision), template=template_for(Kind.DECISION, decision.org)
    )


def decision_pdf(decision):
    return render_pdf(decision_document(decision))


def _recipient_line(item):
    if item.member_id:
        honorific = "Bà" if item.member.gender == "female" else "Ông"
        return f"{honorific} {item.recipient_name}"
    return item.recipient_name


def certificate_model(certificate):
    """The ``Certificate`` (rendering model) of ``certificate``."""
    item = certificate.item
    decision = item.decision
    org = decision.org
    body = "Ban Thường vụ" if org.kind != OrgKind.GRASSROOTS_UNION else "Ban Chấp hành"
    achievement = (item.nomination.achievements or "").strip().splitlines()
    achievement = (
        achievement[0]
        if achievement
        else f"Đã có thành tích xuất sắc trong phong trào thi đua năm {item.nomination.year}"
    )
    return CertificateModel(
        heading=heading_for(org),
        awarding_body=f"{body} {org.name}",
        recipient=_recipient_line(item),
        recipient_detail=recipient_detail(item),
        achievement=achievement[:400],
        decision_reference=decision.number_symbol,
        decision_date=decision.signed_on,
        place=place_of(org),
        date=decision.signed_on,
        signature=signature_for(decision),
        verification_code=certificate.code,
        verification_url=certificate.verification_url,
        register_number=f"Số vào sổ: {item.position:03d}/{decision.number_symbol}",
    )


def certificate_pdf(certificate):
    """One Giấy khen, A4 landscape, with the QR code of its verification page."""
    return render_pdf(certificate_model(certificate))


def certificates_pdf(certificates):
    """The certificates merged into one PDF, one page each, in the order given."""
    writer = PdfWriter()
    for certificate in certificates:
        for page in PdfReader(io.BytesIO(certificate_pdf(certificate))).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
