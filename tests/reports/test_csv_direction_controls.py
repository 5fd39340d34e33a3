"""The CSV report shows direction and terminal controls escaped, as the text report does.

A product typed as ``\\u202e1-klim`` reached the CSV raw: a spreadsheet draws it as a second
"milk-1" beside the real one, and ``cat report.csv`` ran an ESC sequence in a name. The text
and HTML reports showed them as escapes already; the CSV now does too (``\\u202e``,
``\\x1b``), keeping line breaks and tabs (a quoted cell of several lines).
"""

from __future__ import annotations

import csv
import io
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report, open_source
from complaintkit.reports.table import render_csv
from complaintkit.testing.storage_contract import T0, make_complaint

HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
CONTROLS = st.sampled_from(["\u202e", "\u202b", "\u2066", "\u2069", "\x1b", "\x07", "\x9b"])
NAMES = st.lists(
    st.one_of(st.sampled_from(["milk", "1", "-", " ", "奶"]), CONTROLS), min_size=1
).map(lambda parts: "milk" + "".join(parts))


def _csv(products: list[str]) -> str:
    desk = Desk(storage="memory:", clock=ManualClock(T0))
    for n, product in enumerate(products):
        desk.intake(make_complaint(f"P{n}", product=product))
    return render_csv(build_report(open_source(desk.storage), now=T0))


def test_a_spoofed_product_reads_as_its_escape() -> None:
    rows = list(csv.reader(io.StringIO(_csv(["milk-1", "\u202e1-klim", "bread\x1b[2J"]))))
    products = {row[1] for row in rows if row and row[0] == "Product"}
    assert {"milk-1", "\\u202e1-klim", "bread\\x1b[2J"} <= products


@settings(max_examples=25, deadline=None)
@given(st.lists(NAMES, min_size=1, max_size=3))
def test_no_direction_or_terminal_control_reaches_the_csv(products: list[str]) -> None:
    assert HIDDEN.findall(_csv(products)) == []
