"""A scoped report reads each day's baseline from before its ``since``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from complaintkit_postgres import PostgresStorage
from reports_day import complaint, local_plugins

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import IncidentPolicy, Scope, SpikeRule, build_report, open_source
from complaintkit.storage.base import Storage

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)
RULES = IncidentPolicy((), (SpikeRule("product", baseline_days=14, k=3, min_count=5),))


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def desk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Desk]:
    url: str | Storage
    if request.param == "postgres":
        url = PostgresStorage(request.getfixturevalue("postgres_url"))
    else:
        url = "memory:" if request.param == "memory" else f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(storage=url, clock=ManualClock(START), plugins=local_plugins())
    counts = [1, 2, 1, 0, 1, 2, 1, 1, 0, 2, 1, 1, 2, 1, 1, 0, 1, 12, 1, 1]  # day 17: a surge
    for day, n in enumerate(counts):
        for i in range(n):
            at = START + day * DAY + i * timedelta(minutes=5)
            desk.clock.set(at)  # type: ignore[attr-defined]
            desk.intake(complaint(f"d{day}-{i}", "web", at, "SKU-MILK"))
    with desk.storage:
        yield desk


def spikes(desk: Desk, scope: Scope) -> list[tuple[str | None, str, int]]:
    report = build_report(open_source(desk.storage), scope, incidents=RULES, now=START)
    return [(s.key, s.day.isoformat(), s.count) for s in report.spikes]


def test_a_weekly_report_flags_the_spike_the_unscoped_report_flags(desk: Desk) -> None:
    unscoped = spikes(desk, Scope())
    assert unscoped == [("SKU-MILK", "2026-03-18", 12)]
    week = Scope(since=datetime(2026, 3, 16, tzinfo=UTC), until=datetime(2026, 3, 23, tzinfo=UTC))
    assert spikes(desk, week) == unscoped


def test_a_scoped_report_lists_no_spike_outside_its_days(desk: Desk) -> None:
    before = Scope(since=datetime(2026, 3, 19, tzinfo=UTC))
    assert spikes(desk, before) == []
    after = Scope(since=datetime(2026, 3, 10, tzinfo=UTC), until=datetime(2026, 3, 18, tzinfo=UTC))
    assert spikes(desk, after) == []
