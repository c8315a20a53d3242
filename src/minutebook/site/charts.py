"""Trend charts as inline SVG, drawn at build time: no script, no chart library, no CDN.

Each chart is an image with a title and a description in words (role="img" with
aria-labelledby); the page also shows the values as a table, the full text alternative.

The chart has no viewBox: it is as wide as the page allows and a fixed height, with its
horizontal positions in percentages, so its text is never scaled down (or up) with the
chart: every label is ``FONT`` CSS pixels on a phone and on a desktop. The y-axis labels
sit left of the plot, in the padding of the chart's frame (``.mb-chart-frame``, whose
SVG lets them overflow); x-axis labels have up to two lines ("Oct–Dec" over "2025"),
the second written only where it changes, and are thinned to fit a 375 px screen.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup, escape

HEIGHT = 224
TOP, BOTTOM = 20, 48  # the plot's top, and the room under it for two lines of labels
FONT = 13  # px: every text of the chart, never scaled
# the narrowest plot: a 375 px screen less the page's margins and the frame's padding
NARROWEST_PLOT = 240


def _x(i: int, n: int) -> str:
    return f"{(i / (n - 1) * 100 if n > 1 else 50):.2f}%"


def _shown_labels(labels: Sequence[str]) -> list[int]:
    """The indexes of the x-axis labels to write: the last one, and every k-th before it,
    so that they do not overlap on the narrowest screen."""
    widest = max(len(line) for label in labels for line in label.split("\n"))
    room = widest * FONT * 0.62 + 12  # an estimate of a label's width and a gap
    fits = max(1, math.floor(NARROWEST_PLOT / room) + 1)
    every = max(1, math.ceil((len(labels) - 1) / max(1, fits - 1))) if len(labels) > 1 else 1
    return sorted(range(len(labels) - 1, -1, -every))


def trend_svg(chart_id: str, title: str, description: str,
              points: Sequence[tuple[str, float]], *, target: float | None = None,
              unit: str = "") -> Markup:
    """A line chart of labelled values (oldest first); a label may have a second line
    after a newline (the year), written under the first label and where it changes."""
    if not points:
        return Markup("")
    values = [v for _, v in points] + ([target] if target is not None else [])
    low, high = min(0.0, min(values)), max(values)
    if high == low:
        high = low + 1
    span = high - low
    base = HEIGHT - BOTTOM
    plot_h = base - TOP
    n = len(points)

    def y(v: float) -> float:
        return TOP + plot_h - (v - low) / span * plot_h

    text = f'font-size="{FONT}" fill="#333"'
    parts = [
        (f'<svg xmlns="http://www.w3.org/2000/svg" class="mb-chart" role="img" '
         f'width="100%" height="{HEIGHT}" aria-labelledby="{chart_id}-t {chart_id}-d">'),
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
        (f'<line class="mb-axis" x1="0" y1="{base}" x2="100%" y2="{base}" stroke="#555" '
         'stroke-width="1"/>'),
        (f'<line class="mb-axis" x1="0" y1="{TOP}" x2="0" y2="{base}" stroke="#555" '
         'stroke-width="1"/>'),
    ]
    for tick in (low, (low + high) / 2, high):
        parts.append(f'<text class="mb-ylabel" x="-8" y="{y(tick) + 4:.1f}" '
                     f'text-anchor="end" {text}>{tick:g}</text>')
    if target is not None:
        parts.append(f'<line class="mb-axis" x1="0" y1="{y(target):.1f}" x2="100%" '
                     f'y2="{y(target):.1f}" stroke="#555" stroke-dasharray="6 4"/>')
        parts.append(f'<text class="mb-target" x="100%" y="{y(target) - 5:.1f}" '
                     f'text-anchor="end" {text}>target {target:g}</text>')
    for i in range(1, n):
        parts.append(f'<line class="mb-line" x1="{_x(i - 1, n)}" y1="{y(points[i - 1][1]):.1f}" '
                     f'x2="{_x(i, n)}" y2="{y(points[i][1]):.1f}" stroke="#1a237e" '
                     'stroke-width="2.5"/>')
    for i, (_, v) in enumerate(points):
        parts.append(f'<circle class="mb-point" cx="{_x(i, n)}" cy="{y(v):.1f}" r="4" '
                     'fill="#1a237e"/>')
    written = None
    for i in _shown_labels([label for label, _ in points]):
        first, _, second = points[i][0].partition("\n")
        lines = [first] + ([second] if second and second != written else [])
        written = second or written
        parts.append(f'<text class="mb-xlabel" x="{_x(i, n)}" y="{base + 20}" '
                     f'text-anchor="middle" {text}>'
                     + "".join(f'<tspan x="{_x(i, n)}" dy="{0 if k == 0 else FONT + 4}">'
                               f"{escape(line)}</tspan>" for k, line in enumerate(lines))
                     + "</text>")
    parts.append("</svg>")
    return Markup("".join(parts))
