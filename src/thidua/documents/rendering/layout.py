"""Measures of the official layout, shared by the DOCX templates and the PDF renderer.

Decree 30/2020/NĐ-CP (appendix I) and the union's Decision 933/QĐ-TLĐ: A4; margins top and
bottom 20-25 mm, left 30-35 mm, right 15-20 mm; body 13-14 pt, first line indented 1-1.27 cm,
at least 6 pt between paragraphs; the national name 12-13 pt bold, the motto 13-14 pt bold with a
rule as long as itself; a rule of a third to a half of the line under the issuer and the subject.
"""

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"

PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 20
MARGIN_BOTTOM_MM = 20
MARGIN_LEFT_MM = 30
MARGIN_RIGHT_MM = 15
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 165

BODY_SIZE = 14
HEADING_SIZE = 13
SUPERIOR_SIZE = 12
NATIONAL_SIZE = 12
MOTTO_SIZE = 13
TABLE_SIZE = 12
RECIPIENTS_HEADING_SIZE = 12
RECIPIENTS_SIZE = 11
FIRST_LINE_INDENT_MM = 12.7
PARAGRAPH_SPACE_PT = 6
SIGNATURE_SPACE_LINES = 4

ISSUER_RULE_MM = 24
HEADING_OVERHANG_MM = 10
SUBJECT_RULE_MM = 40

CERT_MARGIN_MM = 18
CERT_INNER_MM = 4
CERT_TITLE_SIZE = 48
CERT_NAME_SIZE = 28

MOTTO = "Độc lập - Tự do - Hạnh phúc"

FONT_FILES = {
    "LiberationSerif": "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold": "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic": "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic": "LiberationSerif-BoldItalic.ttf",
}
SERIF = "LiberationSerif"
SERIF_BOLD = "LiberationSerif-Bold"
SERIF_ITALIC = "LiberationSerif-Italic"
SERIF_BOLD_ITALIC = "LiberationSerif-BoldItalic"


def register_fonts() -> None:
    """Register Liberation Serif (metric-compatible with Times New Roman) once per process."""
    registered = pdfmetrics.getRegisteredFontNames()
    for name, filename in FONT_FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / filename)))
    pdfmetrics.registerFontFamily(
        SERIF, normal=SERIF, bold=SERIF_BOLD, italic=SERIF_ITALIC, boldItalic=SERIF_BOLD_ITALIC
    )


def text_width_mm(text: str, font: str, size: float) -> float:
    register_fonts()
    return pdfmetrics.stringWidth(text, font, size) * 25.4 / 72


def motto_rule_mm() -> float:
    """The rule under the motto is as long as the motto (Decree 30/2020)."""
    return round(text_width_mm(MOTTO, SERIF_BOLD, MOTTO_SIZE), 1)


def heading_columns_mm(width_mm: float) -> tuple[float, float]:
    """The widths of the issuer's and the national heading's columns."""
    left = round(width_mm * 0.47, 1)
    return left, round(width_mm - left, 1)


def signature_columns_mm(width_mm: float) -> tuple[float, float]:
    """The widths of the recipients' column and the signature's column."""
    left = round(width_mm * 0.48, 1)
    return left, round(width_mm - left, 1)
