"""A time of a few seconds in the text and CSV reports' durations, written in hours to two
places, read 0.00, as if the case had been answered before it came: it is written to as
many places as show it (14 seconds: 0.004), as shares are."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from reports_day import GradingPolicy, complaint, local_plugins

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report, open_source
from complaintkit.reports.table import render_csv, render_text

T = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("seconds", "shown"), [(14, "0.004"), (1, "0.0003"), (36, "0.01"), (5400, "1.50")]
)
def test_a_short_time_is_shown_as_more_than_none(tmp_path: Path, seconds: int, shown: str) -> None:
    clock = ManualClock(T)
    desk = Desk(
        GradingPolicy(),
        storage=f"sqlite:///{tmp_path / 'cases.db'}",
        clock=clock,
        plugins=local_plugins(),
    )
    case = desk.intake(complaint("A", "web", T))
    clock.set(T + timedelta(seconds=seconds))
    desk.respond(case.id, "We are on it.", actor="amy")
    report = build_report(open_source(desk.storage))
    rows = csv.reader(io.StringIO(render_csv(report)))
    (first_response,) = [r for r in rows if r[1].startswith("Time to first response")]
    assert first_response[2:] == ["1", shown, shown, shown]  # p50, p90, p99 of one case
    assert f" {shown} " in render_text(report)
