"""Text of uploaded files for search: PDF (pypdf), DOCX (python-docx), XLSX (openpyxl), ODT.

Extraction is bounded (pages, rows and characters) so that a large file cannot stall an upload, and
it never fails an upload: a file whose text cannot be read is stored without text.
"""

import io
import logging
import zipfile
from xml.etree import ElementTree

from thidua.documents import uploads

logger = logging.getLogger(__name__)

MAX_CHARS = 200_000
MAX_PDF_PAGES = 300
MAX_XLSX_ROWS = 5_000
MAX_ODT_BYTES = 20 * 1024 * 1024


class _Collector:
    """Gathers text pieces until ``MAX_CHARS``."""

    def __init__(self):
        self.parts = []
        self.size = 0

    @property
    def full(self):
        return self.size >= MAX_CHARS

    def add(self, text):
        text = (text or "").strip()
        if text and not self.full:
            self.parts.append(text)
            self.size += len(text) + 1

    def text(self):
        return "\n".join(self.parts)[:MAX_CHARS]


def extract_text(data: bytes, kind) -> str:
    """The searchable text of ``data`` of ``kind`` ("" for images, old Office files, failures)."""
    extractor = _EXTRACTORS.get(kind.code)
    if extractor is None:
        return ""
    collector = _Collector()
    try:
        extractor(data, collector)
    except Exception:
        # A file that passed the checks but whose text cannot be read is kept without text.
        logger.warning("Text extraction failed for a %s file", kind.code, exc_info=True)
    return collector.text()


def _pdf(data, out):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        reader.decrypt("")
    for index, page in enumerate(reader.pages):
        if index >= MAX_PDF_PAGES or out.full:
            break
        out.add(page.extract_text())


def _docx(data, out):
    import docx

    document = docx.Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        if out.full:
            return
        out.add(paragraph.text)
    for table in document.tables:
        for row in table.rows:
            if out.full:
                return
            out.add(" ".join(cell.text for cell in row.cells))


def _xlsx(data, out):
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        rows = 0
        for sheet in workbook.worksheets:
            out.add(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                rows += 1
                if rows > MAX_XLSX_ROWS or out.full:
                    return
                out.add(" ".join(str(value) for value in row if value not in (None, "")))
    finally:
        workbook.close()


_TEXT_TAGS = {"p", "h"}
_ODT_TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _odt(data, out):
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("content.xml") as handle:
        content = handle.read(MAX_ODT_BYTES)
    root = ElementTree.fromstring(content)
    for element in root.iter():
        if element.tag in {_ODT_TEXT_NS + tag for tag in _TEXT_TAGS}:
            out.add("".join(element.itertext()))
            if out.full:
                return


_EXTRACTORS = {
    uploads.PDF.code: _pdf,
    uploads.DOCX.code: _docx,
    uploads.XLSX.code: _xlsx,
    uploads.ODT.code: _odt,
}
