"""A withdrawn or rejected case's clocks are cancelled: neither met, breached nor running.

Withdrawal and rejection stop a case's clocks with the outcome ``cancelled``. A manager
reading the SLA table must not see those clocks as running for ever, nor have them weigh on
attainment: they are counted in a column of their own, on every backend alike, and a
deadline that passes after the cancellation changes nothing.
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
from complaintkit.reports.metrics import SlaAttainment
from complaintkit.reports.scope import Scope
from complaintkit.reports.table import sections
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
    withdrawn = desk.intake(complaint("A", "web", T0)).id
    rejected = desk.intake(complaint("B", "web", T0)).id
    desk.intake(complaint("C", "web", T0))  # left alone: running, then breached
    clock.set(T0 + H)
    desk.transition(withdrawn, "withdrawn", actor="customer")
    desk.transition(rejected, "rejected", actor="li.na", reason="out of scope")
    yield desk
    desk.storage.close()


def _sla(desk: Desk, hours: float) -> list[SlaAttainment]:
    source = open_source(desk.storage)
    try:
        return build_report(source, Scope(), now=T0 + hours * H).sla
    finally:
        getattr(source, "close", lambda: None)()


def test_cancelled_clocks_are_counted_apart_not_running(desk: Desk) -> None:
    assert _sla(desk, 1.5) == [
        SlaAttainment("first_response", met=0, breached=0, running=1, cancelled=2),
        SlaAttainment("resolution", met=0, breached=0, running=1, cancelled=2),
    ]
    a_day_on = _sla(desk, 24)
    assert a_day_on == [
        SlaAttainment("first_response", met=0, breached=1, running=0, cancelled=2),
        SlaAttainment("resolution", met=0, breached=1, running=0, cancelled=2),
    ]
    assert [s.attainment for s in a_day_on] == [0.0, 0.0]  # cancelled clocks weigh nothing


def test_a_tick_changes_no_cancelled_count(desk: Desk) -> None:
    before = _sla(desk, 24)
    assert isinstance(desk.clock, ManualClock)
    desk.clock.set(T0 + 24 * H)
    desk.tick()
    assert _sla(desk, 24) == before


def test_the_sla_table_has_a_cancelled_column(desk: Desk) -> None:
    source = open_source(desk.storage)
    try:
        report = build_report(source, Scope(), now=T0 + 24 * H)
    finally:
        getattr(source, "close", lambda: None)()
    _, header, rows = next(t for t in sections(report, "en") if t[0] == "SLA attainment")
    assert header[header.index("Running") + 1] == "Cancelled"
    assert [row[header.index("Cancelled")] for row in rows] == ["2", "2"]
    json_rows = report.to_json()["sla"]
    assert [(r["running"], r["cancelled"]) for r in json_rows] == [(0, 2), (0, 2)]
