"""A name in Arabic or Hebrew reads right to left in the HTML report's tables.

The report is left to right, and each cell's direction was the report's: a product
"מוצר (12)" drew its brackets on the wrong sides, so two products differing in their
number could not be told apart at a glance. Every cell and heading takes its direction from
its first strong letter (``dir="auto"``); a figure, having none, stays left to right.
"""

from __future__ import annotations

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report, open_source
from complaintkit.reports.grouping import GroupBy
from complaintkit.reports.html import render_html
from complaintkit.testing.storage_contract import T0, make_complaint
from text_direction import directions

HEBREW = "מוצר (12)"
ARABIC = "فرع (3)"


def test_every_cell_takes_its_own_direction() -> None:
    desk = Desk(storage="memory:", clock=ManualClock(T0))
    desk.intake(make_complaint("P0", product=HEBREW, attributes={"store": ARABIC}))
    desk.intake(make_complaint("P1", product="milk-1", attributes={"store": "上海一店"}))
    report = build_report(open_source(desk.storage), now=T0, by=[GroupBy.parse("attribute.store")])
    shown = directions(render_html(report))
    assert shown[HEBREW] == "auto"
    assert shown[ARABIC] == "auto"
    assert shown["milk-1"] == "auto"  # a Latin name: left to right all the same
