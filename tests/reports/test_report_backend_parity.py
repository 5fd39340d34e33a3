"""Memory, SQLite and PostgreSQL give the same report on the same cases.

Each backend answers the report's questions its own way (Python over cases, SQL over the
report-facts tables), so small random histories — ties on one receipt instant, replies,
withdrawals, rejections, resolutions, reopenings (a new first-response cycle), ticks, one
product typed several ways (full-width, either case, spaces around: one incident) — are
played once on a memory desk, the same cases and events are stored in SQLite and
PostgreSQL, and the report JSON must be the same text (the same figures in the same order):
unscoped and filtered on one spelling of a product, with ``--by product`` and spike rules
quick enough to fire on two days (so breakdowns, groupings and spikes count a product
however it was typed alike on every backend).
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest
from complaintkit_postgres import PostgresStorage
from complaintkit_postgres.testing import drop_schema, scratch_url
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reports_day import T0, GradingPolicy, complaint, local_plugins

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import IncidentPolicy, SpikeRule, WindowRule, build_report, open_source
from complaintkit.reports.grouping import GroupBy
from complaintkit.reports.scope import Scope
from complaintkit.sla.policy import SlaPolicy, compile_sections
from complaintkit.storage.base import Storage
from complaintkit.storage.sqlite import SQLiteStorage

H = timedelta(hours=1)
SLA = compile_sections(
    {"sla": {"warnings": [], "targets": [{"first_response": "2h", "resolution": "10h"}]}}
)
ACTIONS = ("none", "respond", "withdraw", "reject", "resolve", "tick", "reopen")
#: Spellings of one product, as typed in full-width mode, in either case, with spaces around.
PRODUCTS = ("MILK-1", "milk-1", "\uff2d\uff29\uff2c\uff2b\uff0d\uff11", " MILK-1 ", "Milk-1", "P2")
BATCHES = (WindowRule("product", 2, 24),)
#: Spikes on a one-day baseline that two cases can make: the second day against the first.
SPIKES = tuple(
    SpikeRule(dimension, baseline_days=1, k=0.5, min_count=2, max_p=1.0)
    for dimension in ("product", "category")
)


@attrs.frozen
class TimedPolicy(GradingPolicy):
    sla: SlaPolicy | None = SLA


@attrs.frozen
class Step:
    """One complaint: its key, when it was received, what happens to it, when, and about
    which product."""

    key: str
    received: int
    action: str
    after: int
    product: str = "P2"


_STEPS = st.lists(
    st.builds(
        Step,
        st.sampled_from("ABCDE"),
        st.sampled_from([0, 0, 1, 24, 25]),  # receipt hours: ties on one instant, two days
        st.sampled_from(ACTIONS),
        st.integers(0, 14),
        st.sampled_from(PRODUCTS),
    ),
    min_size=1,
    max_size=6,
)


def _played(steps: list[Step]) -> Desk:
    """The steps on a memory desk, in time order."""
    clock = ManualClock(T0)
    desk = Desk(TimedPolicy(), storage="memory:", clock=clock, plugins=local_plugins())
    ids = []
    for n, step in enumerate(sorted(steps, key=lambda s: s.received)):
        clock.set(T0 + step.received * H)
        ids.append(
            desk.intake(complaint(f"{step.key}{n}", "web", T0 + step.received * H, step.product)).id
        )
    for step, case_id in sorted(zip(steps, ids, strict=True), key=lambda p: p[0].after):
        clock.set(max(clock.now(), T0 + (step.received + step.after) * H))
        if step.action in ("respond", "resolve", "reopen"):
            desk.respond(case_id, "已收到", actor="li.na")
        if step.action in ("resolve", "reopen"):
            desk.resolve(case_id, "换货", actor="li.na")
        if step.action == "reopen":  # a new first_response cycle, after a breach or not
            desk.reopen(case_id, actor="li.na", reason="still leaking")
        elif step.action == "withdraw":
            desk.transition(case_id, "withdrawn", actor="customer")
        elif step.action == "reject":
            desk.transition(case_id, "rejected", actor="li.na", reason="out of scope")
        elif step.action == "tick":
            desk.tick()
    return desk


def _copied(desk: Desk, storage: Storage) -> Storage:
    """The desk's cases and events stored again in ``storage``."""
    for case_id in sorted(desk.storage.case_ids()):
        storage.intake(desk.storage.get(case_id), desk.storage.events(case_id))
    return storage


@attrs.frozen
class Asked:
    """What a report is asked: its product filter, and which spike rule goes first."""

    product: str | None = None
    product_first: bool = True


def _report(storage: Storage, hours: int, top: int = 10, asked: Asked = Asked()) -> dict[str, Any]:
    spikes = SPIKES if asked.product_first else SPIKES[::-1]
    source = open_source(storage)
    try:
        data = build_report(
            source,
            Scope(product=asked.product),
            incidents=IncidentPolicy(BATCHES, spikes),
            now=T0 + hours * H,
            top=top,
            by=[GroupBy("product")],
        ).to_json()
    finally:
        getattr(source, "close", lambda: None)()
    return data


@pytest.fixture(name="places")
def places_fixture(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[], list[Storage]]]:
    """Where each example's copies go: SQLite files, and PostgreSQL schemas if marked."""
    made: list[tuple[str, str]] = []
    server = (
        request.getfixturevalue("postgres_server_url")
        if request.node.get_closest_marker("postgres")
        else None
    )

    def place() -> list[Storage]:
        folder = tmp_path_factory.mktemp("parity")
        stores: list[Storage] = [SQLiteStorage(f"sqlite:///{folder / 'cases.db'}")]
        if server is not None:
            schema = f"ck_parity_{secrets.token_hex(6)}"
            made.append((server, schema))
            stores.append(PostgresStorage(scratch_url(server, schema)))
        return stores

    yield place
    for server_url, schema in made:
        drop_schema(server_url, schema)


def _compare(
    steps: list[Step],
    hours: int,
    places: Callable[[], list[Storage]],
    top: int = 10,
    asked: tuple[Asked, ...] = (Asked(),),
) -> None:
    desk = _played(steps)
    # as text: the same figures in the same order, as ``--json`` prints them
    expected = [json.dumps(_report(desk.storage, hours, top, a)) for a in asked]
    for storage in places():
        try:
            copy = _copied(desk, storage)
            got = [json.dumps(_report(copy, hours, top, a)) for a in asked]
            assert got == expected, type(storage)
        finally:
            storage.close()


_ASKED = st.builds(Asked, st.sampled_from(PRODUCTS), st.booleans()).map(
    lambda filtered: (Asked(product_first=filtered.product_first), filtered)
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(steps=_STEPS, hours=st.integers(0, 30), top=st.integers(1, 4), asked=_ASKED)
def test_sqlite_reports_what_memory_reports(
    places: Callable[[], list[Storage]],
    steps: list[Step],
    hours: int,
    top: int,
    asked: tuple[Asked, ...],
) -> None:
    _compare(steps, hours, places, top, asked)


@pytest.mark.postgres
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(steps=_STEPS, hours=st.integers(0, 30), top=st.integers(1, 4), asked=_ASKED)
def test_every_backend_reports_what_memory_reports(
    places: Callable[[], list[Storage]],
    steps: list[Step],
    hours: int,
    top: int,
    asked: tuple[Asked, ...],
) -> None:
    _compare(steps, hours, places, top, asked)


def test_late_cases_tied_on_one_deadline_are_listed_by_case_id(tmp_path: Path) -> None:
    steps = [Step(k, 0, "none", 0) for k in "ABCDE"]
    desk = _played(steps)
    report = _report(desk.storage, 5, top=3)
    ids = sorted(desk.storage.case_ids())
    assert [item["case_id"] for item in report["late"]] == ids[:3]
    assert len({item["due_at"] for item in report["late"]}) == 1
    sqlite = _copied(desk, SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}"))
    try:
        assert _report(sqlite, 5, top=3)["late"] == report["late"]
    finally:
        sqlite.close()
