"""Horizontal bar charts drawn on the server as SVG geometry (the template writes the tags).

No JavaScript and no chart library: each row gets a label and one bar per series, sized
against the largest value shown. Bars grow from the inline start: from the left in
left-to-right pages, from the right in Arabic. The SVG itself is laid out with
direction="ltr" so that text-anchor means the same in both; each label keeps its own
direction (bidi isolation happens inside the text run). Suppressed values ("<5") get no
bar, only their text, as in the table beside the chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cop.events.figures import Figure

WIDTH = 360  # the viewBox: one SVG unit is a CSS pixel on a 360 px phone
LABEL_WIDTH = 120
VALUE_ROOM = 36
BAR_HEIGHT = 12
ROW_GAP = 10
LABEL_CHARS = 18


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    anchor: str  # "start" or "end", with the SVG's own direction="ltr"
    text: str


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    series: str
    value: Text


@dataclass(frozen=True)
class Chart:
    height: int
    labels: list[Text]
    bars: list[Bar]


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def bar_chart(
    rows: Sequence[tuple[str, dict[str, Figure]]], series: Sequence[str], *, rtl: bool = False
) -> Chart:
    """Geometry of a chart: for each (label, figures) row, one bar per name in `series`."""
    shown = [
        f.value for _label, figures in rows for s in series if not (f := figures[s]).suppressed
    ]
    largest = max(shown, default=0) or 1
    room = WIDTH - LABEL_WIDTH - VALUE_ROOM - 8
    row_height = len(series) * BAR_HEIGHT + ROW_GAP
    labels: list[Text] = []
    bars: list[Bar] = []
    for index, (label, figures) in enumerate(rows):
        top = index * row_height + ROW_GAP / 2
        middle = top + len(series) * BAR_HEIGHT / 2 + 4
        if rtl:
            labels.append(Text(WIDTH - 2, middle, "end", _short(label)))
        else:
            labels.append(Text(2, middle, "start", _short(label)))
        for n, name in enumerate(series):
            figure = figures[name]
            y = top + n * BAR_HEIGHT
            width = 0 if figure.suppressed else room * figure.value / largest
            start = LABEL_WIDTH + 4
            if rtl:
                x = WIDTH - start - width
                value = Text(x - 3, y + BAR_HEIGHT - 2, "end", str(figure))
            else:
                x = start
                value = Text(x + width + 3, y + BAR_HEIGHT - 2, "start", str(figure))
            bars.append(Bar(round(x, 1), y, round(width, 1), name, value))
    return Chart(height=int(len(rows) * row_height + ROW_GAP), labels=labels, bars=bars)
