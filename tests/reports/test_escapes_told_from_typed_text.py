"""The text table and the HTML show ESC as ``\\x1b``; a product typed as the four
characters ``\\x1b`` was shown the same, two rows of one name. A backslash of stored text
is now doubled there, as in the CSV: ``\\\\x1b`` is the typed text, ``\\x1b`` the ESC."""

from __future__ import annotations

import re
from html import unescape

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report, open_source
from complaintkit.reports.html import render_html
from complaintkit.reports.metrics import Report
from complaintkit.reports.table import render_text
from complaintkit.testing.storage_contract import T0, make_complaint


def _report() -> Report:
    desk = Desk(storage="memory:", clock=ManualClock(T0))
    desk.intake(make_complaint("a", product="milk\x1b"))
    desk.intake(make_complaint("b", product="milk\\x1b"))
    desk.intake(make_complaint("c", product="milk\\x1b"))
    return build_report(open_source(desk.storage), now=T0)


def test_the_text_table_tells_an_escape_from_its_spelling() -> None:
    lines = render_text(_report()).split("\n")
    start = lines.index("== Product")
    rows = {re.split(r"\s{2,}", row.strip())[0] for row in lines[start + 2 : start + 4]}
    assert rows == {"milk\\x1b", "milk\\\\x1b"}


def test_the_html_tells_an_escape_from_its_spelling() -> None:
    page = render_html(_report())
    table = re.search(r'<h2 dir="auto">Product</h2><table>(.*?)</table>', page, re.S)
    assert table is not None
    cells = {unescape(c) for c in re.findall(r'<tr><td dir="auto">(.*?)</td>', table[1])}
    assert cells == {"milk\\x1b", "milk\\\\x1b"}
