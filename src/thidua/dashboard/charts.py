"""Server-side SVG bar charts: the geometry is computed here, the template draws the shapes.

Horizontal bars, one per row, with the label on the left and the value at the bar's end: they
print well, need no script and keep long Vietnamese labels readable.
"""

from dataclasses import dataclass

from django.contrib.humanize.templatetags.humanize import intcomma

ROW_HEIGHT = 26
BAR_HEIGHT = 18
LABEL_WIDTH = 220
BAR_AREA = 320
VALUE_WIDTH = 70
MAX_LABEL = 34


@dataclass(frozen=True)
class Bar:
    label: str
    title: str
    value: int
    shown: str
    y: int
    text_y: int
    width: int
    value_x: int


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list
    width: int
    height: int
    bar_x: int
    bar_height: int

    @property
    def empty(self):
        return not any(bar.value for bar in self.bars)


def bar_chart(title, rows, value_key="count"):
    """A ``Chart`` of ``rows`` (dicts with ``label`` and ``value_key``)."""
    top = max((row[value_key] for row in rows), default=0)
    bars = []
    for index, row in enumerate(rows):
        value = row[value_key]
        width = round(BAR_AREA * value / top) if top else 0
        label = str(row["label"])
        short = label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"
        y = index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) // 2
        bars.append(
            Bar(
                label=short,
                title=label,
                value=value,
                shown=intcomma(value),
                y=y,
                text_y=y + BAR_HEIGHT - 5,
                width=max(width, 1 if value else 0),
                value_x=LABEL_WIDTH + max(width, 1) + 6,
            )
        )
    return Chart(
        title=str(title),
        bars=bars,
        width=LABEL_WIDTH + BAR_AREA + VALUE_WIDTH,
        height=max(len(bars), 1) * ROW_HEIGHT,
        bar_x=LABEL_WIDTH,
        bar_height=BAR_HEIGHT,
    )
