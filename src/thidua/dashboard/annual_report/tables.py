"""The report's tables: one plain model, printed as a Word table (WordprocessingML for docxtpl's
``{{p }}`` tag) and as a ReportLab table, both with a header row repeated on each page and an
optional bold total row."""

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, TableStyle

from thidua.documents.rendering import layout
from thidua.documents.rendering import pdf as official_pdf
from thidua.documents.rendering.model import Align, Column, nfc
from thidua.documents.rendering.word import TWIPS_PER_MM, _cell

_WORD_STYLE = {
    Align.LEFT: "TDTableText",
    Align.CENTER: "TDTableCenter",
    Align.RIGHT: "TDTableNumber",
}
_WORD_TOTAL = {
    Align.LEFT: "TDTableTotal",
    Align.CENTER: "TDTableTotal",
    Align.RIGHT: "TDTableTotalNumber",
}
_PDF_STYLE = {Align.LEFT: "td_left", Align.CENTER: "td_center", Align.RIGHT: "td_right"}
_PDF_TOTAL = {Align.LEFT: "total", Align.CENTER: "total", Align.RIGHT: "total_number"}


@dataclass(frozen=True)
class Table:
    """A captioned table of text cells; ``total`` is the last, bold row (or None)."""

    caption: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    total: tuple[str, ...] | None = None

    def __post_init__(self):
        object.__setattr__(self, "caption", nfc(self.caption))
        object.__setattr__(self, "columns", tuple(self.columns))
        rows = tuple(tuple(nfc(str(v)) for v in row) for row in self.rows)
        for row in (*rows, *([self.total] if self.total else [])):
            if len(row) != len(self.columns):
                raise ValueError(f"a row of “{self.caption}” has {len(row)} cells")
        object.__setattr__(self, "rows", rows)
        if self.total is not None:
            object.__setattr__(self, "total", tuple(nfc(str(v)) for v in self.total))

    def widths_mm(self, width_mm=layout.TEXT_WIDTH_MM):
        weights = [column.weight for column in self.columns]
        return [width_mm * w / sum(weights) for w in weights]


def word_table_xml(table: Table) -> str:
    """The table as a ``w:tbl`` element (bordered, header row repeated, rows kept whole)."""
    widths = [round(w * TWIPS_PER_MM) for w in table.widths_mm()]
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
        "</w:tblPr><w:tblGrid>",
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
        "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>",
        *(_cell(c.title, w, "TDTableHeader") for c, w in zip(table.columns, widths, strict=True)),
        "</w:tr>",
    ]
    body = [(row, _WORD_STYLE) for row in table.rows]
    if table.total is not None:
        body.append((table.total, _WORD_TOTAL))
    for row, styles in body:
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        parts.extend(
            _cell(text, width, styles[column.align])
            for text, width, column in zip(row, widths, table.columns, strict=True)
        )
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def pdf_table(table: Table) -> LongTable:
    """The table as a ReportLab ``LongTable`` in the official documents' table style."""

    def cells(row, styles):
        return [
            official_pdf._p(text, styles[column.align])
            for text, column in zip(row, table.columns, strict=True)
        ]

    data = [[official_pdf._p(c.title, "th") for c in table.columns]]
    data += [cells(row, _PDF_STYLE) for row in table.rows]
    if table.total is not None:
        data.append(cells(table.total, _PDF_TOTAL))
    result = LongTable(
        data, colWidths=[w * mm for w in table.widths_mm()], repeatRows=1, hAlign="CENTER"
    )
    result.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), layout.SERIF, layout.TABLE_SIZE),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return result
