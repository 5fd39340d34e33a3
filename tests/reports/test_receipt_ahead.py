"""A complaint stamped a few minutes ahead (the sender's clock is fast, which intake allows
within ``CLOCK_LEEWAY``) and answered within those minutes: its response time is 0, as in
business time, never a negative number of hours."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from reports_day import GradingPolicy, complaint, local_plugins

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.desk.arrival import CLOCK_LEEWAY
from complaintkit.reports import build_report, open_source
from complaintkit.reports.table import render_text

T = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("backend", ["memory", "sqlite"])
def test_a_response_stamped_before_the_receipt_takes_no_time(backend: str, tmp_path: Path) -> None:
    clock = ManualClock(T)
    url = "memory:" if backend == "memory" else f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(GradingPolicy(), storage=url, clock=clock, plugins=local_plugins())
    ahead = desk.intake(complaint("A", "web", T + CLOCK_LEEWAY - timedelta(minutes=1)))
    on_time = desk.intake(complaint("B", "web", T - timedelta(hours=1)))
    clock.set(T + timedelta(minutes=1))
    desk.respond(ahead.id, "on it", actor="li.na")
    desk.respond(on_time.id, "on it", actor="li.na")
    report = build_report(open_source(desk.storage))
    first = report.durations["first_response"]
    assert (first.count, first.p50, first.p90) == (2, 0.0, 3660.0)
    assert report.to_json()["durations"]["first_response"]["p50_hours"] == 0.0
    assert "-0." not in render_text(report)
