"""Charts as inline SVG strings: no JavaScript, no fonts or files to fetch, opens offline.

Every chart has a title, labelled axes with ticks, and a legend naming each series, all
inside the chart's frame: long names wrap (the full name is the tooltip), a legend that
does not fit ends in "N more", an empty chart says so. Text uses the system's fonts, CJK
ones named first so Chinese labels never fall back to boxes (install ``fonts-noto-cjk`` on
Debian or Ubuntu; Windows and macOS ship Microsoft YaHei and PingFang).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence
from html import escape
from typing import Final

import attrs

from complaintkit.graphemes import clusters, tamed

FONTS = (
    "system-ui, &quot;Noto Sans CJK SC&quot;, &quot;Source Han Sans SC&quot;, "
    "&quot;PingFang SC&quot;, &quot;Microsoft YaHei&quot;, &quot;WenQuanYi Micro Hei&quot;, "
    "sans-serif"
)
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


def text_width(text: str, size: float = 11) -> float:
    """A safe estimate of rendered width: CJK characters, and every other character Unicode
    calls wide (emoji, in any plane), are a full em, others about 0.62; a mark drawn over or
    under its letter (an accent, a Hebrew point, a Thai tone) and an invisible format
    character take none, as in the terminal (``graphemes``)."""
    return sum(_advance(ch, size) for ch in text)


def _advance(ch: str, size: float) -> float:
    if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0.0
    return size if _wide(ch) else size * 0.62


def _wide(ch: str) -> bool:
    return "\u2e80" <= ch <= "\uffef" or unicodedata.east_asian_width(ch) in ("W", "F")


def wrap(text: str, width: float, lines: int = 2, size: float = 11) -> list[str]:
    """Break ``text`` into at most ``lines`` lines of ``width`` pixels; the last ends in … if
    cut. Lines break, and the cut falls, between whole clusters (``graphemes``): never
    inside an emoji family or a flag, nor between a letter and its accent; marks past
    ``MOST_MARKS`` on a letter are left out, which would be drawn over the lines around.
    A line breaks before a number rather than inside it (``_digits_carried``)."""
    out, current = [], ""
    for cluster in clusters(tamed(text)):
        if text_width(current + cluster, size) > width:
            current, carried = _digits_carried(current, cluster, width, size)
            out.append(current.rstrip())
            current = carried.lstrip()
            if len(out) == lines:
                break
        else:
            current += cluster
    else:
        out.append(current)
        return [line for line in out if line] or [""]
    last = list(clusters(out[-1]))
    while last and text_width("".join(last) + "…", size) > width:
        last.pop()
    return [*out[:-1], "".join(last) + "…"]


def _digits_carried(line: str, cluster: str, width: float, size: float) -> tuple[str, str]:
    """``line`` and what the next line starts with when ``cluster`` does not fit: a number
    the break would split goes to the next line whole (a day ``2026-10-22`` wrapped as
    ``2026-10-2`` over ``2`` reads as the second), unless it is all the line holds or is
    wider than a line."""
    if not (cluster.isdigit() and line[-1:].isdigit()):
        return line, cluster
    start = len(line)
    while start > 0 and line[start - 1].isdigit():
        start -= 1
    number = line[start:] + cluster
    if start == 0 or text_width(number, size) > width:
        return line, cluster
    return line[:start], number


def _nice_max(value: float, integer: bool = False) -> float:
    """The top of the y axis: a round number with four equal, integer (for counts) steps."""
    if value <= 0:
        return 4.0 if integer else 1.0
    if integer:
        magnitude = 1
        while True:
            for m in (1, 2, 5):
                if 4 * m * magnitude >= value:
                    return float(4 * m * magnitude)
            magnitude *= 10
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return float(step * magnitude)
    return float(10 * magnitude)


def _fmt(value: float) -> str:
    """A count or a tick in plain digits, every digit of a count (``1234567``, never
    ``1.23e+06``); a fraction of an hour to a few places."""
    if value.is_integer():
        return f"{value:.0f}"
    return f"{value:g}" if 1e-4 <= abs(value) < 1e6 else f"{value:.2f}"


#: The anchor that leaves a text where it was when its direction turns right to left: an
#: anchor is read in the text's own direction (its start is then its right end).
_TURNED: Final = {"start": "end", "end": "start", "middle": "middle"}


def right_to_left(text: str) -> bool:
    """Whether ``text`` reads right to left: its first strong letter is Hebrew, Arabic or of
    another right-to-left script, as HTML's ``dir="auto"`` decides (SVG text has no
    ``auto``)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("L", "R", "AL"):
            return kind != "L"
    return False


def _directed(text: str, attributes: dict[str, str]) -> dict[str, str]:
    """``attributes`` for an SVG text holding ``text``: right to left when it reads so, a
    name "מוצר (12)" with its brackets where they were typed, anchored at the same place."""
    if not right_to_left(text):
        return attributes
    anchor = _TURNED[attributes.get("text_anchor", "start")]
    return {**attributes, "direction": "rtl", "text_anchor": anchor}


def _text(x: float, y: float, content: str, tooltip: str = "", **attributes: str) -> str:
    attributes = _directed(content, attributes)
    extra = "".join(f' {k.rstrip("_").replace("_", "-")}="{v}"' for k, v in attributes.items())
    title = f"<title>{escape(tooltip)}</title>" if tooltip else ""
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{escape(content)}{title}</text>'


def _one_line(text: str, size: float = 11) -> tuple[str, str]:
    """``text`` cut to the frame's width, ending in … if cut, and the tooltip a cut one
    needs: a title or axis label naming a fact (``--by attribute.NAME``) is as long as the
    name."""
    shown = wrap(text, WIDTH - 16, lines=1, size=size)[0]
    return shown, "" if shown == text else text


def _frame(title: str, x_label: str, y_label: str, y_max: float, body: list[str]) -> list[str]:
    plot_h = HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(title)}" '
        f'font-family="{FONTS}" font-size="11">',
        f'<rect class="frame" x="0.5" y="0.5" width="{WIDTH - 1}" height="{HEIGHT - 1}" '
        'fill="none" stroke="#eee"/>',
        f"<title>{escape(title)}</title>",
        _text(
            WIDTH / 2,
            20,
            *_one_line(title, 15),
            text_anchor="middle",
            font_size="15",
            font_weight="bold",
        ),
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" stroke="#333"/>',
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" '
        f'y2="{HEIGHT - BOTTOM}" stroke="#333"/>',
        _text(
            WIDTH / 2,
            HEIGHT - 8,
            *_one_line(x_label),
            text_anchor="middle",
            class_="axis-label",
        ),
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


def _legend(series: Sequence[tuple[str, str, str]], more: str = "{n} more") -> list[str]:
    """(name, color, shape) per entry, in one row under the title from the plot's left edge;
    entries that do not fit are counted in a last "N more" entry."""
    parts, x, limit = [], float(LEFT), WIDTH - 8
    for i, (name, color, shape) in enumerate(series):
        short = wrap(name, 140, lines=1)[0]
        width = 14 + text_width(short) + 12
        rest = len(series) - i - 1
        reserve = text_width(more.format(n=rest + 1)) if rest else 0
        if x + width + reserve > limit:
            parts.append(_text(x, 37, more.format(n=len(series) - i), class_="more"))
            break
        mark = (
            f'<rect x="{x:.1f}" y="28" width="10" height="10" fill="{color}"/>'
            if shape == "box"
            else f'<line x1="{x:.1f}" y1="33" x2="{x + 10:.1f}" y2="33" stroke="{color}" '
            'stroke-width="2"/>'
            if shape == "line"
            else f'<path d="M{x:.1f},38 l5,-10 l5,10 z" fill="{color}"/>'
        )
        parts += [mark, _text(x + 14, 37, short, tooltip=name)]
        x += width
    return ['<g class="legend">', *parts, "</g>"]


def _no_data(text: str) -> list[str]:
    y = TOP + (HEIGHT - TOP - BOTTOM) / 2
    return [_text(WIDTH / 2, y, text, text_anchor="middle", class_="no-data", fill="#888")]


def _more(text: str) -> list[str]:
    """The note that some items are left out, at the bottom right inside the frame."""
    return [_text(WIDTH - 8, HEIGHT - 8, text, text_anchor="end", class_="more", fill="#666")]


def _x_labels(labels: Sequence[str], step: float) -> list[str]:
    """Category names under the axis, slanted, wrapped to two lines that fit the margin
    below the plot and left of the label; the full name is the tooltip."""
    every = max(1, math.ceil(len(labels) / 16))
    parts = []
    slant = math.radians(35)
    for i, name in enumerate(labels):
        if i % every:
            continue
        x = LEFT + step * (i + 0.5)
        y = HEIGHT - BOTTOM + 12
        room = min((BOTTOM - 48) / math.sin(slant), (x - 4) / math.cos(slant))
        lines = wrap(name, room)
        tspans = "".join(
            f'<tspan x="{x:.1f}" dy="{0 if n == 0 else 12}">{escape(line)}</tspan>'
            for n, line in enumerate(lines)
        )
        direction = _directed(name, {"text_anchor": "end"})
        placed = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in direction.items())
        parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}"{placed} '
            f'transform="rotate(-35 {x:.1f} {y:.1f})">{tspans}<title>{escape(name)}</title></text>'
        )
    return parts


@attrs.frozen
class Words:
    """The chart's own words in the report's language."""

    no_data: str = "no data"
    more: str = "{n} more"


@attrs.frozen
class Mark:
    """A day to point out on a line chart (a spike, an incident), with what happened."""

    index: int
    name: str
    color: str = "#b00020"


def _plot_values(series: Sequence[Series]) -> list[float]:
    return [v for s in series for v in s.values]


def bar_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    x_label: str,
    y_label: str,
    line: Series | None = None,
    line_label: str = "",
    *,
    words: Words = Words(),
    left_out: int = 0,
    integer: bool = True,
) -> str:
    """Grouped bars, plus an optional line on a 0-100 % right axis (a Pareto curve).

    ``left_out`` items beyond ``labels`` are noted as "N more"; ``integer`` axes are counts.
    """
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    values = _plot_values(series)
    y_max = _nice_max(max(values, default=0), integer)
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
    if line is not None and any(values):
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
    if not any(values):
        body += _no_data(words.no_data)
    if left_out:
        body += _more(words.more.format(n=left_out))
    extra = _x_labels(labels, step) + _legend(legend, words.more)
    return "\n".join([*_frame(title, x_label, y_label, y_max, body + extra), "</svg>"])


def line_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    x_label: str,
    y_label: str,
    *,
    marks: Sequence[Mark] = (),
    words: Words = Words(),
    left_out: int = 0,
) -> str:
    """One polyline per series over shared x labels (days), with ``marks`` as red triangles
    above their day and a dashed line down to the axis."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    values = _plot_values(series)
    y_max = _nice_max(max(values, default=0), integer=True)
    step = plot_w / max(len(labels), 1)
    body = []
    for s in series:
        points = [
            (LEFT + step * (i + 0.5), HEIGHT - BOTTOM - plot_h * v / y_max)
            for i, v in enumerate(s.values)
        ]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        body.append(f'<polyline points="{path}" fill="none" stroke="{s.color}" stroke-width="2"/>')
        if len(s.values) <= 60:
            body.extend(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{s.color}"/>' for x, y in points
            )
    legend = [(s.name, s.color, "line") for s in series]
    for mark in marks:
        x = LEFT + step * (mark.index + 0.5)
        body.append(
            f'<g class="mark"><line x1="{x:.1f}" y1="{TOP + 10}" x2="{x:.1f}" '
            f'y2="{HEIGHT - BOTTOM}" stroke="{mark.color}" stroke-dasharray="3,3"/>'
            f'<path d="M{x - 5:.1f},{TOP:.1f} l5,10 l5,-10 z" fill="{mark.color}">'
            f"<title>{escape(labels[mark.index])}: {escape(mark.name)}</title></path></g>"
        )
    for name, color in dict.fromkeys((m.name, m.color) for m in marks):
        legend.append((name, color, "mark"))
    if not any(values):
        body += _no_data(words.no_data)
    if left_out:
        body += _more(words.more.format(n=left_out))
    extra = _x_labels(labels, step) + _legend(legend, words.more)
    return "\n".join([*_frame(title, x_label, y_label, y_max, body + extra), "</svg>"])
