"""A CSV cell with an escaped control reads back as one text only.

``report --csv`` shows ESC as ``\\x1b`` so a spreadsheet or ``cat`` cannot act on it; a
product typed as the four characters ``\\x1b`` was written unchanged, the same cell, so
no reader could tell which was stored. A backslash of stored text is now doubled: undoing
the escapes (``\\\\`` one backslash, ``\\xNN`` and ``\\uNNNN`` a character) after dropping
one leading ``'`` gives back every text as stored.
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
from complaintkit.reports.table import csv_cell, render_csv
from complaintkit.testing.storage_contract import T0, make_complaint

_ESCAPE = re.compile(r"\\(\\|x[0-9a-f]{2}|u[0-9a-f]{4})")


def _read_back(cell: str) -> str:
    """What docs/reports.md tells a reader to do with a text cell."""
    return _ESCAPE.sub(
        lambda m: "\\" if m[1] == "\\" else chr(int(m[1][1:], 16)), cell.removeprefix("'")
    )


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from("\\x1bu202e'=-@ a\x1b\u202e\x07\x9b\t\n奶")))
def test_every_cell_reads_back_as_stored(text: str) -> None:
    assert _read_back(csv_cell(text)) == text


def test_an_escape_and_its_spelling_are_two_cells() -> None:
    desk = Desk(storage="memory:", clock=ManualClock(T0))
    desk.intake(make_complaint("a", product="milk\x1b[2J"))
    desk.intake(make_complaint("b", product="milk\\x1b[2J"))
    desk.intake(make_complaint("c", product="milk\\x1b[2J"))
    rows = csv.reader(io.StringIO(render_csv(build_report(open_source(desk.storage)))))
    products = {row[1]: row[2] for row in rows if row[0] == "Product" and row[2].isdigit()}
    assert len(products) == 2
    assert {_read_back(cell): n for cell, n in products.items()} == {
        "milk\x1b[2J": "1",
        "milk\\x1b[2J": "2",
    }
    assert not any("\x1b" in cell for cell in products)
