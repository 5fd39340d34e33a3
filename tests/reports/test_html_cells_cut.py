"""The HTML report's table cells are cut as the text table's are, only wider.

A product under dozens of combining marks per letter ("zalgo" text) was written whole into
its cells, the marks drawn over the rows above and below; an attribute value (or a root
cause's answer to "why?") of 10,000 characters without a space filled one cell with a
hundred wrapped lines and squeezed the counts beside it into a column one letter wide.
Each name now keeps at most ``MOST_MARKS`` marks on a letter and at most
``HTML_CELL_WIDTH`` columns; the CSV and the JSON keep it whole.
"""

from __future__ import annotations

import re
import unicodedata
from html import unescape

from hypothesis import given, settings
from hypothesis import strategies as st
from reports_day import T0, GradingPolicy, complaint, local_plugins

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.graphemes import MOST_MARKS, columns
from complaintkit.model.case import RootCause
from complaintkit.reports import build_report, open_source
from complaintkit.reports.grouping import GroupBy
from complaintkit.reports.html import HTML_CELL_WIDTH, render_html
from complaintkit.reports.metrics import Report
from complaintkit.reports.table import render_csv

ZALGO = "".join(ch + "\u0301\u0316\u0317\u0489\u0300\u0323" * 10 for ch in "milk")
LONG = "X" * 10_000


def _cells(html: str) -> list[str]:
    return [unescape(c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", html)]


def _most_marks(text: str) -> int:
    most = run = 0
    for ch in text:
        run = run + 1 if unicodedata.category(ch) in ("Mn", "Me") else 0
        most = max(most, run)
    return most


def _report(product: str, store: str, why: str) -> Report:
    desk = Desk(GradingPolicy(), storage="memory:", clock=ManualClock(T0), plugins=local_plugins())
    case = desk.intake(complaint("A", "web", T0, product, store=store))
    cause = RootCause.from_json({"fishbone": "product", "whys": [why], "nature": "systemic"})
    desk.record_root_cause(case.id, cause, actor="li.na")
    return build_report(open_source(desk.storage), by=[GroupBy.parse("attribute.store")])


def test_zalgo_and_a_long_word_are_cut_in_the_tables() -> None:
    report = _report(ZALGO, LONG, LONG)
    cells = _cells(render_html(report))
    assert max(_most_marks(c) for c in cells) == MOST_MARKS
    assert max(columns(c) for c in cells) == HTML_CELL_WIDTH
    assert "X" * (HTML_CELL_WIDTH - 1) + "…" in cells
    csv = render_csv(report)  # the CSV keeps them whole
    assert ZALGO in csv
    assert LONG in csv


#: Stored text as the model takes it: no NUL, no lone surrogate; marks stacked at will.
letters = st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00")
stored = letters | st.sampled_from("\u0301\u0489\u0e34")


@settings(max_examples=25, deadline=None)
@given(
    product=st.text(stored, min_size=1, max_size=200).filter(lambda t: t[:1].isalnum()),
    store=st.text(stored, min_size=1, max_size=400).filter(str.strip),
)
def test_no_cell_is_wider_or_taller_than_the_cut(product: str, store: str) -> None:
    report = _report(unicodedata.normalize("NFC", product), store, "seal")
    for cell in _cells(render_html(report)):
        assert columns(cell) <= HTML_CELL_WIDTH
        assert _most_marks(cell) <= MOST_MARKS
