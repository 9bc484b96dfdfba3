"""Build the default DOCX templates in ``documents/docx/`` with python-docx.

Run ``python -m thidua.documents.rendering.build_templates`` after changing the layout and commit
the generated files. The templates are docxtpl (Jinja) templates; the variables they use are
listed in ``rendering/word.py`` (``document_context``). A unit may download one, restyle it in
Word and upload it as its own (``template_for``).

Layout (Decree 30/2020/NĐ-CP, Decision 933/QĐ-TLĐ): A4, margins top/bottom 20 mm, left 30 mm,
right 15 mm; Times New Roman (Liberation Serif is metric-compatible) 13-14 pt; the two headings
side by side in a borderless table with their rules; page numbers centred at the top from page 2.
"""

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from thidua.documents.rendering import layout
from thidua.documents.rendering.model import Kind

DOCX_DIR = Path(__file__).resolve().parent.parent / "docx"
FONT = "Times New Roman"
RED = RGBColor(0xB0, 0x10, 0x10)
GOLD = "B8860B"
NAVY = RGBColor(0x1F, 0x2A, 0x5C)

CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


# --- styles -----------------------------------------------------------------------------------


def _set_fonts(rpr_owner, name=FONT):
    """Name the font for every script (python-docx only sets ascii and hAnsi)."""
    _set_rpr_fonts(rpr_owner.get_or_add_rPr(), name)


def _set_rpr_fonts(rpr, name=FONT):
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")


def _paragraph_style(
    doc,
    name,
    *,
    size=14,
    bold=False,
    italic=False,
    align=JUSTIFY,
    indent=False,
    before=0,
    after=0,
    keep_next=False,
    base="Normal",
    color=None,
):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base]
    style.quick_style = True
    font = style.font
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    if color is not None:
        font.color.rgb = color
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.first_line_indent = Mm(layout.FIRST_LINE_INDENT_MM) if indent else Mm(0)
    fmt.keep_with_next = keep_next
    fmt.widow_control = True
    return style


def _define_styles(doc):
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    _set_fonts(normal.element)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    # The document defaults too, so tables and headers never fall back to Calibri.
    rpr = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is not None:
        for child in list(rpr):
            if child.tag in (qn("w:rFonts"), qn("w:lang")):
                rpr.remove(child)
        _set_rpr_fonts(rpr)

    body = {"size": layout.BODY_SIZE, "indent": True, "after": layout.PARAGRAPH_SPACE_PT}
    _paragraph_style(doc, "TD Body", **body)
    _paragraph_style(doc, "TD Heading", bold=True, keep_next=True, **body)
    _paragraph_style(doc, "TD Subheading", bold=True, keep_next=True, **body)
    _paragraph_style(doc, "TD Bullet", **body)
    _paragraph_style(doc, "TD Preamble", italic=True, **body)
    _paragraph_style(doc, "TD Article", **body)

    head = layout.HEADING_SIZE
    _paragraph_style(doc, "TD Org Superior", size=layout.SUPERIOR_SIZE, align=CENTER)
    _paragraph_style(doc, "TD Org Issuer", size=head, bold=True, align=CENTER)
    _paragraph_style(doc, "TD National", size=layout.NATIONAL_SIZE, bold=True, align=CENTER)
    _paragraph_style(doc, "TD Motto", size=layout.MOTTO_SIZE, bold=True, align=CENTER)
    _paragraph_style(doc, "TD Number", size=head, align=CENTER, before=4)
    _paragraph_style(doc, "TD Date", size=layout.BODY_SIZE, italic=True, align=CENTER, before=4)
    rule = _paragraph_style(doc, "TD Rule", size=2, align=CENTER, after=2)
    rule.paragraph_format.line_spacing = Pt(2)

    _paragraph_style(doc, "TD Title", bold=True, align=CENTER, before=18, keep_next=True)
    _paragraph_style(doc, "TD Subject", bold=True, align=CENTER, keep_next=True)
    _paragraph_style(doc, "TD Addressee", align=CENTER, before=6, after=6, keep_next=True)
    _paragraph_style(
        doc, "TD Authority", bold=True, align=CENTER, before=6, after=6, keep_next=True
    )
    _paragraph_style(doc, "TD Decides", bold=True, align=CENTER, before=6, after=6, keep_next=True)
    _paragraph_style(doc, "TD Recipients Heading", size=12, bold=True, italic=True, align=LEFT)
    _paragraph_style(doc, "TD Recipients", size=11, align=LEFT)
    _paragraph_style(doc, "TD Signature", bold=True, align=CENTER, keep_next=True)
    _paragraph_style(doc, "TD Signer", bold=True, align=CENTER)
    _paragraph_style(doc, "TD Signature Space", align=CENTER, keep_next=True)
    _paragraph_style(doc, "TD Annex Title", bold=True, align=CENTER, keep_next=True)
    _paragraph_style(doc, "TD Annex Subtitle", italic=True, align=CENTER, keep_next=True)
    _paragraph_style(
        doc, "TD Table Caption", bold=True, align=CENTER, before=6, after=6, keep_next=True
    )
    table = layout.TABLE_SIZE
    _paragraph_style(doc, "TD Table Header", size=table, bold=True, align=CENTER)
    _paragraph_style(doc, "TD Table Text", size=table, align=LEFT)
    _paragraph_style(doc, "TD Table Center", size=table, align=CENTER)
    _paragraph_style(doc, "TD Table Number", size=table, align=RIGHT)
    _paragraph_style(doc, "TD Table Total", size=table, bold=True, align=CENTER)
    _paragraph_style(doc, "TD Table Total Number", size=table, bold=True, align=RIGHT)
    _paragraph_style(doc, "TD Words", italic=True, before=6, after=6)
    _paragraph_style(doc, "TD Page Number", size=layout.HEADING_SIZE, align=CENTER)
    _paragraph_style(doc, "TD End", size=1, align=LEFT)

    _paragraph_style(
        doc,
        "TD Cert Title",
        size=layout.CERT_TITLE_SIZE,
        bold=True,
        align=CENTER,
        before=18,
        after=8,
        color=RED,
    )
    _paragraph_style(doc, "TD Cert Body", size=16, align=CENTER, after=16)
    _paragraph_style(doc, "TD Cert Authority", size=16, bold=True, align=CENTER, after=4)
    _paragraph_style(
        doc,
        "TD Cert Recipient",
        size=layout.CERT_NAME_SIZE,
        bold=True,
        align=CENTER,
        before=10,
        after=6,
        color=NAVY,
    )
    _paragraph_style(doc, "TD Cert Detail", size=15, italic=True, align=CENTER, after=6)
    _paragraph_style(doc, "TD Cert Small", size=12, align=LEFT)


# --- building blocks ---------------------------------------------------------------------------


def _para(container, text="", style="TD Body"):
    """Append a paragraph (a cell's first, empty paragraph is reused)."""
    paragraphs = getattr(container, "paragraphs", [])
    if hasattr(container, "_tc") and len(paragraphs) == 1 and not paragraphs[0].text:
        p = paragraphs[0]
        p.style = container.part.document.styles[style]
        if text:
            p.add_run(text)
        return p
    return container.add_paragraph(text, style=style)


def _rule(container, width_mm, cell_mm):
    """A centred horizontal rule ``width_mm`` long: an empty paragraph with a bottom border."""
    p = _para(container, "", "TD Rule")
    side = max((cell_mm - width_mm) / 2, 0)
    p.paragraph_format.left_indent = Mm(side)
    p.paragraph_format.right_indent = Mm(side)
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "6")
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    ppr.insert_element_before(
        borders, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc"
    )
    return p


def _borderless_table(doc, widths_mm, rows=1):
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
    layout_el = OxmlElement("w:tblLayout")
    layout_el.set(qn("w:type"), "fixed")
    tbl_pr.insert_element_before(layout_el, "w:tblCellMar", "w:tblLook")
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), "0")
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tbl_pr.insert_element_before(margins, "w:tblLook")
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, widths_mm, strict=True):
        grid_col.w = Mm(width)
    return table


def _headings(doc, text_width_mm):
    """The two headings side by side, then the number and the date line on the next row.

    The table reaches ``HEADING_OVERHANG_MM`` into the left margin so that the superior's name
    and the national name each hold on one line, as on the printed forms.
    """
    width = text_width_mm + layout.HEADING_OVERHANG_MM
    left_mm, right_mm = layout.heading_columns_mm(width)
    table = _borderless_table(doc, (left_mm, right_mm), rows=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    indent = OxmlElement("w:tblInd")
    indent.set(qn("w:w"), str(-round(layout.HEADING_OVERHANG_MM * 1440 / 25.4)))
    indent.set(qn("w:type"), "dxa")
    table._tbl.tblPr.insert_element_before(
        indent, "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"
    )
    left, right = table.rows[0].cells
    _para(left, "{{ heading.superior }}", "TD Org Superior")
    _para(left, "{{ heading.issuer }}", "TD Org Issuer")
    _rule(left, layout.ISSUER_RULE_MM, left_mm)
    _para(right, "{{ national_name }}", "TD National")
    _para(right, "{{ national_motto }}", "TD Motto")
    _rule(right, layout.motto_rule_mm(), right_mm)
    number, date = table.rows[1].cells
    _para(number, "{{ number_line }}", "TD Number")
    _para(date, "{{ date_line }}", "TD Date")
    return table


def _blocks(doc, name):
    """The body loop: one paragraph per block, styled by its kind."""
    doc.add_paragraph(f"{{%p for b in {name} %}}")
    doc.add_paragraph('{%p if b.kind == "heading" %}')
    doc.add_paragraph("{{r b.rich }}", style="TD Heading")
    doc.add_paragraph('{%p elif b.kind == "subheading" %}')
    doc.add_paragraph("{{r b.rich }}", style="TD Subheading")
    doc.add_paragraph('{%p elif b.kind == "bullet" %}')
    doc.add_paragraph("{{r b.rich }}", style="TD Bullet")
    doc.add_paragraph("{%p else %}")
    doc.add_paragraph("{{r b.rich }}", style="TD Body")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")


def _title(doc, text_width_mm, *, addressee):
    doc.add_paragraph("{{ title }}", style="TD Title")
    doc.add_paragraph("{{ subject }}", style="TD Subject")
    _rule(doc, layout.SUBJECT_RULE_MM, text_width_mm)
    if addressee:
        doc.add_paragraph("{%p if addressee %}")
        doc.add_paragraph("Kính gửi: {{ addressee }}", style="TD Addressee")
        doc.add_paragraph("{%p endif %}")


def _decision_part(doc):
    doc.add_paragraph("{{ authority }}", style="TD Authority")
    doc.add_paragraph("{%p for line in preamble %}")
    doc.add_paragraph("{{ line }}", style="TD Preamble")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{{ decides }}", style="TD Decides")
    doc.add_paragraph("{%p for a in articles %}")
    p = doc.add_paragraph(style="TD Article")
    p.add_run("{{ a.label }}").bold = True
    p.add_run(" {{ a.text }}")
    doc.add_paragraph("{%p endfor %}")


def _inline_annex(doc):
    doc.add_paragraph("{%p if annex and not annex.separate_page %}")
    doc.add_paragraph("{%p if annex.title %}")
    doc.add_paragraph("{{ annex.title }}", style="TD Table Caption")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{{p annex.table }}")
    doc.add_paragraph("{%p if annex.words %}")
    doc.add_paragraph("{{ annex.words }}", style="TD Words")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endif %}")


def _signature_cell(cell, name):
    _para(cell, f"{{%p for line in {name}.lines %}}", "TD Signature")
    _para(cell, "{{ line }}", "TD Signature")
    _para(cell, "{%p endfor %}", "TD Signature")
    for _ in range(layout.SIGNATURE_SPACE_LINES):
        _para(cell, "", "TD Signature Space")
    _para(cell, f"{{{{ {name}.name }}}}", "TD Signer")


def _recipients_and_signature(doc, text_width_mm):
    table = _borderless_table(doc, layout.signature_columns_mm(text_width_mm))
    left, right = table.rows[0].cells
    _para(left, "{%p if recipients %}", "TD Recipients")
    _para(left, "{{ recipients_heading }}", "TD Recipients Heading")
    _para(left, "{%p for line in recipients %}", "TD Recipients")
    _para(left, "{{ line }}", "TD Recipients")
    _para(left, "{%p endfor %}", "TD Recipients")
    _para(left, "{%p endif %}", "TD Recipients")
    _para(left, "", "TD Recipients")
    _signature_cell(right, "signature")
    _space_before_table(table, 12)


def _two_signatures(doc, text_width_mm):
    half = text_width_mm / 2
    table = _borderless_table(doc, (half, half))
    left, right = table.rows[0].cells
    _para(left, "{%p if left_signature %}", "TD Signature")
    _signature_cell(left, "left_signature")
    _para(left, "{%p endif %}", "TD Signature")
    _para(left, "", "TD Signature")
    _signature_cell(right, "signature")
    _space_before_table(table, 12)


def _space_before_table(table, points):
    first = table.rows[0].cells[0].paragraphs[0]
    first.paragraph_format.space_before = Pt(points)
    for cell in table.rows[0].cells:
        cell.paragraphs[0].paragraph_format.space_before = Pt(points)


def _separate_annex(doc, text_width_mm):
    doc.add_paragraph("{%p if annex and annex.separate_page %}")
    p = doc.add_paragraph("{{ annex.title }}", style="TD Annex Title")
    p.paragraph_format.page_break_before = True
    doc.add_paragraph("{{ annex.subtitle }}", style="TD Annex Subtitle")
    _rule(doc, layout.SUBJECT_RULE_MM, text_width_mm)
    doc.add_paragraph("{{p annex.table }}")
    doc.add_paragraph("{%p if annex.words %}")
    doc.add_paragraph("{{ annex.words }}", style="TD Words")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endif %}")


def _page_numbers(doc, section):
    """Page numbers centred in the header from page 2 (Decree 30/2020)."""
    section.different_first_page_header_footer = True
    section.header_distance = Mm(10)
    p = section.header.paragraphs[0]
    p.style = doc.styles["TD Page Number"]
    run = p.add_run()
    run.font.size = Pt(layout.HEADING_SIZE)
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
    first = section.first_page_header.paragraphs[0]
    first.text = ""


def _page_setup(section, *, landscape=False):
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
            setattr(section, side, Mm(layout.CERT_MARGIN_MM))
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = Mm(layout.MARGIN_TOP_MM)
        section.bottom_margin = Mm(layout.MARGIN_BOTTOM_MM)
        section.left_margin = Mm(layout.MARGIN_LEFT_MM)
        section.right_margin = Mm(layout.MARGIN_RIGHT_MM)


def _new_document(title):
    doc = Document()
    # Drop the empty paragraph the blank template starts with.
    body = doc.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)
    _define_styles(doc)
    props = doc.core_properties
    props.title = title
    props.author = "thidua"
    props.language = "vi-VN"
    props.comments = (
        "Mẫu văn bản (docxtpl). Các biến: xem thidua.documents.rendering.word.document_context."
    )
    return doc


def _end(doc):
    doc.add_paragraph("", style="TD End")


def build_official(kind: Kind):
    doc = _new_document(f"Mẫu {kind.title.lower()}")
    section = doc.sections[0]
    _page_setup(section)
    _page_numbers(doc, section)
    width = layout.TEXT_WIDTH_MM
    _headings(doc, width)
    _title(doc, width, addressee=kind in (Kind.SUBMISSION, Kind.REPORT))
    if kind == Kind.DECISION:
        _decision_part(doc)
    _blocks(doc, "body")
    _inline_annex(doc)
    _blocks(doc, "closing")
    if kind == Kind.MINUTES:
        _two_signatures(doc, width)
    else:
        _recipients_and_signature(doc, width)
    _separate_annex(doc, width)
    _end(doc)
    return doc


def _page_border(section):
    """A double gold border with a thin red line inside, drawn around the page."""
    sect_pr = section._sectPr
    borders = OxmlElement("w:pgBorders")
    borders.set(qn("w:offsetFrom"), "page")
    for edge in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "thinThickThinSmallGap")
        el.set(qn("w:sz"), "24")
        el.set(qn("w:space"), "24")
        el.set(qn("w:color"), GOLD)
        borders.append(el)
    # pgBorders sits after pgMar in CT_SectPr's sequence.
    pg_mar = sect_pr.find(qn("w:pgMar"))
    pg_mar.addnext(borders)


def build_certificate():
    doc = _new_document("Mẫu giấy khen")
    section = doc.sections[0]
    _page_setup(section, landscape=True)
    _page_border(section)
    width = 297 - 2 * layout.CERT_MARGIN_MM - 2 * layout.CERT_INNER_MM
    left_mm, right_mm = layout.heading_columns_mm(width)
    table = _borderless_table(doc, (left_mm, right_mm))
    left, right = table.rows[0].cells
    _para(left, "{{ heading.superior }}", "TD Org Superior")
    _para(left, "{{ heading.issuer }}", "TD Org Issuer")
    _rule(left, layout.ISSUER_RULE_MM, left_mm)
    _para(right, "{{ national_name }}", "TD National")
    _para(right, "{{ national_motto }}", "TD Motto")
    _rule(right, layout.motto_rule_mm(), right_mm)

    doc.add_paragraph("{{ title }}", style="TD Cert Title")
    doc.add_paragraph("{{ awarding_body }}", style="TD Cert Authority")
    doc.add_paragraph("TẶNG", style="TD Cert Authority")
    doc.add_paragraph("{{ recipient }}", style="TD Cert Recipient")
    doc.add_paragraph("{%p if recipient_detail %}")
    doc.add_paragraph("{{ recipient_detail }}", style="TD Cert Detail")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{{ achievement }}", style="TD Cert Body")

    bottom = _borderless_table(doc, (width * 0.45, width * 0.55))
    left, sign = bottom.rows[0].cells
    _para(left, "{{ decision_line }}", "TD Cert Small")
    _para(left, "{%p if register_number %}", "TD Cert Small")
    _para(left, "{{ register_number }}", "TD Cert Small")
    _para(left, "{%p endif %}", "TD Cert Small")
    _para(left, "{{ qr }}", "TD Cert Small")
    _para(left, "Mã xác thực: {{ verification_code }}", "TD Cert Small")
    _para(sign, "{{ date_line }}", "TD Date")
    _signature_cell(sign, "signature")
    _space_before_table(bottom, 6)
    _end(doc)
    return doc


def build_all(directory: Path = DOCX_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in Kind:
        doc = build_certificate() if kind == Kind.CERTIFICATE else build_official(kind)
        path = directory / f"{kind.value}.docx"
        doc.save(path)
        written.append(path)
    return written


def main(argv=None):
    for path in build_all():
        sys.stdout.write(f"{path}\n")


if __name__ == "__main__":
    main()
