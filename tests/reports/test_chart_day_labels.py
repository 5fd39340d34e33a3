"""The daily chart's day labels are never split inside a number.

Every day under the daily chart's axis is wider than the room its slanted label has, so it
was wrapped between any two characters: ``2026-10-2`` over ``2``, which reads as the second
of October, the label of the 22nd (and ``2026-03-0`` over ``2`` on a one-day report). A
line now breaks before a run of digits rather than inside it: ``2026-10-`` over ``22``.
"""

from __future__ import annotations

import re
from datetime import timedelta
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st
from reports_day import T0, GradingPolicy, complaint, local_plugins

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report, open_source
from complaintkit.reports.html import render_html
from complaintkit.reports.svg import text_width, wrap


def _day_labels(html: str) -> list[list[str]]:
    daily = html.split("Daily volume by category", 1)[1].split("</svg>", 1)[0]
    return [
        re.findall(r"<tspan[^>]*>([^<]*)</tspan>", label)
        for label in re.findall(r"<text[^>]*rotate\(-35[^>]*>(.*?)</text>", daily)
    ]


def test_a_day_is_split_after_its_month_not_inside_its_day() -> None:
    desk = Desk(GradingPolicy(), storage="memory:", clock=ManualClock(T0), plugins=local_plugins())
    for n in range(30):
        at = T0 - timedelta(days=n)
        desk.intake(complaint(f"K{n}", "web", at, "P1"))
    labels = _day_labels(render_html(build_report(open_source(desk.storage)), "en"))
    assert labels
    for lines in labels:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", "".join(lines)), lines
        assert all(not re.search(r"\d$", line) for line in lines[:-1]), lines


@given(
    words=st.lists(st.from_regex(r"[A-Za-z]{1,6}|\d{1,6}", fullmatch=True), min_size=1, max_size=6),
    width=st.floats(min_value=30, max_value=120),
)
def test_no_number_is_split_across_lines(words: list[str], width: float) -> None:
    text = "-".join(words)
    lines = wrap(text, width)
    if lines[-1].endswith("…"):
        return  # cut: what is left is not the whole text
    for before, after in pairwise(lines):
        number = re.search(r"\d+$", before)
        if number is None or not after[:1].isdigit():
            continue
        # split only where the number is all its line holds, or too wide for the next
        assert number.start() == 0 or text_width(number[0] + after[0]) > width, lines
