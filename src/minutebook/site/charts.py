"""Trend charts as inline SVG, drawn at build time: no script, no chart library, no CDN.

Each chart is an image with a title and a description in words (role="img" with
aria-labelledby); the page also shows the values as a table, the full text alternative.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

WIDTH, HEIGHT = 560, 200
# (the right margin holds half of the last label, centred under its point)
LEFT, RIGHT, TOP, BOTTOM = 48, 28, 16, 36


def trend_svg(chart_id: str, title: str, description: str,
              points: Sequence[tuple[str, float]], *, target: float | None = None,
              unit: str = "") -> Markup:
    """A line chart of labelled values (oldest first)."""
    if not points:
        return Markup("")
    values = [v for _, v in points] + ([target] if target is not None else [])
    low, high = min(0.0, min(values)), max(values)
    if high == low:
        high = low + 1
    span = high - low
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(points) - 1)

    def x(i: int) -> float:
        return LEFT + (i * step if len(points) > 1 else plot_w / 2)

    def y(v: float) -> float:
        return TOP + plot_h - (v - low) / span * plot_h

    parts = [
        (f'<svg xmlns="http://www.w3.org/2000/svg" class="mb-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d">'),
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
        (f'<line class="mb-axis" x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" '
        f'y2="{TOP + plot_h}" stroke="#555" stroke-width="1"/>'),
        (f'<line class="mb-axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" '
        'stroke="#555" stroke-width="1"/>'),
    ]
    for tick in (low, (low + high) / 2, high):
        parts.append(f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" '
                     f'font-size="11" fill="#333">{tick:g}</text>')
    if target is not None:
        parts.append(f'<line class="mb-axis" x1="{LEFT}" y1="{y(target):.1f}" '
                     f'x2="{WIDTH - RIGHT}" y2="{y(target):.1f}" stroke="#555" '
                     'stroke-dasharray="6 4"/>')
        parts.append(f'<text x="{WIDTH - RIGHT}" y="{y(target) - 4:.1f}" text-anchor="end" '
                     f'font-size="11" fill="#333">target {target:g}</text>')
    path = " ".join(f"{'M' if i == 0 else 'L'}{x(i):.1f},{y(v):.1f}"
                    for i, (_, v) in enumerate(points))
    parts.append(f'<path class="mb-line" d="{path}" fill="none" stroke="#1a237e" '
                 'stroke-width="2.5"/>')
    every = max(1, len(points) // 6)
    for i, (label, v) in enumerate(points):
        parts.append(f'<circle class="mb-point" cx="{x(i):.1f}" cy="{y(v):.1f}" r="3.5" '
                     'fill="#1a237e"/>')
        if i % every == 0 or i == len(points) - 1:
            parts.append(f'<text x="{x(i):.1f}" y="{HEIGHT - 12}" text-anchor="middle" '
                         f'font-size="11" fill="#333">{escape(label)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
