"""``report --csv`` never hands a spreadsheet a formula written by a customer or an agent."""

from __future__ import annotations

import csv
import io
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report, open_source
from complaintkit.reports.grouping import GroupBy
from complaintkit.reports.table import render_csv
from complaintkit.testing.storage_contract import T0, make_complaint

#: What makes a spreadsheet read a cell as a formula (tab and CR too, OWASP's list).
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

texts = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00")
    | st.sampled_from(["\t", "\r"]),
    min_size=1,
    max_size=12,
)
#: A product or owner is never blank (the model refuses one), so each has a visible character;
#: spaces before the trigger (which a spreadsheet may trim on import) hide nothing. An owner
#: is visible text besides (``check_owner_id``: no unassigned or private-use character).
spaces = st.sampled_from(["", " ", "  ", "\u00a0", "\u3000"])
triggered = st.builds(lambda s, c, t: s + c + t, spaces, st.sampled_from(TRIGGERS), texts).filter(
    str.strip
)


def _is_number(cell: str) -> bool:
    return re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)%?", cell) is not None


#: What a text cell shows escaped (docs/reports.md): a backslash doubled, controls and
#: direction marks as a backslash with ``xNN`` or ``uNNNN``.
_ESCAPE = re.compile(r"\\(\\|x[0-9a-f]{2}|u[0-9a-f]{4})")


def _read_back(cell: str) -> str:
    """A defused cell as stored, read as docs/reports.md says: drop the leading ``'``, then
    read a doubled backslash as one and ``xNN``, ``uNNNN`` after one as that character."""
    return _ESCAPE.sub(
        lambda m: "\\" if m[1] == "\\" else chr(int(m[1][1:], 16)), cell.removeprefix("'")
    )


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


@settings(max_examples=40, deadline=None)
@given(product=triggered, owner=triggered.filter(lambda o: (o.strip() or "x").isprintable()))
def test_text_cells_starting_a_formula_are_quoted(product: str, owner: str) -> None:
    desk = Desk(storage="memory:", clock=ManualClock(T0))
    case = desk.intake(make_complaint("a", product=product))
    desk.assign(case.id, owner.strip() or "x", actor="li.na")
    report = build_report(open_source(desk.storage), by=[GroupBy.parse("owner")])
    cells = _cells(render_csv(report))
    bare = [c.lstrip(" \u00a0\u3000") for c in cells]
    dangerous = [c for c in bare if c.startswith(TRIGGERS) and c != "-" and not _is_number(c)]
    assert dangerous == []
    defused = [_read_back(c) for c in cells if c.startswith("'")]
    assert _is_number(product.lstrip(" \u00a0\u3000")) or product in defused
    assert "1" in cells  # counts stay numbers
