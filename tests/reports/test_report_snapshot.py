"""A report on a store being written: every figure from the one snapshot the report began on.

The report asks many questions (total, each breakdown, each ``--by``, durations…); a case
taken in between two of them must not make the total disagree with its own groups, nor a
share divide by a total of none.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from reports_day import GradingPolicy, complaint, local_plugins

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import Scope, build_report
from complaintkit.reports.grouping import GroupBy
from complaintkit.reports.metrics import Share, pareto
from complaintkit.reports.sqlite_source import SQLiteReportSource

T = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _desk(db: Path) -> Desk:
    return Desk(
        GradingPolicy(), storage=f"sqlite:///{db}", clock=ManualClock(T), plugins=local_plugins()
    )


class _Racing(SQLiteReportSource):
    """A source whose every answer is followed by another process taking a case in."""

    def __init__(self, reader: Desk, writer: Desk) -> None:
        super().__init__(reader.storage)  # type: ignore[arg-type]
        self.writer, self.written = writer, 0

    def _rows(self, sql: str, params: object) -> list[tuple[object, ...]]:
        rows = super()._rows(sql, params)  # type: ignore[arg-type]
        self.written += 1
        self.writer.intake(complaint(f"late-{self.written}", "web", T))
        return rows


def test_a_case_taken_in_while_reporting_on_an_empty_store_is_not_a_crash(
    tmp_path: Path,
) -> None:
    reader, writer = _desk(tmp_path / "cases.db"), _desk(tmp_path / "cases.db")
    source = _Racing(reader, writer)
    report = build_report(source, by=[GroupBy.parse("tag"), GroupBy.parse("owner")])
    assert source.written > 0
    assert report.total == 0
    assert report.by == {"tag": [], "owner": []}
    assert all(shares == [] for shares in report.breakdowns.values())


def test_every_figure_counts_the_cases_of_one_instant(tmp_path: Path) -> None:
    reader, writer = _desk(tmp_path / "cases.db"), _desk(tmp_path / "cases.db")
    for key in "ABCD":
        writer.intake(complaint(key, "web", T))
    source = _Racing(reader, writer)
    report = build_report(source, Scope(), by=[GroupBy.parse("tag"), GroupBy.parse("team")])
    assert source.written > 5
    assert report.total == 4
    for shares in (*report.breakdowns.values(), *report.by.values()):
        assert sum(s.count for s in shares) == report.total
    assert sum(n for days in report.daily.values() for n in days.values()) == 4
    # a later report sees what was written meanwhile
    assert build_report(SQLiteReportSource(reader.storage)).total == 4 + source.written  # type: ignore[arg-type]


def test_a_tag_counted_on_a_case_the_total_missed_is_no_division_by_zero() -> None:
    """A source without snapshots (the generic walk over a store written meanwhile)."""
    assert pareto({"urgent": 1}, cases=0) == [Share("urgent", 1, 1.0, None)]
    assert pareto({"urgent": 3, None: 1}, cases=2)[0].share == 1.0
