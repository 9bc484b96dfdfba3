"""The launch document of a movement: a numbered plan (KH) or official letter of the launching unit.

The printed document is official Vietnamese text (Decree 30/2020, Decision 933/QĐ-TLĐ), built from
the movement's fields whatever the language of the person launching it. The plan is rendered to PDF
(stored on the document) and to DOCX on demand (``launch_docx``) by ``thidua.documents.rendering``.
"""

from thidua.core.text import format_number
from thidua.documents import services as documents
from thidua.documents.numbering import unit_symbol
from thidua.documents.rendering.model import (
    Kind,
    OfficialDocument,
    bullet,
    heading,
    heading_for,
    on_behalf_of_standing_committee,
    paragraph,
)

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII")


def _blocks(text):
    """Lines of a text field as paragraphs; lines starting with "-", "+" or "•" as bullets."""
    blocks = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        if line[0] in "-+•":
            blocks.append(bullet(line.lstrip("-+• ").strip()))
        else:
            blocks.append(paragraph(line))
    return blocks


def _date(value):
    return value.strftime("%d/%m/%Y") if value else ""


def _target_line(target):
    value = target.value
    value_text = format_number(value) if isinstance(value, int) else str(value).replace(".", ",")
    unit = target.unit.strip()
    if unit == "%":
        return f"{target.name}: {value_text}%"
    return f"{target.name}: {value_text} {unit}".rstrip()


def subject_of(movement):
    return f"Phát động phong trào thi đua “{movement.title}”"


def _sections(movement):
    sections = []
    if movement.objectives.strip():
        sections.append(("MỤC ĐÍCH, YÊU CẦU", _blocks(movement.objectives)))
    scope = _blocks(movement.scope) + _blocks(movement.participants)
    if scope:
        sections.append(("PHẠM VI, ĐỐI TƯỢNG THI ĐUA", scope))
    content = _blocks(movement.content)
    targets = list(movement.targets.all())
    if targets:
        content.append(paragraph("**Chỉ tiêu thi đua:**"))
        content.extend(bullet(_target_line(t)) for t in targets)
    if content:
        sections.append(("NỘI DUNG, CHỈ TIÊU THI ĐUA", content))
    if movement.measures.strip():
        sections.append(("BIỆN PHÁP TỔ CHỨC THỰC HIỆN", _blocks(movement.measures)))
    timing = [
        bullet(
            f"Thời gian thi đua: từ ngày {_date(movement.starts_on)} "
            f"đến ngày {_date(movement.ends_on)}."
        )
    ]
    if movement.plan_due_on:
        timing.append(
            bullet(
                "Các đơn vị xây dựng kế hoạch hưởng ứng và gửi về "
                f"{movement.org.short_name or movement.org.name} "
                f"**trước ngày {_date(movement.plan_due_on)}**."
            )
        )
    if movement.midterm_review_due_on:
        timing.append(bullet(f"Sơ kết trước ngày {_date(movement.midterm_review_due_on)}."))
    if movement.final_review_due_on:
        timing.append(bullet(f"Tổng kết trước ngày {_date(movement.final_review_due_on)}."))
    sections.append(("THỜI GIAN VÀ TIẾN ĐỘ", timing))
    return sections


def official_document(movement, document, unit_count):
    """The rendering model of the launch plan of ``movement`` numbered as ``document``."""
    org = movement.org
    body = [
        paragraph(
            f"Ban Thường vụ {org.name} phát động phong trào thi đua "
            f"“{movement.title}” với các nội dung sau:"
        )
    ]
    for index, (title, blocks) in enumerate(_sections(movement)):
        body.append(heading(f"{ROMAN[index]}. {title}"))
        body.extend(blocks)
    closing = (
        paragraph(
            "Đề nghị các đơn vị triển khai thực hiện và báo cáo kết quả theo đúng thời gian "
            "quy định./."
        ),
    )
    grassroots = org.kind != "grassroots_union"
    addressed = f"Như trên ({unit_count} {'CĐCS' if grassroots else 'tổ công đoàn'})"
    symbol = unit_symbol(org)
    return OfficialDocument(
        kind=Kind.PLAN,
        heading=heading_for(org),
        symbol=symbol,
        number=document.number,
        date=document.issued_on,
        draft_year=movement.starts_on.year,
        place=org.place or "Đồng Nai",
        subject=subject_of(movement),
        body=tuple(body),
        closing=closing,
        recipients=(addressed, f"Ban Thường vụ {org.short_name or org.name}"),
        filed_at=f"VT, {symbol}",
        signatures=(
            on_behalf_of_standing_committee(
                document.signer_title or "CHỦ TỊCH", document.signer_name
            ),
        ),
    )


def issue_launch_document(movement, *, by, units, as_cong_van=False):
    """Create, number and issue the launch document of ``movement`` as its unit; a plan (KH)
    also gets its rendered PDF. Returns the issued ``Document``."""
    from thidua.documents.rendering.pdf import render_pdf

    document = documents.create_document(
        org=movement.org,
        by=by,
        doc_type="CV" if as_cong_van else "KH",
        title=subject_of(movement),
        summary=movement.objectives[:2000],
        recipients="; ".join(u.name for u in units)[:5000],
        signer_name=by.get_full_name() if getattr(by, "pk", None) else "",
        record=movement,
    )
    document = documents.issue_document(document, by=by)
    if not as_cong_van:
        pdf = render_pdf(official_document(movement, document, len(units)))
        document = documents.attach_file(
            document, by=by, data=pdf, file_name=f"{document.number_symbol.replace('/', '-')}.pdf"
        )
    return document


def launch_docx(movement):
    """The launch plan as DOCX bytes (the unit's own template when it has one)."""
    from thidua.documents.rendering.word import render_docx, template_for

    document = movement.launch_document
    model = official_document(movement, document, movement.plans.count())
    return render_docx(model, template=template_for(Kind.PLAN, movement.org))
