"""The HTML report shows a name's direction controls, as the text report does.

A bidi override typed into a product (``\\u202e1-klim``) makes a browser draw what follows it
backwards: the report's table and chart would show a second "milk-1" beside the real one,
and a manager would read one product's figures as another's. Like the text report, the
HTML shows such characters — and terminal controls, which a ``cat`` of the file would run
— as visible escapes, in the tables, the charts and their tooltips.
"""

from __future__ import annotations

import re
import unicodedata

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report, open_source
from complaintkit.reports.html import render_html
from complaintkit.testing.storage_contract import T0, make_complaint

SPOOF = "\u202e1-klim"  # drawn as "milk-1"
HIDDEN = "\u2066evil\u2069 bread\x1b[2J"
#: What the report escapes (the text report's ``visible.shown``): C0 and C1 controls, the
#: bidi embeddings, overrides and isolates.
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _html() -> str:
    desk = Desk(storage="memory:", clock=ManualClock(T0))
    for n, product in enumerate(["milk-1", "milk-1", SPOOF, HIDDEN]):
        desk.intake(make_complaint(f"P{n}", product=product))
    return render_html(build_report(open_source(desk.storage), now=T0))


def test_no_direction_or_terminal_control_reaches_the_page() -> None:
    page = _html()
    assert CONTROLS.findall(page) == []
    assert {ch for ch in page if unicodedata.category(ch) == "Cc"} <= {"\n"}


def test_the_spoofed_product_reads_as_its_escape_in_table_and_chart() -> None:
    page = _html()
    assert '<td dir="auto">\\u202e1-klim</td>' in page  # the product table's row
    assert "\\u202e1-klim</title>" in page  # the bar's tooltip in the Pareto chart
    assert "\\u2066evil\\u2069 bread\\x1b[2J" in page
