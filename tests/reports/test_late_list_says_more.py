"""The late list shows the most overdue cases only (ten by default): when more are late it
says how many more and where to see them, in the text, CSV and HTML reports, and
``--json`` gives ``late_total``; twelve late cases listed ten, said nothing of the other
two, and read as all of them."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path

import pytest
from test_workload import POLICY, T0, complaint

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.reports import build_report, open_source
from complaintkit.reports.html import render_html
from complaintkit.reports.labels import label
from complaintkit.reports.table import render_csv, render_text


@pytest.mark.parametrize(("late", "listed"), [(12, 10), (10, 10), (3, 3)])
def test_the_late_list_says_how_many_it_leaves_out(tmp_path: Path, late: int, listed: int) -> None:
    path = tmp_path / "workload.yaml"
    path.write_text(POLICY, encoding="utf-8")
    clock = ManualClock(T0)
    desk = Desk(load_policy(path), storage=f"sqlite:///{tmp_path / 'cases.db'}", clock=clock)
    for n in range(late):
        desk.intake(complaint(n, "牛奶变质了"))  # urgent: first response due in 2 hours
    report = build_report(open_source(desk.storage), now=T0 + timedelta(hours=3))
    assert len(report.late) == listed
    assert report.to_json()["late_total"] == late
    more = label("more_late", "en").format(n=late - listed)
    rows = list(csv.reader(io.StringIO(render_csv(report))))
    section = [r[1:] for r in rows if r[0] == label("late_cases", "en")]
    if late > listed:
        assert section[-1][0] == more
        assert more in render_text(report)
        assert f">{more}</td>" in render_html(report)
        assert len(section) == 1 + listed + 1
    else:
        assert len(section) == 1 + listed
        assert label("more_late", "en").split("{n}")[1] not in render_text(report)
