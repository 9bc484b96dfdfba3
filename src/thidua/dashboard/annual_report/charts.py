"""The report's bar charts, laid out once and drawn twice: as a ReportLab drawing (vector, in
the PDF) and as a PNG image with Pillow (in the DOCX; ReportLab's bitmap renderer needs a Cairo
backend that is not installed). Both use Liberation Serif, so the layout's text widths hold.

Horizontal bars, one per row: the label on the left, the value shown at the bar's end.
"""

import io
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from thidua.documents.rendering import layout
from thidua.documents.rendering.model import nfc

WIDTH = 440.0  # points: 155 mm, within the text width
LABEL_WIDTH = 170.0
VALUE_WIDTH = 70.0
ROW_HEIGHT = 22.0
BAR_HEIGHT = 13.0
FONT_SIZE = 10.0
PADDING = 4.0
PALETTE = ("#1f2a5c", "#b01010", "#b8860b", "#2e7d32", "#6a1b9a", "#00838f", "#5d4037")
PNG_DPI = 200
# Shown in place of the bars when a chart has none (the report is an official Vietnamese document).
EMPTY = "Chưa có số liệu."


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str


@dataclass(frozen=True)
class BarChart:
    """A captioned chart of ``bars`` (``value`` sets the length, ``shown`` is printed)."""

    caption: str
    bars: tuple[Bar, ...]

    def __post_init__(self):
        object.__setattr__(self, "caption", nfc(self.caption))
        object.__setattr__(self, "bars", tuple(self.bars))


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float
    color: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # baseline
    text: str
    anchor: str  # "start", "middle" or "end"


def _fit(text, width):
    """``text`` cut with "…" so that it fits in ``width`` points."""
    layout.register_fonts()
    if stringWidth(text, layout.SERIF, FONT_SIZE) <= width:
        return text
    while text and stringWidth(f"{text}…", layout.SERIF, FONT_SIZE) > width:
        text = text[:-1]
    return f"{text.rstrip()}…"


def size(chart: BarChart) -> tuple[float, float]:
    return WIDTH, max(len(chart.bars), 1) * ROW_HEIGHT + 2 * PADDING


def shapes(chart: BarChart) -> tuple[list[Box], list[Text], float | None]:
    """The bars and texts of ``chart`` in points, origin at the bottom left, and the x of the
    axis (``None`` for a chart without bars, which shows ``EMPTY`` instead)."""
    _width, height = size(chart)
    if not chart.bars:
        return [], [Text(WIDTH / 2, height / 2 - FONT_SIZE * 0.35, EMPTY, "middle")], None
    area = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    top = max((bar.value for bar in chart.bars), default=0)
    boxes, texts = [], []
    for index, bar in enumerate(chart.bars):
        row_top = height - PADDING - index * ROW_HEIGHT
        y = row_top - (ROW_HEIGHT + BAR_HEIGHT) / 2
        baseline = y + (BAR_HEIGHT - FONT_SIZE * 0.7) / 2
        length = area * bar.value / top if top else 0
        if bar.value and length < 1:
            length = 1
        if length:
            boxes.append(Box(LABEL_WIDTH, y, length, BAR_HEIGHT, PALETTE[index % len(PALETTE)]))
        texts.append(Text(LABEL_WIDTH - 6, baseline, _fit(bar.label, LABEL_WIDTH - 8), "end"))
        texts.append(Text(LABEL_WIDTH + length + 4, baseline, bar.shown, "start"))
    return boxes, texts, LABEL_WIDTH


def drawing(chart: BarChart) -> Drawing:
    """The chart as a ReportLab vector drawing (a flowable)."""
    width, height = size(chart)
    boxes, texts, axis = shapes(chart)
    result = Drawing(width, height)
    for box in boxes:
        color = colors.HexColor(box.color)
        result.add(Rect(box.x, box.y, box.width, box.height, fillColor=color, strokeColor=None))
    if axis is not None:
        result.add(Line(axis, PADDING, axis, height - PADDING, strokeColor=colors.black))
    for text in texts:
        result.add(
            String(
                text.x,
                text.y,
                text.text,
                fontName=layout.SERIF,
                fontSize=FONT_SIZE,
                textAnchor=text.anchor,
            )
        )
    return result


def png(chart: BarChart, dpi=PNG_DPI) -> bytes:
    """The chart as a PNG image of the same layout, at ``dpi``."""
    scale = dpi / 72
    width, height = size(chart)
    boxes, texts, axis = shapes(chart)
    image = Image.new("RGB", (round(width * scale), round(height * scale)), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(
        str(layout.FONTS_DIR / layout.FONT_FILES[layout.SERIF]), round(FONT_SIZE * scale)
    )

    def point(x, y):
        return x * scale, (height - y) * scale

    for box in boxes:
        left, top = point(box.x, box.y + box.height)
        right, bottom = point(box.x + box.width, box.y)
        draw.rectangle([left, top, right, bottom], fill=box.color)
    if axis is not None:
        draw.line([point(axis, PADDING), point(axis, height - PADDING)], fill="black", width=1)
    for text in texts:
        anchor = {"end": "rs", "middle": "ms"}.get(text.anchor, "ls")
        draw.text(point(text.x, text.y), text.text, fill="black", font=font, anchor=anchor)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(dpi, dpi))
    return out.getvalue()
