"""Charts as inline SVG strings: no JavaScript, no fonts or files to fetch, opens offline.

Every chart has a title, labelled axes with ticks, and a legend naming each series.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from html import escape

import attrs

PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#9c755f")
WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 64, 44, 84


def _floats(values: Iterable[float]) -> tuple[float, ...]:
    return tuple(float(v) for v in values)


@attrs.frozen
class Series:
    name: str
    values: tuple[float, ...] = attrs.field(converter=_floats)
    color: str = PALETTE[0]


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return float(step * magnitude)
    return float(10 * magnitude)


def _fmt(value: float) -> str:
    return f"{value:g}" if value < 1e6 else f"{value:.3g}"


def _text(x: float, y: float, content: str, **attributes: str) -> str:
    extra = "".join(f' {k.rstrip("_").replace("_", "-")}="{v}"' for k, v in attributes.items())
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{escape(content)}</text>'


def _frame(title: str, x_label: str, y_label: str, y_max: float, body: list[str]) -> list[str]:
    plot_h = HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(title)}" '
        'font-family="sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
        _text(WIDTH / 2, 20, title, text_anchor="middle", font_size="15", font_weight="bold"),
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" stroke="#333"/>',
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" '
        f'y2="{HEIGHT - BOTTOM}" stroke="#333"/>',
        _text(WIDTH / 2, HEIGHT - 8, x_label, text_anchor="middle", class_="axis-label"),
        _text(
            14,
            TOP + plot_h / 2,
            y_label,
            text_anchor="middle",
            transform=f"rotate(-90 14 {TOP + plot_h / 2:.1f})",
            class_="axis-label",
        ),
    ]
    for i in range(5):
        value = y_max * i / 4
        y = HEIGHT - BOTTOM - plot_h * i / 4
        parts.append(
            f'<line x1="{LEFT - 4}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#ddd"/>'
        )
        parts.append(_text(LEFT - 6, y + 4, _fmt(value), text_anchor="end"))
    return parts + body


def _legend(series: Sequence[tuple[str, str, str]]) -> list[str]:
    """(name, color, shape) per entry, laid out along the top right."""
    parts, x = [], WIDTH - RIGHT
    for name, color, shape in reversed(series):
        x -= 14 + 7 * len(name) + 16
        mark = (
            f'<rect x="{x:.1f}" y="28" width="10" height="10" fill="{color}"/>'
            if shape == "box"
            else f'<line x1="{x:.1f}" y1="33" x2="{x + 10:.1f}" y2="33" stroke="{color}" '
            'stroke-width="2"/>'
        )
        parts += [mark, _text(x + 14, 37, name)]
    return ['<g class="legend">', *parts, "</g>"]


def _x_labels(labels: Sequence[str], step: float) -> list[str]:
    every = max(1, math.ceil(len(labels) / 16))
    parts = []
    for i, name in enumerate(labels):
        if i % every:
            continue
        x = LEFT + step * (i + 0.5)
        y = HEIGHT - BOTTOM + 12
        short = name if len(name) <= 14 else name[:13] + "…"
        parts.append(
            _text(x, y, short, text_anchor="end", transform=f"rotate(-35 {x:.1f} {y:.1f})")
        )
    return parts


def bar_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    x_label: str,
    y_label: str,
    line: Series | None = None,
    line_label: str = "",
) -> str:
    """Grouped bars, plus an optional line on a 0-100 % right axis (a Pareto curve)."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    y_max = _nice_max(max((v for s in series for v in s.values), default=0))
    step = plot_w / max(len(labels), 1)
    bar_w = step * 0.8 / max(len(series), 1)
    body = []
    for k, s in enumerate(series):
        for i, value in enumerate(s.values):
            h = plot_h * value / y_max
            x = LEFT + step * i + step * 0.1 + bar_w * k
            body.append(
                f'<rect x="{x:.1f}" y="{HEIGHT - BOTTOM - h:.1f}" width="{bar_w:.1f}" '
                f'height="{h:.1f}" fill="{s.color}"><title>{escape(labels[i])}: '
                f"{_fmt(value)}</title></rect>"
            )
    legend = [(s.name, s.color, "box") for s in series]
    if line is not None:
        points = " ".join(
            f"{LEFT + step * (i + 0.5):.1f},{HEIGHT - BOTTOM - plot_h * v:.1f}"
            for i, v in enumerate(line.values)
        )
        body.append(
            f'<polyline points="{points}" fill="none" stroke="{line.color}" stroke-width="2"/>'
        )
        body.append(
            f'<line x1="{WIDTH - RIGHT}" y1="{TOP}" x2="{WIDTH - RIGHT}" '
            f'y2="{HEIGHT - BOTTOM}" stroke="#333"/>'
        )
        for i in range(5):
            y = HEIGHT - BOTTOM - plot_h * i / 4
            body.append(_text(WIDTH - RIGHT + 6, y + 4, f"{25 * i}%"))
        body.append(
            _text(
                WIDTH - 12,
                TOP + plot_h / 2,
                line_label,
                text_anchor="middle",
                transform=f"rotate(90 {WIDTH - 12} {TOP + plot_h / 2:.1f})",
                class_="axis-label",
            )
        )
        legend.append((line.name, line.color, "line"))
    parts = _frame(title, x_label, y_label, y_max, body + _x_labels(labels, step) + _legend(legend))
    return "\n".join([*parts, "</svg>"])


def line_chart(
    title: str, labels: Sequence[str], series: Sequence[Series], x_label: str, y_label: str
) -> str:
    """One polyline per series over shared x labels (days)."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    y_max = _nice_max(max((v for s in series for v in s.values), default=0))
    step = plot_w / max(len(labels), 1)
    body = []
    for s in series:
        points = " ".join(
            f"{LEFT + step * (i + 0.5):.1f},{HEIGHT - BOTTOM - plot_h * v / y_max:.1f}"
            for i, v in enumerate(s.values)
        )
        body.append(
            f'<polyline points="{points}" fill="none" stroke="{s.color}" stroke-width="2"/>'
        )
        if len(s.values) <= 60:
            body.extend(
                f'<circle cx="{point.split(",")[0]}" cy="{point.split(",")[1]}" r="2.5" '
                f'fill="{s.color}"/>'
                for point in points.split()
            )
    legend = [(s.name, s.color, "line") for s in series]
    parts = _frame(title, x_label, y_label, y_max, body + _x_labels(labels, step) + _legend(legend))
    return "\n".join([*parts, "</svg>"])
