"""Complaint figures count complaints: the case an incident opens is work, not a complaint.

Every backend leaves it out of totals, groupings, durations, SLA and remedy tallies, counts
it when the scope names its channel, and keeps it in the open-work section.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from complaintkit_postgres import PostgresStorage
from reports_day import (
    T0,
    GradingPolicy,
    H,
    clock_json,
    complaint,
    entry,
    local_plugins,
    play_day,
    set_fields,
)

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.incidents import INCIDENT_CHANNEL
from complaintkit.reports import ReportSource, build_report, open_source
from complaintkit.reports.grouping import GroupBy
from complaintkit.reports.scope import Scope
from complaintkit.storage.base import Storage

BY = [GroupBy.parse(t) for t in ("tag", "owner", "team", "attribute.incident_id")]


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
    desk = Desk(GradingPolicy(), storage=storage, clock=clock, plugins=local_plugins())
    play_day(desk, clock)
    yield desk
    desk.storage.close()


def report(desk: Desk, scope: Scope | None = None) -> dict[str, Any]:
    source: ReportSource = open_source(desk.storage)
    try:
        return build_report(source, scope, now=T0 + 30 * H, by=BY).to_json()
    finally:
        getattr(source, "close", lambda: None)()


def open_incident_case(desk: Desk) -> str:
    """The internal case an incident opens, with a breached clock and a remedy of its own."""
    case = desk.intake(complaint("INC-1", INCIDENT_CHANNEL, T0 + 3 * H, "P1", incident_id="INC-1"))
    set_fields(
        desk,
        case.id,
        clocks={"first_response": clock_json("breached")},
        escalation_level=3,
        compensation=[entry("offered", ("refund", "1", "CNY"))],
    )
    return case.id


def test_complaint_figures_leave_the_incident_case_out(desk: Desk) -> None:
    before = report(desk)
    open_incident_case(desk)
    after = report(desk)
    work = ("workload", "late")
    assert {k: v for k, v in after.items() if k not in work} == {
        k: v for k, v in before.items() if k not in work
    }


def test_the_incident_case_counts_when_the_scope_names_its_channel(desk: Desk) -> None:
    open_incident_case(desk)
    only = report(desk, Scope(channel=INCIDENT_CHANNEL))
    assert only["total"] == 1
    assert [(s["metric"], s["breached"]) for s in only["sla"]] == [("first_response", 1)]
    assert report(desk, Scope(channel="web"))["total"] == 2


def test_open_work_keeps_the_incident_case(desk: Desk) -> None:
    before = report(desk)
    case_id = open_incident_case(desk)
    after = report(desk)
    open_before = sum(w["open"] for w in before["workload"]["owner"])
    assert sum(w["open"] for w in after["workload"]["owner"]) == open_before + 1
    assert desk.get(case_id).is_open
