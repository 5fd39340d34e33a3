"""Live incident alerts when several processes take complaints into one store.

``complaintkit serve`` (HTTP intake, long-lived) runs beside a cron ``complaintkit intake`` of
an inbox: each is a Desk on the same database, and each must count the other's cases live.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from complaintkit_postgres import PostgresStorage
from complaintkit_postgres.testing import drop_schema, scratch_url
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.hookspecs import hookimpl
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy
from complaintkit.reports import Scope, WindowRule, detect_batches, open_source
from incident_policy import incident_policy

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)
H = timedelta(hours=1)
RULE = WindowRule("product", 3, 48)
POLICY = incident_policy("{key: product, min_cases: 3, window_hours: 48}")


class Ticking(ManualClock):
    """The time every process reads (real processes share real time): each reading a
    millisecond later, so cases are opened in the order they are committed here."""

    def now(self) -> datetime:
        return self.advance(timedelta(milliseconds=1))

    def set(self, instant: datetime) -> None:
        super().set(max(instant, super().now()))


class Alerts:
    """Every incident_detected event a process announced, as its notifiers would see it."""

    def __init__(self) -> None:
        self.seen: list[dict[str, Any]] = []

    @hookimpl
    def case_event(self, event: CaseEvent, case: Case) -> None:
        if event.kind == "incident_detected":
            self.seen.append(dict(event.data))


@pytest.fixture(scope="module")
def policy_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("policy") / "policy.yaml"
    path.write_text(POLICY, encoding="utf-8")
    return path


def process(policy_path: Path, url: str, clock: Ticking) -> tuple[Desk, Alerts]:
    """One process: its own Desk (and watcher) on the shared store."""
    alerts = Alerts()
    plugins = Plugins(plugin_manager(load_entrypoints=False))
    plugins.pm.register(alerts)
    storage = PostgresStorage(url) if url.startswith("postgresql:") else url
    desk = Desk(load_policy(policy_path), storage=storage, clock=clock, plugins=plugins)
    return desk, alerts


def complaint(n: int, product: str, channel: str = "web") -> dict[str, Any]:
    return {
        "channel": channel,
        "external_id": f"c{n}",
        "received_at": T0.isoformat(),
        "customer": {"id": f"cust{n}"},
        "text": "the milk was sour",
        "product": product,
    }


def at(desk: Desk, hours: float) -> Desk:
    clock = desk.clock
    assert isinstance(clock, Ticking)
    clock.set(T0 + hours * H)
    return desk


def stored_alerts(desk: Desk) -> list[str]:
    """The ids of every incident_detected event stored, whichever process raised it."""
    return [
        e.data["id"]
        for case in desk.find()
        for e in desk.history(case.id)
        if e.kind == "incident_detected"
    ]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return f"sqlite:///{tmp_path / 'cases.db'}"


Stores = Callable[[], AbstractContextManager[str]]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def stores(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Stores:
    """A fresh store for each example hypothesis runs."""

    @contextmanager
    def fresh() -> Iterator[str]:
        if request.param == "sqlite":
            yield f"sqlite:///{tmp_path_factory.mktemp('store') / 'cases.db'}"
            return
        server, schema = request.getfixturevalue("postgres_server_url"), secrets.token_hex(6)
        try:
            yield scratch_url(server, f"ck_test_{schema}")
        finally:
            drop_schema(server, f"ck_test_{schema}")

    return fresh


def test_serve_counts_the_cron_runs_cases_taken_in_after_it_warmed_up(
    policy_path: Path, url: str
) -> None:
    clock = Ticking(T0)
    serve, serve_alerts = process(policy_path, url, clock)
    serve.intake(complaint(0, "SKU-TEA"))  # serve is up and has warmed up
    cron, cron_alerts = process(policy_path, url, clock)
    at(cron, 1).intake_many([complaint(n, "SKU-MILK", "email") for n in (1, 2)])
    at(serve, 2).intake(complaint(3, "SKU-MILK"))
    [incident] = detect_batches(open_source(serve.storage), RULE, Scope())
    assert [a["id"] for a in serve_alerts.seen] == [incident.id]
    assert (cron_alerts.seen, stored_alerts(serve)) == ([], [incident.id])


def test_a_case_of_another_process_that_completes_the_incident_is_raised_once(
    policy_path: Path, url: str
) -> None:
    clock = Ticking(T0)
    serve, serve_alerts = process(policy_path, url, clock)
    cron, cron_alerts = process(policy_path, url, clock)
    serve.intake(complaint(0, "SKU-MILK"))
    at(cron, 1).intake(complaint(1, "SKU-MILK", "email"))  # cron warms up: sees one
    at(serve, 2).intake(complaint(2, "SKU-MILK"))
    at(cron, 3).intake(complaint(3, "SKU-MILK", "email"))  # joins the open incident
    [incident] = detect_batches(open_source(serve.storage), RULE, Scope())
    assert incident.count == 4
    assert [a["id"] for a in serve_alerts.seen + cron_alerts.seen] == [incident.id]
    assert stored_alerts(serve) == [incident.id]


@settings(
    max_examples=15,
    deadline=None,
    # ``stores`` gives a fresh store to each example
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    steps=st.lists(
        st.tuples(
            st.integers(0, 1),  # which process
            st.sampled_from([0.0, 0.0, 1.0, 5.0, 30.0, 80.0]),  # hours since the last step
            st.lists(st.sampled_from(["SKU-A", "SKU-B"]), min_size=1, max_size=3),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_every_incident_is_raised_exactly_once_across_processes(
    policy_path: Path, stores: Stores, steps: list[Any]
) -> None:
    with stores() as url:
        clock = Ticking(T0)
        processes = [process(policy_path, url, clock), process(policy_path, url, clock)]
        try:
            take_steps(processes, steps)
            desk = processes[0][0]
            incidents = detect_batches(open_source(desk.storage), RULE, Scope())
            expected = sorted(i.id for i in incidents)
            assert sorted(stored_alerts(desk)) == expected
            announced = [a["id"] for _, alerts in processes for a in alerts.seen]
            assert sorted(announced) == expected
        finally:
            for desk, _ in processes:
                desk.storage.close()


def take_steps(processes: list[tuple[Desk, Alerts]], steps: list[Any]) -> None:
    hours, n = 0.0, 0
    for which, gap, products in steps:
        hours += gap
        desk = at(processes[which][0], hours)
        batch = [complaint(n + i, p) for i, p in enumerate(products)]
        n += len(batch)
        if len(batch) == 1:
            desk.intake(batch[0])
        else:
            desk.intake_many(batch)
