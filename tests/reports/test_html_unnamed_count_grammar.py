"""The product Pareto chart's title counts the complaints naming no product in words that
agree with the count: one is "1 complaint names no product", not "1 complaints name"."""

from __future__ import annotations

from datetime import timedelta

import pytest
from reports_day import T0, GradingPolicy, complaint, local_plugins

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report, open_source
from complaintkit.reports.html import render_html


@pytest.mark.parametrize(
    ("unnamed", "title"),
    [(1, "(1 complaint names no product)"), (2, "(2 complaints name no product)")],
)
def test_the_count_of_unnamed_complaints_reads_right(unnamed: int, title: str) -> None:
    clock = ManualClock(T0)
    desk = Desk(GradingPolicy(), storage="memory:", clock=clock, plugins=local_plugins())
    desk.intake(complaint("A", "web", T0, product="milk-1"))
    for n in range(unnamed):
        desk.intake(complaint(f"X{n}", "web", T0))
    html = render_html(build_report(open_source(desk.storage), now=T0 + timedelta(hours=1)))
    assert title in html
    assert "(1 complaints" not in html
