"""Rendering official documents to DOCX with docxtpl, and finding each unit's template.

Templates are DOCX files with Jinja tags (docxtpl). The defaults are built by
``build_templates.py`` into ``documents/docx/<kind>.docx``; a unit may store its own at
``document-templates/<unit code>/<kind>.docx`` in the default storage, which then applies to
the unit and every unit below it that has none of its own.

The variables a template may use are those of ``document_context`` (official documents) and
``certificate_context`` (the Giấy khen).
"""

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import jinja2
from django.core.files.storage import default_storage
from docx import Document as open_docx
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage, RichText
from markupsafe import Markup

from thidua.documents.rendering import layout
from thidua.documents.rendering.model import (
    NATIONAL_MOTTO,
    NATIONAL_NAME,
    Align,
    Annex,
    Block,
    Certificate,
    Kind,
    OfficialDocument,
    Signature,
)
from thidua.documents.rendering.qr import qr_png

DOCX_DIR = Path(__file__).resolve().parent.parent / "docx"
OVERRIDE_ROOT = "document-templates"
TWIPS_PER_MM = 1440 / 25.4


# --- templates ----------------------------------------------------------------------------------


def default_template_path(kind) -> Path:
    return DOCX_DIR / f"{Kind(kind).value}.docx"


def override_name(kind, org) -> str:
    """Where ``org``'s own template of ``kind`` is kept in the default storage."""
    return f"{OVERRIDE_ROOT}/{org.code}/{Kind(kind).value}.docx"


@dataclass(frozen=True)
class ResolvedTemplate:
    """The template that applies: ``source`` is the unit whose own it is, None for the default."""

    kind: Kind
    content: bytes
    source: object = None

    @property
    def is_default(self) -> bool:
        return self.source is None


def template_source(kind, org):
    """The unit (``org`` or the nearest ancestor) whose own template applies, or None."""
    unit = org
    while unit is not None:
        if default_storage.exists(override_name(kind, unit)):
            return unit
        unit = unit.parent
    return None


def template_for(kind, org=None) -> ResolvedTemplate:
    """The template of ``kind`` for documents of ``org``: its own, an ancestor's, or the default."""
    kind = Kind(kind)
    source = template_source(kind, org) if org is not None else None
    if source is None:
        return ResolvedTemplate(kind, default_template_path(kind).read_bytes())
    with default_storage.open(override_name(kind, source), "rb") as handle:
        return ResolvedTemplate(kind, handle.read(), source)


def _template_file(kind, template):
    if template is None:
        return str(default_template_path(kind))
    if isinstance(template, ResolvedTemplate):
        return io.BytesIO(template.content)
    if isinstance(template, bytes | bytearray):
        return io.BytesIO(bytes(template))
    if isinstance(template, Path):
        return str(template)
    return template


# --- context ------------------------------------------------------------------------------------


def _rich(block: Block) -> RichText:
    rich = RichText()
    for text, bold in block.runs():
        if bold:
            rich.add(text, bold=True)
        else:
            rich.add(text)
    return rich


def _blocks(blocks) -> list[dict]:
    return [
        {"kind": block.kind.value, "text": block.text, "rich": _rich(block)} for block in blocks
    ]


def _signature(signature: Signature | None):
    if signature is None:
        return None
    return {"lines": list(signature.lines), "title": signature.title, "name": signature.name}


_CELL_STYLE = {
    Align.LEFT: "TDTableText",
    Align.CENTER: "TDTableCenter",
    Align.RIGHT: "TDTableNumber",
}


def _cell(text: str, width: int, style: str, *, span: int = 1) -> str:
    span_xml = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    run = f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span_xml}'
        f'<w:vAlign w:val="center"/></w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{run}</w:p></w:tc>'
    )


def annex_table_xml(annex: Annex, width_mm: float = layout.TEXT_WIDTH_MM) -> str:
    """The annex as a WordprocessingML table: header row repeated on every page, rows kept
    whole, a "TT" column, money right-aligned with dots, and a total row under a money column.

    Built as text rather than through python-docx so a 500-row annex takes milliseconds.
    """
    number_mm = 11.0
    weights = [column.weight for column in annex.columns]
    rest = width_mm - number_mm
    widths_mm = [number_mm] + [rest * w / sum(weights) for w in weights]
    widths = [round(w * TWIPS_PER_MM) for w in widths_mm]
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    borders = "".join(
        border.format(e) for e in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    parts = [
        "<w:tbl><w:tblPr>",
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>',
        f"<w:tblBorders>{borders}</w:tblBorders>",
        '<w:tblLayout w:type="fixed"/>',
        '<w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="70" w:type="dxa"/>'
        '<w:bottom w:w="28" w:type="dxa"/><w:right w:w="70" w:type="dxa"/></w:tblCellMar>',
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>',
        "</w:tblPr><w:tblGrid>",
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
        "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>",
        _cell(annex.number_title, widths[0], "TDTableHeader"),
        *(
            _cell(column.title, width, "TDTableHeader")
            for column, width in zip(annex.columns, widths[1:], strict=True)
        ),
        "</w:tr>",
    ]
    styles = [_CELL_STYLE[column.align] for column in annex.columns]
    for number, row in enumerate(annex.rows, start=1):
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        parts.append(_cell(str(number), widths[0], "TDTableCenter"))
        for index, (value, width, style) in enumerate(zip(row, widths[1:], styles, strict=True)):
            parts.append(_cell(annex.cell_text(index, value), width, style))
        parts.append("</w:tr>")
    money = annex.money_index
    if money is not None:
        label_span = money + 1  # the "TT" column and those before the money column
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        parts.append(
            _cell(annex.total_label, sum(widths[:label_span]), "TDTableTotal", span=label_span)
        )
        parts.append(
            _cell(annex.cell_text(money, annex.total), widths[label_span], "TDTableTotalNumber")
        )
        parts.extend(_cell("", width, "TDTableText") for width in widths[label_span + 1 :])
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def _annex(document: OfficialDocument):
    annex = document.annex
    if annex is None:
        return None
    return {
        "title": annex.title,
        "subtitle": annex.subtitle,
        "separate_page": annex.separate_page,
        "rows": len(annex.rows),
        "total": annex.total,
        "words": document.annex_total_words,
        "table": Markup(annex_table_xml(annex)),
    }


def document_context(document: OfficialDocument) -> dict:
    """The variables of an official document's template.

    ``heading.superior``, ``heading.issuer``, ``national_name``, ``national_motto``,
    ``number_line`` ("Số: 36/KH-CĐN"), ``reference``, ``date_line``, ``title`` ("KẾ HOẠCH"),
    ``subject``, ``addressee``, ``authority``, ``preamble`` (lines), ``decides``
    ("QUYẾT ĐỊNH:"), ``articles`` (``label`` "Điều 1.", ``text``), ``body`` and ``closing``
    (blocks: ``kind`` heading/subheading/bullet/paragraph, ``text``, ``rich`` for ``{{r }}``),
    ``annex`` (None, or ``title``, ``subtitle``, ``separate_page``, ``rows``, ``total``,
    ``words`` "Bằng chữ: ...", ``table`` for ``{{p }}``), ``recipients_heading`` ("Nơi nhận:"),
    ``recipients`` (lines), ``signature`` (``lines``, ``title``, ``name``; the right-hand one)
    and ``left_signature`` (minutes: the secretary's; else None).
    """
    signatures = document.signatures
    return {
        "kind": document.kind.value,
        "national_name": NATIONAL_NAME,
        "national_motto": NATIONAL_MOTTO,
        "heading": {"superior": document.heading.superior, "issuer": document.heading.issuer},
        "number_line": document.number_line,
        "reference": document.reference,
        "date_line": document.date_line,
        "title": document.title,
        "subject": document.subject,
        "addressee": document.addressee,
        "authority": document.authority,
        "preamble": list(document.preamble),
        "decides": "QUYẾT ĐỊNH:",
        "articles": [
            {"label": f"Điều {index}.", "text": text}
            for index, text in enumerate(document.articles, start=1)
        ],
        "body": _blocks(document.body),
        "closing": _blocks(document.closing),
        "annex": _annex(document),
        "recipients_heading": "Nơi nhận:",
        "recipients": list(document.recipient_lines),
        "signature": _signature(signatures[-1]),
        "left_signature": _signature(signatures[0]) if len(signatures) > 1 else None,
    }


def certificate_context(certificate: Certificate, tpl: DocxTemplate) -> dict:
    """The variables of the Giấy khen template: the headings, ``title``, ``awarding_body``,
    ``recipient``, ``recipient_detail``, ``achievement``, ``decision_line``,
    ``register_number``, ``date_line``, ``signature``, ``verification_code``,
    ``verification_url`` and ``qr`` (the QR code image of the URL)."""
    return {
        "kind": Kind.CERTIFICATE.value,
        "national_name": NATIONAL_NAME,
        "national_motto": NATIONAL_MOTTO,
        "heading": {
            "superior": certificate.heading.superior,
            "issuer": certificate.heading.issuer,
        },
        "title": certificate.title,
        "awarding_body": certificate.awarding_body,
        "recipient": certificate.recipient,
        "recipient_detail": certificate.recipient_detail,
        "achievement": certificate.achievement,
        "decision_line": certificate.decision_line,
        "register_number": certificate.register_number,
        "date_line": certificate.date_line,
        "signature": _signature(certificate.signature),
        "verification_code": certificate.verification_code,
        "verification_url": certificate.verification_url,
        "qr": InlineImage(tpl, io.BytesIO(qr_png(certificate.verification_url)), width=Mm(26)),
    }


# --- rendering ----------------------------------------------------------------------------------


def _environment() -> jinja2.Environment:
    """Autoescaping (the values are XML text) and strict: a misspelt variable is an error."""
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


def render_docx(document: OfficialDocument | Certificate, *, template=None) -> bytes:
    """The document as DOCX bytes.

    ``template`` is a ``ResolvedTemplate`` (from ``template_for``), bytes, a path or a file;
    None uses the default template of the document's kind.
    """
    tpl = DocxTemplate(_template_file(document.kind, template))
    if isinstance(document, Certificate):
        context = certificate_context(document, tpl)
    else:
        context = document_context(document)
    tpl.render(context, jinja_env=_environment(), autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


MAX_TEMPLATE_BYTES = 5 * 1024 * 1024


class TemplateInvalid(ValueError):
    """An uploaded template that cannot be used; the message says why, in Vietnamese."""


def validate_template(kind, content: bytes) -> None:
    """Refuse a template that is not a DOCX or that cannot render the kind's sample document."""
    from thidua.documents.rendering.samples import sample

    if len(content) > MAX_TEMPLATE_BYTES:
        raise TemplateInvalid("Tệp mẫu quá lớn (tối đa 5 MB).")
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise TemplateInvalid("Tệp không phải là văn bản Word (.docx).")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        if "word/document.xml" not in archive.namelist():
            raise TemplateInvalid("Tệp không phải là văn bản Word (.docx).")
    try:
        rendered = render_docx(sample(kind), template=content)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateInvalid(f"Mẫu có lỗi cú pháp: {exc.message}.") from exc
    except jinja2.UndefinedError as exc:
        raise TemplateInvalid(f"Mẫu dùng biến không tồn tại: {exc.message}.") from exc
    except jinja2.TemplateError as exc:
        raise TemplateInvalid(f"Mẫu không dùng được: {exc}.") from exc
    except Exception as exc:  # a broken package: python-docx and lxml raise many kinds
        raise TemplateInvalid(f"Không đọc được tệp mẫu: {exc}.") from exc
    try:
        open_docx(io.BytesIO(rendered))
    except Exception as exc:
        raise TemplateInvalid(f"Văn bản tạo từ mẫu bị lỗi: {exc}.") from exc
