"""A case in the late list is late: its "late by" is never written as no time at all.

A case whose deadline passed 10 seconds or 2 minutes ago read ``0.0`` hours late in the
text, CSV and HTML reports, and ``0.0`` in ``--json`` (10 seconds), which says its deadline
has not passed; the times are written as the response times are, to as many places as
show the time at all."""

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


@pytest.mark.parametrize(
    ("late", "shown", "json_hours"),
    [
        (timedelta(seconds=10), "0.003", 0.0028),
        (timedelta(minutes=2), "0.03", 0.0333),
        (timedelta(hours=1, minutes=30), "1.50", 1.5),
    ],
)
def test_a_late_case_is_late_by_some_time(
    tmp_path: Path, late: timedelta, shown: str, json_hours: float
) -> None:
    path = tmp_path / "workload.yaml"
    path.write_text(POLICY, encoding="utf-8")
    clock = ManualClock(T0)
    desk = Desk(load_policy(path), storage=f"sqlite:///{tmp_path / 'cases.db'}", clock=clock)
    desk.intake(complaint(1, "牛奶变质了"))  # urgent: first response due in 2 hours
    report = build_report(open_source(desk.storage), now=T0 + timedelta(hours=2) + late)
    [item] = report.late
    assert item.late_by == late
    assert report.to_json()["late"][0]["late_by_hours"] == json_hours
    rows = list(csv.reader(io.StringIO(render_csv(report))))
    section = [r for r in rows if r[0] == label("late_cases", "en")]
    assert section[1][section[0].index(label("late_by", "en"))] == shown
    line = next(line for line in render_text(report).splitlines() if item.case_id in line)
    assert line.rstrip().endswith(f"  {shown}")
    assert f">{shown}</td>" in render_html(report)
