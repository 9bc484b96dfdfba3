"""Build the annual report's DOCX template, ``documents/docx/annual_report.docx``.

Run ``python -m thidua.dashboard.annual_report.template`` after changing the layout and commit
the file. It is the official report's layout (``documents.rendering.build_templates``) with a
body of ``parts``: paragraphs by kind, tables (``{{p part.table }}``: a real Word table) under
their caption, and charts (``part.image``, a PNG) above theirs. The variables are those of
``documents.rendering.word.document_context`` plus ``parts`` (see ``word.part_context``).
"""

import sys
from pathlib import Path

from thidua.documents.rendering import build_templates as base
from thidua.documents.rendering import layout

TEMPLATE_PATH = base.DOCX_DIR / "annual_report.docx"
PARAGRAPH_STYLES = {
    "heading": "TD Heading",
    "subheading": "TD Subheading",
    "bullet": "TD Bullet",
    "paragraph": "TD Body",
}


def _parts(doc):
    doc.add_paragraph("{%p for part in parts %}")
    for index, (kind, style) in enumerate(PARAGRAPH_STYLES.items()):
        keyword = "if" if index == 0 else "elif"
        doc.add_paragraph(f'{{%p {keyword} part.kind == "{kind}" %}}')
        doc.add_paragraph("{{r part.rich }}", style=style)
    doc.add_paragraph('{%p elif part.kind == "table" %}')
    doc.add_paragraph("{{ part.caption }}", style="TD Table Caption")
    doc.add_paragraph("{{p part.table }}")
    doc.add_paragraph('{%p elif part.kind == "chart" %}')
    doc.add_paragraph("{{ part.image }}", style="TD Table Center")
    doc.add_paragraph("{{ part.caption }}", style="TD Annex Subtitle")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")


def build():
    doc = base._new_document("Mẫu báo cáo công tác thi đua, khen thưởng năm")
    section = doc.sections[0]
    base._page_setup(section)
    base._page_numbers(doc, section)
    width = layout.TEXT_WIDTH_MM
    base._headings(doc, width)
    base._title(doc, width, addressee=True)
    _parts(doc)
    base._recipients_and_signature(doc, width)
    base._end(doc)
    return doc


def main(path: Path = TEMPLATE_PATH):
    build().save(path)
    sys.stdout.write(f"{path}\n")


if __name__ == "__main__":
    main()
