"""``--by attribute.NAME`` where some complaints lack the attribute and others hold it blank:
two rows, and a reader must tell them apart (both read "(none)")."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

from reports_day import GradingPolicy, complaint, local_plugins

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report, open_source
from complaintkit.reports.grouping import GroupBy
from complaintkit.reports.html import render_html
from complaintkit.reports.table import render_csv, render_text

T = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_a_blank_value_and_no_value_are_two_rows_told_apart(tmp_path: Path) -> None:
    desk = Desk(
        GradingPolicy(),
        storage=f"sqlite:///{tmp_path / 'cases.db'}",
        clock=ManualClock(T),
        plugins=local_plugins(),
    )
    desk.intake(complaint("A", "web", T, batch=""))
    desk.intake(complaint("B", "web", T))
    desk.intake(complaint("C", "web", T))
    report = build_report(open_source(desk.storage), by=[GroupBy.parse("attribute.batch")])
    assert [(s.key, s.count) for s in report.by["attribute.batch"]] == [(None, 2), ("", 1)]
    rows = [r for r in csv.reader(io.StringIO(render_csv(report))) if r[0] == "By Attribute batch"]
    assert [r[1:3] for r in rows[1:]] == [["(none)", "2"], ['""', "1"]]
    text = render_text(report)
    assert '  ""  ' in text
    assert "&quot;&quot;" in render_html(report)
