"""Rendering official documents to PDF with ReportLab, laid out as the DOCX templates are.

Liberation Serif (metric-compatible with Times New Roman, full Vietnamese coverage) is embedded,
so the PDF looks the same on every machine. Pages are numbered at the top from page 2; an
annex table repeats its header row on each page; the Giấy khen is A4 landscape with its QR code.
"""

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    KeepTogether,
    LongTable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from thidua.documents.rendering import layout
from thidua.documents.rendering.model import (
    NATIONAL_MOTTO,
    NATIONAL_NAME,
    Align,
    Annex,
    Block,
    BlockKind,
    Certificate,
    Kind,
    OfficialDocument,
    Signature,
)
from thidua.documents.rendering.qr import qr_matrix

RED = colors.Color(0xB0 / 255, 0x10 / 255, 0x10 / 255)
GOLD = colors.Color(0xB8 / 255, 0x86 / 255, 0x0B / 255)
NAVY = colors.Color(0x1F / 255, 0x2A / 255, 0x5C / 255)


def _style(
    name,
    size=layout.BODY_SIZE,
    *,
    font=layout.SERIF,
    align=TA_JUSTIFY,
    indent=0.0,
    before=0,
    after=0,
    leading=None,
    color=colors.black,
    keep=False,
):
    return ParagraphStyle(
        name,
        fontName=font,
        fontSize=size,
        leading=leading or round(size * 1.2, 1),
        alignment=align,
        firstLineIndent=indent,
        spaceBefore=before,
        spaceAfter=after,
        textColor=color,
        keepWithNext=keep,
    )


_INDENT = layout.FIRST_LINE_INDENT_MM * mm
_AFTER = layout.PARAGRAPH_SPACE_PT
S = {
    "body": _style("body", indent=_INDENT, after=_AFTER),
    "heading": _style("heading", font=layout.SERIF_BOLD, indent=_INDENT, after=_AFTER, keep=True),
    "preamble": _style("preamble", font=layout.SERIF_ITALIC, indent=_INDENT, after=_AFTER),
    "superior": _style("superior", layout.SUPERIOR_SIZE, align=TA_CENTER),
    "issuer": _style("issuer", layout.HEADING_SIZE, font=layout.SERIF_BOLD, align=TA_CENTER),
    "national": _style("national", layout.NATIONAL_SIZE, font=layout.SERIF_BOLD, align=TA_CENTER),
    "motto": _style("motto", layout.MOTTO_SIZE, font=layout.SERIF_BOLD, align=TA_CENTER),
    "number": _style("number", layout.HEADING_SIZE, align=TA_CENTER, before=4),
    "date": _style("date", font=layout.SERIF_ITALIC, align=TA_CENTER, before=4),
    "title": _style("title", font=layout.SERIF_BOLD, align=TA_CENTER, before=18, keep=True),
    "subject": _style("subject", font=layout.SERIF_BOLD, align=TA_CENTER, keep=True),
    "addressee": _style("addressee", align=TA_CENTER, before=6, after=6, keep=True),
    "centered_bold": _style(
        "cb", font=layout.SERIF_BOLD, align=TA_CENTER, before=6, after=6, keep=True
    ),
    "caption": _style(
        "caption", font=layout.SERIF_BOLD, align=TA_CENTER, before=6, after=6, keep=True
    ),
    "annex_subtitle": _style("annex_subtitle", font=layout.SERIF_ITALIC, align=TA_CENTER),
    "words": _style("words", font=layout.SERIF_ITALIC, before=6, after=6),
    "recipients_heading": _style(
        "rh", layout.RECIPIENTS_HEADING_SIZE, font=layout.SERIF_BOLD_ITALIC, align=TA_LEFT
    ),
    "recipients": _style("recipients", layout.RECIPIENTS_SIZE, align=TA_LEFT),
    "signature": _style("signature", font=layout.SERIF_BOLD, align=TA_CENTER),
    "th": _style("th", layout.TABLE_SIZE, font=layout.SERIF_BOLD, align=TA_CENTER),
    "td_left": _style("td_left", layout.TABLE_SIZE, align=TA_LEFT),
    "td_center": _style("td_center", layout.TABLE_SIZE, align=TA_CENTER),
    "td_right": _style("td_right", layout.TABLE_SIZE, align=TA_RIGHT),
    "total": _style("total", layout.TABLE_SIZE, font=layout.SERIF_BOLD, align=TA_CENTER),
    "total_number": _style(
        "total_number", layout.TABLE_SIZE, font=layout.SERIF_BOLD, align=TA_RIGHT
    ),
}
_CELL = {Align.LEFT: "td_left", Align.CENTER: "td_center", Align.RIGHT: "td_right"}
_NO_PADDING = [
    ("FONT", (0, 0), (-1, -1), layout.SERIF, layout.TABLE_SIZE),
    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
]


def _text(value: str) -> str:
    return escape(value)


def _p(text: str, style: str) -> Paragraph:
    return Paragraph(_text(text), S[style])


def _rule(width_mm: float, *, before=1, after=3) -> HRFlowable:
    return HRFlowable(
        width=width_mm * mm,
        thickness=0.6,
        color=colors.black,
        hAlign="CENTER",
        spaceBefore=before,
        spaceAfter=after,
    )


class _Shifted(Flowable):
    """A flowable drawn ``dx`` to the left of the frame (the headings reach into the margin)."""

    def __init__(self, flowable, dx):
        super().__init__()
        self.flowable, self.dx = flowable, dx

    def wrap(self, avail_width, avail_height):
        self.width, self.height = self.flowable.wrap(avail_width + self.dx, avail_height)
        return avail_width, self.height

    def draw(self):
        self.flowable.drawOn(self.canv, -self.dx, 0)


def _headings_table(heading, width_mm, *, number_line=None, date_line=None):
    left_mm, right_mm = layout.heading_columns_mm(width_mm)
    # Space before and after the rules explicitly: table cells ignore a flowable's spaceBefore.
    left = [
        _p(heading.superior, "superior"),
        _p(heading.issuer, "issuer"),
        Spacer(1, 2),
        _rule(layout.ISSUER_RULE_MM),
        Spacer(1, 2),
    ]
    right = [
        _p(NATIONAL_NAME, "national"),
        _p(NATIONAL_MOTTO, "motto"),
        Spacer(1, 2),
        _rule(layout.motto_rule_mm()),
        Spacer(1, 2),
    ]
    rows = [[left, right]]
    if number_line is not None:
        rows.append([_p(number_line, "number"), _p(date_line, "date")])
    table = Table(rows, colWidths=[left_mm * mm, right_mm * mm], hAlign="LEFT")
    table.setStyle(TableStyle(_NO_PADDING))
    return table


def _block(block: Block) -> Paragraph:
    markup = "".join(
        f"<b>{_text(text)}</b>" if bold else _text(text) for text, bold in block.runs()
    )
    style = "heading" if block.kind in (BlockKind.HEADING, BlockKind.SUBHEADING) else "body"
    return Paragraph(markup, S[style])


def annex_table(annex: Annex, width_mm: float = layout.TEXT_WIDTH_MM) -> LongTable:
    """The annex: header row repeated on every page, "TT" column, total row under money."""
    number_mm = 11.0
    weights = [column.weight for column in annex.columns]
    rest = width_mm - number_mm
    widths = [number_mm * mm] + [rest * w / sum(weights) * mm for w in weights]
    header = [_p(annex.number_title, "th"), *(_p(c.title, "th") for c in annex.columns)]
    styles = [_CELL[column.align] for column in annex.columns]
    data = [header]
    for number, row in enumerate(annex.rows, start=1):
        cells = [_p(str(number), "td_center")]
        cells += [
            _p(annex.cell_text(i, value), style)
            for i, (value, style) in enumerate(zip(row, styles, strict=True))
        ]
        data.append(cells)
    commands = [
        ("FONT", (0, 0), (-1, -1), layout.SERIF, layout.TABLE_SIZE),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    money = annex.money_index
    if money is not None:
        span = money + 1
        total = [_p(annex.total_label, "total")] + [""] * (span - 1)
        total.append(_p(annex.cell_text(money, annex.total), "total_number"))
        total += [""] * (len(header) - len(total))
        data.append(total)
        commands.append(("SPAN", (0, len(data) - 1), (span - 1, len(data) - 1)))
    table = LongTable(data, colWidths=widths, repeatRows=1, hAlign="CENTER")
    table.setStyle(TableStyle(commands))
    return table


def _signature_cell(signature: Signature) -> list:
    cell = [_p(line, "signature") for line in signature.lines]
    cell.append(Spacer(1, layout.SIGNATURE_SPACE_LINES * layout.BODY_SIZE * 1.2))
    cell.append(_p(signature.name, "signature"))
    return cell


def _closing_table(document: OfficialDocument, width_mm: float):
    if len(document.signatures) > 1:
        half = width_mm / 2 * mm
        cells = [_signature_cell(document.signatures[0]), _signature_cell(document.signatures[-1])]
        table = Table([cells], colWidths=[half, half])
    else:
        left_mm, right_mm = layout.signature_columns_mm(width_mm)
        lines = document.recipient_lines
        recipients = [_p("Nơi nhận:", "recipients_heading")] if lines else [""]
        recipients += [_p(line, "recipients") for line in lines]
        cells = [recipients, _signature_cell(document.signatures[-1])]
        table = Table([cells], colWidths=[left_mm * mm, right_mm * mm])
    table.setStyle(TableStyle(_NO_PADDING))
    return [Spacer(1, 12), table]


def _annex_flowables(document: OfficialDocument) -> list:
    annex = document.annex
    flowables = []
    if annex.separate_page:
        flowables += [PageBreak(), _p(annex.title, "subject")]
        if annex.subtitle:
            flowables.append(_p(annex.subtitle, "annex_subtitle"))
        flowables += [_rule(layout.SUBJECT_RULE_MM, before=2, after=8)]
    elif annex.title:
        flowables.append(_p(annex.title, "caption"))
    flowables.append(annex_table(annex))
    if document.annex_total_words:
        flowables.append(_p(document.annex_total_words, "words"))
    elif not annex.separate_page:
        flowables.append(Spacer(1, 6))
    return flowables


def official_story(document: OfficialDocument) -> list:
    """The flowables of a plan, submission, minutes, decision or report."""
    width = layout.TEXT_WIDTH_MM
    heading_width = width + layout.HEADING_OVERHANG_MM
    story = [
        _Shifted(
            _headings_table(
                document.heading,
                heading_width,
                number_line=document.number_line,
                date_line=document.date_line,
            ),
            layout.HEADING_OVERHANG_MM * mm,
        ),
        _p(document.title, "title"),
        _p(document.subject, "subject"),
        _rule(layout.SUBJECT_RULE_MM, before=4, after=6),
    ]
    if document.addressee:
        story.append(_p(f"Kính gửi: {document.addressee}", "addressee"))
    if document.kind == Kind.DECISION:
        if document.authority:
            story.append(_p(document.authority, "centered_bold"))
        story += [_p(line, "preamble") for line in document.preamble]
        story.append(_p("QUYẾT ĐỊNH:", "centered_bold"))
        story += [
            Paragraph(f"<b>Điều {index}.</b> {_text(text)}", S["body"])
            for index, text in enumerate(document.articles, start=1)
        ]
    story += [_block(block) for block in document.body]
    if document.annex is not None and not document.annex.separate_page:
        story += _annex_flowables(document)
    story += [_block(block) for block in document.closing]
    signature = _closing_table(document, width)
    # The signature never stands alone on a page: it keeps the last paragraph with it.
    last = [story.pop()] if isinstance(story[-1], Paragraph) else []
    story.append(KeepTogether([*last, *signature]))
    if document.annex is not None and document.annex.separate_page:
        story += _annex_flowables(document)
    return story


def _page_number(canv, doc):
    """Decree 30/2020: the page number centred in the top margin, from page 2."""
    canv.saveState()
    canv.setFont(layout.SERIF, layout.HEADING_SIZE)
    x = (layout.MARGIN_LEFT_MM + layout.TEXT_WIDTH_MM / 2) * mm
    canv.drawCentredString(x, A4[1] - 12 * mm, str(canv.getPageNumber()))
    canv.restoreState()


def official_pdf(document: OfficialDocument, story) -> bytes:
    """``story`` (flowables) as the PDF of ``document``: A4 with the decree's margins, the
    document's metadata, fonts embedded and page numbers from page 2."""
    layout.register_fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=layout.MARGIN_LEFT_MM * mm,
        rightMargin=layout.MARGIN_RIGHT_MM * mm,
        topMargin=layout.MARGIN_TOP_MM * mm,
        bottomMargin=layout.MARGIN_BOTTOM_MM * mm,
        title=f"{document.title} {document.reference}: {document.subject}",
        author=document.heading.issuer,
        subject=document.subject,
        creator="thidua",
        lang="vi-VN",
        initialFontName=layout.SERIF,
        initialFontSize=layout.BODY_SIZE,
    )
    doc.build(story, onLaterPages=_page_number)
    return out.getvalue()


def _official_pdf(document: OfficialDocument) -> bytes:
    return official_pdf(document, official_story(document))


# --- the certificate --------------------------------------------------------------------------


def _draw_paragraph(canv, text, style, x, top, width, *, markup=False):
    """Draw a wrapped paragraph whose top edge is at ``top``; return its bottom edge."""
    para = Paragraph(text if markup else _text(text), style)
    _, height = para.wrap(width, 200 * mm)
    para.drawOn(canv, x, top - height)
    return top - height


def _draw_qr(canv, url, x, y, size):
    """The QR code of ``url`` as vector squares, ``size`` wide, lower-left corner at (x, y)."""
    matrix = qr_matrix(url)
    module = size / len(matrix)
    canv.saveState()
    canv.setFillColor(colors.black)
    for row_index, row in enumerate(matrix):
        top = y + size - (row_index + 1) * module
        for col_index, black in enumerate(row):
            if black:
                canv.rect(x + col_index * module, top, module, module, stroke=0, fill=1)
    canv.restoreState()


def _certificate_pdf(cert: Certificate) -> bytes:
    out = io.BytesIO()
    page_w, page_h = landscape(A4)
    canv = pdf_canvas.Canvas(
        out,
        pagesize=(page_w, page_h),
        pageCompression=1,
        initialFontName=layout.SERIF,
        initialFontSize=layout.BODY_SIZE,
        lang="vi-VN",
    )
    canv.setTitle(f"Giấy khen - {cert.recipient}")
    canv.setAuthor(cert.heading.issuer)
    canv.setSubject(cert.achievement)
    canv.setCreator("thidua")

    # A gold frame: thick outer line, thin inner line.
    canv.setStrokeColor(GOLD)
    canv.setLineWidth(3)
    canv.rect(9 * mm, 9 * mm, page_w - 18 * mm, page_h - 18 * mm)
    canv.setLineWidth(0.8)
    canv.rect(11.5 * mm, 11.5 * mm, page_w - 23 * mm, page_h - 23 * mm)

    margin = (layout.CERT_MARGIN_MM + layout.CERT_INNER_MM) * mm
    width = page_w - 2 * margin
    headings = _headings_table(cert.heading, width / mm)
    _, h = headings.wrap(width, page_h)
    top = page_h - layout.CERT_MARGIN_MM * mm
    headings.drawOn(canv, margin, top - h)
    top -= h + 12

    title = _style(
        "cert_title", layout.CERT_TITLE_SIZE, font=layout.SERIF_BOLD, align=TA_CENTER, color=RED
    )
    top = _draw_paragraph(canv, cert.title, title, margin, top, width) - 8
    authority = _style("cert_authority", 16, font=layout.SERIF_BOLD, align=TA_CENTER)
    top = _draw_paragraph(canv, cert.awarding_body, authority, margin, top, width) - 4
    top = _draw_paragraph(canv, "TẶNG", authority, margin, top, width) - 10
    name = _style(
        "cert_name", layout.CERT_NAME_SIZE, font=layout.SERIF_BOLD, align=TA_CENTER, color=NAVY
    )
    top = _draw_paragraph(canv, cert.recipient, name, margin, top, width) - 6
    if cert.recipient_detail:
        detail = _style("cert_detail", 15, font=layout.SERIF_ITALIC, align=TA_CENTER)
        top = _draw_paragraph(canv, cert.recipient_detail, detail, margin, top, width) - 6
    body = _style("cert_body", 16, align=TA_CENTER)
    top = _draw_paragraph(canv, cert.achievement, body, margin + 20 * mm, top, width - 40 * mm)
    top -= 16

    # Bottom left: decision, register number, QR code and verification code.
    small = _style("cert_small", 12, align=TA_LEFT)
    left_w = width * 0.45
    low = _draw_paragraph(canv, cert.decision_line, small, margin, top, left_w)
    if cert.register_number:
        low = _draw_paragraph(canv, cert.register_number, small, margin, low, left_w)
    size = 26 * mm
    _draw_qr(canv, cert.verification_url, margin - 2 * mm, low - size - 2, size)
    _draw_paragraph(
        canv, f"Mã xác thực: {cert.verification_code}", small, margin, low - size - 4, left_w
    )

    # Bottom right: date line and signature block.
    right_x, right_w = margin + left_w, width - left_w
    low = _draw_paragraph(canv, cert.date_line, S["date"], right_x, top, right_w)
    for line in cert.signature.lines:
        low = _draw_paragraph(canv, line, S["signature"], right_x, low, right_w)
    low -= layout.SIGNATURE_SPACE_LINES * layout.BODY_SIZE * 1.2
    _draw_paragraph(canv, cert.signature.name, S["signature"], right_x, low, right_w)

    canv.showPage()
    canv.save()
    return out.getvalue()


def render_pdf(document: OfficialDocument | Certificate) -> bytes:
    """The document as PDF bytes (A4 portrait; the Giấy khen A4 landscape), fonts embedded."""
    layout.register_fonts()
    if isinstance(document, Certificate):
        return _certificate_pdf(document)
    return _official_pdf(document)
