"""A filter value in Arabic or Hebrew reads right to left in the HTML report's heading.

The line under the title names the report's scope (``product=…``) in a left-to-right
line, so a product chosen with ``--product "מוצר (12)"`` took the line's direction: its
closing bracket was drawn at the far end and its opening one beside the number, the name
of no product. Each value is now isolated in its own direction (``<bdi>``), as the table
cells naming the same product are.
"""

from __future__ import annotations

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import Scope, build_report, open_source
from complaintkit.reports.html import render_html
from complaintkit.testing.storage_contract import T0, make_complaint

HEBREW = "מוצר (12)"


def _meta(page: str) -> str:
    start = page.index('<div class="meta">')
    return page[start : page.index("</div>", start)]


def test_each_scope_value_is_isolated_in_its_own_direction() -> None:
    desk = Desk(storage="memory:", clock=ManualClock(T0))
    desk.intake(make_complaint("P0", product=HEBREW))
    report = build_report(open_source(desk.storage), Scope(product=HEBREW), now=T0)
    meta = _meta(render_html(report))
    assert f"product=<bdi>{HEBREW}</bdi>" in meta
    assert report.total == 1
