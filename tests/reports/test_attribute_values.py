"""Complaint attributes that are not text (true, 1.5, {"a": 1}) read alike on every backend.

Batch rules and ``--by attribute.NAME`` read a complaint attribute as a key value. Text is
the value itself; anything else reads as compact JSON (``true``, ``1.5``, ``{"a":1}``), on
memory, SQLite and PostgreSQL alike and in the live watcher, so the report lists the
incidents intake raised with the same ids, and a new process continues them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest
from complaintkit_postgres import PostgresStorage
from reports_day import complaint, local_plugins

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.hookspecs import hookimpl
from complaintkit.model.case import Case
from complaintkit.model.complaint import Complaint
from complaintkit.model.events import CaseEvent
from complaintkit.policy.assessment import Assessment, EmptyPolicy, History
from complaintkit.reports import IncidentPolicy, Scope, WindowRule, build_report, open_source
from complaintkit.reports.grouping import GroupBy

AT = datetime(2026, 3, 2, 9, tzinfo=UTC)
RULE = WindowRule("attributes.recall", 3, 72)
#: (recall, size, kind) per complaint
VALUES: list[tuple[Any, Any, Any]] = [
    (True, 1.5, {"b": 2, "a": 1}),
    (True, 1.5, [1, "x"]),
    (False, 10**20, {"a": 1, "b": 2}),
    (True, -5, "plain"),
]
EXPECTED = {
    "attribute.recall": {"true": 3, "false": 1},
    "attribute.size": {"1.5": 2, "100000000000000000000": 1, "-5": 1},
    "attribute.kind": {'{"a":1,"b":2}': 2, '[1,"x"]': 1, "plain": 1},
}


class Alerts:
    def __init__(self) -> None:
        self.ids: list[str] = []

    @hookimpl
    def case_event(self, event: CaseEvent, case: Case) -> None:
        if event.kind == "incident_detected":
            self.ids.append(event.data["id"])


@attrs.frozen
class RecallPolicy(EmptyPolicy):
    version: str = "test"
    incidents: IncidentPolicy | None = attrs.field(factory=lambda: IncidentPolicy((RULE,), ()))

    def assess(self, complaint: Complaint, history: History) -> Assessment:
        return Assessment(category="other", severity="normal", owner="li.na")


def desk_on(storage: Any, alerts: Alerts) -> tuple[Desk, ManualClock]:
    plugins = local_plugins()
    plugins.pm.register(alerts)
    clock = ManualClock(AT)
    return Desk(RecallPolicy(), storage=storage, clock=clock, plugins=plugins), clock


def take_in(desk: Desk, clock: ManualClock, rows: list[tuple[int, tuple[Any, Any, Any]]]) -> None:
    for n, (recall, size, kind) in rows:
        clock.set(AT + timedelta(hours=n))
        desk.intake(complaint(f"K{n}", "web", clock.now(), recall=recall, size=size, kind=kind))


def figures(desk: Desk) -> dict[str, Any]:
    source = open_source(desk.storage)
    by = [GroupBy.parse(fact) for fact in EXPECTED]
    report = build_report(source, incidents=RecallPolicy().incidents, now=AT, by=by)
    getattr(source, "close", lambda: None)()
    return {
        "by": {fact: {s.key: s.count for s in shares} for fact, shares in report.by.items()},
        "batches": [(b.id, b.value, b.count) for b in report.batches],
    }


def check(storage_of: Any) -> None:
    """Two processes take the complaints in (the second replays the first's cases): one
    alert, listed by the report with its id, and the JSON texts as group keys."""
    alerts = Alerts()
    rows = list(enumerate(VALUES))
    first, clock = desk_on(storage_of(), alerts)
    take_in(first, clock, rows[:2])
    second, clock = desk_on(storage_of(), alerts)
    take_in(second, clock, rows[2:])
    got = figures(second)
    assert got["by"] == EXPECTED
    assert [(alerts.ids[0], "true", 3)] == got["batches"]
    assert len(alerts.ids) == 1


def test_attribute_values_read_alike_in_memory() -> None:
    alerts = Alerts()
    desk, clock = desk_on("memory:", alerts)
    take_in(desk, clock, list(enumerate(VALUES)))
    got = figures(desk)
    assert got["by"] == EXPECTED
    assert [(alerts.ids[0], "true", 3)] == got["batches"]


def test_attribute_values_read_alike_on_sqlite(tmp_path: Path) -> None:
    check(lambda: f"sqlite:///{tmp_path / 'cases.db'}")


@pytest.mark.postgres
def test_attribute_values_read_alike_on_postgres(postgres_url: str) -> None:
    stores: list[PostgresStorage] = []

    def opened() -> PostgresStorage:
        stores.append(PostgresStorage(postgres_url))
        return stores[-1]

    check(opened)
    for store in stores:
        store.close()


def test_scope_is_kept_for_attribute_groups(tmp_path: Path) -> None:
    desk, clock = desk_on(f"sqlite:///{tmp_path / 'cases.db'}", Alerts())
    take_in(desk, clock, list(enumerate(VALUES)))
    source = open_source(desk.storage)
    late = Scope(since=AT + timedelta(hours=2))
    assert source.grouped(GroupBy.parse("attribute.recall"), late) == {"false": 1, "true": 1}


#: Attribute names a JSON path has to escape, and ones it has to quote.
NAMES = ["back\\slash", "new\nline", "dot.ted", "it's", "[0]", "中文", "😀"]


@pytest.mark.parametrize("backend", ["memory", "sqlite"])
def test_any_attribute_name_is_found(tmp_path: Path, backend: str) -> None:
    url = "memory:" if backend == "memory" else f"sqlite:///{tmp_path / 'cases.db'}"
    desk, _ = desk_on(url, Alerts())
    for n in range(3):
        desk.intake(complaint(f"N{n}", "web", AT, **{name: f"v-{name}" for name in NAMES}))
    source = open_source(desk.storage)
    for name in NAMES:
        assert source.grouped(GroupBy.parse(f"attribute.{name}"), Scope()) == {f"v-{name}": 3}
        rule = WindowRule(f"attributes.{name}", 3, 24)
        found = build_report(source, incidents=IncidentPolicy((rule,), ()), now=AT).batches
        assert [(b.value, b.count) for b in found] == [(f"v-{name}", 3)]


def mixed_lots(storage: Any) -> tuple[list[str], list[tuple[str, str, int]]]:
    """Lot 7 given as a number by one channel and as text by another (a CSV column is
    always text): one lot, one incident from its first case, as intake raised it."""
    alerts = Alerts()
    desk, clock = desk_on(storage, alerts)
    for n, lot in enumerate([7, "7", 7, "7"]):
        clock.set(AT + timedelta(hours=n))
        desk.intake(complaint(f"L{n}", "web", clock.now(), recall=lot))
    return alerts.ids, figures(desk)["batches"]


@pytest.mark.parametrize("backend", ["memory", "sqlite"])
def test_a_value_given_as_number_and_as_text_is_one_key(tmp_path: Path, backend: str) -> None:
    url = "memory:" if backend == "memory" else f"sqlite:///{tmp_path / 'cases.db'}"
    alerts, batches = mixed_lots(url)
    assert batches == [(alerts[0], "7", 4)]
    assert len(alerts) == 1


@pytest.mark.postgres
def test_a_value_given_as_number_and_as_text_is_one_key_on_postgres(postgres_url: str) -> None:
    storage = PostgresStorage(postgres_url)
    alerts, batches = mixed_lots(storage)
    storage.close()
    assert batches == [(alerts[0], "7", 4)]
