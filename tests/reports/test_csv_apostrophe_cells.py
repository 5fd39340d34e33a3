"""A CSV cell defused for a spreadsheet reads back as one text only.

``report --csv`` writes a text starting like a formula (``=1``) as ``'=1``; a product that
really is ``'=1`` (text an agent typed with the apostrophe) was written unchanged, the same
cell, so neither a reader nor a script could tell which was stored. A text cell starting
with ``'`` now gets one too: dropping one leading ``'`` gives back every text as stored.
"""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report, open_source
from complaintkit.reports.table import defused, render_csv
from complaintkit.testing.storage_contract import T0, make_complaint


def _read_back(cell: str) -> str:
    """What docs/reports.md tells a reader to do with a cell: drop one leading ``'``."""
    return cell.removeprefix("'")


@settings(max_examples=200)
@given(st.text(alphabet="'=+-@\t\r 1.%a\u00a0\u3000\uff1d", max_size=8))
def test_dropping_one_apostrophe_gives_back_the_cell(text: str) -> None:
    assert _read_back(defused(text)) == text


def test_an_apostrophe_product_and_a_formula_product_are_two_cells() -> None:
    desk = Desk(storage="memory:", clock=ManualClock(T0))
    desk.intake(make_complaint("a", product="=1"))
    desk.intake(make_complaint("b", product="'=1"))
    desk.intake(make_complaint("c", product="'=1"))
    rows = csv.reader(io.StringIO(render_csv(build_report(open_source(desk.storage)))))
    products = {row[1]: row[2] for row in rows if row[0] == "Product" and row[2].isdigit()}
    assert products == {"'=1": "1", "''=1": "2"}
