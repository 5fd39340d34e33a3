"""A report's SLA table is as of the report's instant: a deadline passed by then is missed.

The tick records a breach at the instant the budget ran out, but ticks run when they run:
a report made before the next tick must not count a clock whose deadline has passed as
still running. Every backend answers the same, ticked or not.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import attrs
import pytest
from complaintkit_postgres import PostgresStorage
from reports_day import T0, GradingPolicy, complaint, local_plugins

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report, open_source
from complaintkit.reports.scope import Scope
from complaintkit.reports.source import SlaTally
from complaintkit.sla.policy import SlaPolicy, compile_sections
from complaintkit.storage.base import Storage

H = timedelta(hours=1)
SLA = compile_sections(
    {"sla": {"warnings": [], "targets": [{"first_response": "2h", "resolution": "10h"}]}}
)


@attrs.frozen
class TimedPolicy(GradingPolicy):
    sla: SlaPolicy | None = SLA


@pytest.fixture(
    name="desk", params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def desk_fixture(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Desk]:
    storage: str | Storage = (
        "memory:" if request.param == "memory" else f"sqlite:///{tmp_path / 'cases.db'}"
    )
    if request.param == "postgres":
        storage = PostgresStorage(request.getfixturevalue("postgres_url"))
    clock = ManualClock(T0)
    desk = Desk(TimedPolicy(), storage=storage, clock=clock, plugins=local_plugins())
    silent = desk.intake(complaint("A", "web", T0)).id
    answered = desk.intake(complaint("B", "web", T0)).id
    clock.set(T0 + H)
    desk.respond(answered, "已收到", actor="li.na")
    assert desk.get(silent).clocks.metrics["first_response"].breached_at is None
    yield desk
    desk.storage.close()


def _sla(desk: Desk, hours: float) -> dict[str, SlaTally]:
    source = open_source(desk.storage)
    try:
        report = build_report(source, Scope(), now=T0 + hours * H)
        return {s.metric: SlaTally(s.met, s.breached, s.running) for s in report.sla}
    finally:
        getattr(source, "close", lambda: None)()


def test_a_deadline_passed_counts_as_breached_before_any_tick(desk: Desk) -> None:
    assert _sla(desk, 1.5) == {
        "first_response": SlaTally(met=1, breached=0, running=1),
        "resolution": SlaTally(met=0, breached=0, running=2),
    }
    assert _sla(desk, 2) == _sla(desk, 1.5)  # a reply at the deadline is in time
    assert _sla(desk, 3) == {
        "first_response": SlaTally(met=1, breached=1, running=0),
        "resolution": SlaTally(met=0, breached=0, running=2),
    }
    assert _sla(desk, 11) == {
        "first_response": SlaTally(met=1, breached=1, running=0),
        "resolution": SlaTally(met=0, breached=2, running=0),
    }


@pytest.mark.parametrize("hours", [1.5, 3, 11])
def test_a_tick_at_the_reports_instant_changes_no_figure(desk: Desk, hours: float) -> None:
    before = _sla(desk, hours)
    assert isinstance(desk.clock, ManualClock)
    desk.clock.set(T0 + hours * H)
    desk.tick()
    assert _sla(desk, hours) == before
