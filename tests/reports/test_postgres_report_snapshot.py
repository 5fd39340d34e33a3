"""PostgreSQL: a report on a store being written reads every figure from one snapshot, as
SQLite's does (``tests/reports/test_report_snapshot.py``)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from complaintkit_postgres import PostgresStorage
from complaintkit_postgres.reports import PostgresReportSource
from reports_day import GradingPolicy, complaint, local_plugins

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report
from complaintkit.reports.grouping import GroupBy

pytestmark = pytest.mark.postgres

T = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class _Racing(PostgresReportSource):
    """A source whose every answer is followed by another process taking a case in."""

    def __init__(self, reader: Desk, writer: Desk) -> None:
        super().__init__(reader.storage)  # type: ignore[arg-type]
        self.writer, self.written = writer, 0

    def _rows(self, query: Any, params: Any = ()) -> list[tuple[Any, ...]]:
        rows = super()._rows(query, params)
        self.written += 1
        self.writer.intake(complaint(f"late-{self.written}", "web", T))
        return rows


def test_every_figure_counts_the_cases_of_one_instant(
    postgres_url: str, request: pytest.FixtureRequest
) -> None:
    reader = Desk(
        GradingPolicy(),
        storage=PostgresStorage(postgres_url),
        clock=ManualClock(T),
        plugins=local_plugins(),
    )
    writer = Desk(
        GradingPolicy(),
        storage=PostgresStorage(postgres_url),
        clock=ManualClock(T),
        plugins=local_plugins(),
    )
    request.addfinalizer(reader.storage.close)
    request.addfinalizer(writer.storage.close)
    for key in "ABCD":
        writer.intake(complaint(key, "web", T))
    source = _Racing(reader, writer)
    report = build_report(source, by=[GroupBy.parse("tag"), GroupBy.parse("team")])
    assert source.written > 5
    assert report.total == 4
    for shares in (*report.breakdowns.values(), *report.by.values()):
        assert sum(s.count for s in shares) == report.total
    assert sum(n for days in report.daily.values() for n in days.values()) == 4
    assert build_report(PostgresReportSource(reader.storage)).total == 4 + source.written  # type: ignore[arg-type]
