"""Rendering the annual report to DOCX with its docxtpl template (``template.py``)."""

import io

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from markupsafe import Markup

from thidua.dashboard.annual_report import charts
from thidua.dashboard.annual_report.tables import Table, word_table_xml
from thidua.dashboard.annual_report.template import TEMPLATE_PATH
from thidua.documents.rendering.word import _environment, _rich, document_context

POINT_MM = 25.4 / 72


def part_context(part, tpl) -> dict:
    """One body part for the template: ``kind`` (heading, subheading, bullet, paragraph, table,
    chart) with ``rich`` (paragraphs), ``caption`` and ``table`` (the table's XML) or ``image``."""
    if isinstance(part, Table):
        return {"kind": "table", "caption": part.caption, "table": Markup(word_table_xml(part))}
    if isinstance(part, charts.BarChart):
        width, _height = charts.size(part)
        image = InlineImage(tpl, io.BytesIO(charts.png(part)), width=Mm(width * POINT_MM))
        return {"kind": "chart", "caption": part.caption, "image": image}
    return {"kind": part.kind.value, "text": part.text, "rich": _rich(part)}


def render_docx(content, template=TEMPLATE_PATH) -> bytes:
    """The report (an ``AnnualReportContent``) as DOCX bytes."""
    tpl = DocxTemplate(str(template))
    context = document_context(content.document)
    context["parts"] = [part_context(part, tpl) for part in content.parts]
    tpl.render(context, jinja_env=_environment(), autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()
