"""Rendering the annual report to PDF with ReportLab, in the official documents' layout
(``documents.rendering.pdf``): Liberation Serif embedded, tables and charts as vector drawings."""

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from thidua.dashboard.annual_report import charts
from thidua.dashboard.annual_report.tables import Table, pdf_table
from thidua.documents.rendering import layout
from thidua.documents.rendering import pdf as official


def _part(part) -> list:
    if isinstance(part, Table):
        return [official._p(part.caption, "caption"), pdf_table(part), Spacer(1, 6)]
    if isinstance(part, charts.BarChart):
        chart = charts.drawing(part)
        chart.hAlign = "CENTER"
        caption = official._p(part.caption, "annex_subtitle")
        return [KeepTogether([chart, caption]), Spacer(1, 6)]
    return [official._block(part)]


def story(content) -> list:
    """The flowables: headings, title, addressee, the body parts, recipients and signature."""
    document = content.document
    story = [
        official._Shifted(
            official._headings_table(
                document.heading,
                layout.TEXT_WIDTH_MM + layout.HEADING_OVERHANG_MM,
                number_line=document.number_line,
                date_line=document.date_line,
            ),
            layout.HEADING_OVERHANG_MM * mm,
        ),
        official._p(document.title, "title"),
        official._p(document.subject, "subject"),
        official._rule(layout.SUBJECT_RULE_MM, before=4, after=6),
    ]
    if document.addressee:
        story.append(official._p(f"Kính gửi: {document.addressee}", "addressee"))
    for part in content.parts:
        story += _part(part)
    signature = official._closing_table(document, layout.TEXT_WIDTH_MM)
    # The signature never stands alone on a page: it keeps the last paragraph with it.
    last = [story.pop()] if isinstance(story[-1], Paragraph) else []
    story.append(KeepTogether([*last, *signature]))
    return story


def render_pdf(content) -> bytes:
    """The report (an ``AnnualReportContent``) as PDF bytes, A4 portrait, fonts embedded."""
    layout.register_fonts()
    return official.official_pdf(content.document, story(content))
