"""The HTML report keeps a line per table row: read as text (``report --html -``), diffed or
mailed, a page of one 5,000-character line of cells is none of these. Its lines are as long
as a row, however many rows a section holds."""

from __future__ import annotations

from datetime import date

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.reports import build_report, open_source
from complaintkit.reports.html import render_html
from complaintkit.reports.trends import Spike
from complaintkit.storage.memory import MemoryStorage

#: A row's longest: seven cells fitted to the HTML cell width, each with its markup.
LONGEST_ROW = 2_000


@settings(max_examples=10, deadline=None)
@given(st.integers(1, 120))
def test_no_line_grows_with_the_rows_of_a_section(count: int) -> None:
    spikes = [
        Spike("category", f"product-{n}", date(2026, 3, 2), 40, 2.0, 1.0, 5.0, 0.01)
        for n in range(count)
    ]
    report = attrs.evolve(build_report(open_source(MemoryStorage())), spikes=spikes)
    page = render_html(report)
    assert page.count("product-") == count
    assert max(map(len, page.splitlines())) <= LONGEST_ROW
