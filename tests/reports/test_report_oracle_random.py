"""Random case histories, every figure worked out by hand, on SQLite and PostgreSQL at once.

Complaints from the committed CFPB sample are received around local midnight (23:30 in
Shanghai is that Shanghai day, not UTC's) and through New York's spring-forward night, then
answered, resolved, reopened, withdrawn, rated, compensated and ticked in any order. The test
recomputes the report's figures from the cases and events the Desk stored — counts per
category, channel and severity, local days, nearest-rank quantiles of what each customer
waited, SLA outcomes, reopenings, customers and money per currency — with plain Python,
never the reports code, and both stores must give exactly those figures.
"""

from __future__ import annotations

import math
import secrets
from collections import Counter
from contextlib import suppress
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from case_steps import on_case
from cfpb import cfpb_complaint, cfpb_rows
from complaintkit_postgres import PostgresStorage
from complaintkit_postgres.testing import drop_schema, scratch_url
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reports_day import local_plugins

from complaintkit.clock import ManualClock
from complaintkit.demo.script import demo_policy_path
from complaintkit.desk import Desk
from complaintkit.errors import ComplaintkitError
from complaintkit.model.case import Case
from complaintkit.model.clocks import ClockState
from complaintkit.policy.compiled import Policy, load_policy
from complaintkit.reports import build_report, open_source
from complaintkit.storage.base import Storage
from complaintkit.storage.sqlite import SQLiteStorage

ROWS = cfpb_rows()[:40]
#: (zone, first receipt): half an hour before a local midnight, and before New York's
#: clocks go forward (2027-03-14 02:00 EST becomes 03:00 EDT) or back (2026-11-01), or Lord
#: Howe's go back half an hour (2027-04-04 02:00 becomes 01:30).
ZONES = (
    (ZoneInfo("Asia/Shanghai"), datetime(2026, 12, 31, 23, 30, tzinfo=ZoneInfo("Asia/Shanghai"))),
    (
        ZoneInfo("America/New_York"),
        datetime(2027, 3, 13, 23, 30, tzinfo=ZoneInfo("America/New_York")),
    ),
    (
        ZoneInfo("America/New_York"),
        datetime(2026, 10, 31, 23, 30, tzinfo=ZoneInfo("America/New_York")),
    ),
    (
        ZoneInfo("Australia/Lord_Howe"),
        datetime(2027, 4, 3, 23, 30, tzinfo=ZoneInfo("Australia/Lord_Howe")),
    ),
)
STEPS = (
    *("intake", "respond", "resolve", "close", "reopen", "withdraw", "tick", "advance"),
    *("rate", "propose", "approve", "offer", "accept", "decline"),
)
ACTIONS = st.tuples(st.sampled_from(STEPS), st.integers(0, 7), st.integers(1, 40))


def _policy(tmp: Path, zone: ZoneInfo) -> Policy:
    text = demo_policy_path().read_text(encoding="utf-8")
    path = tmp / "policy.yaml"
    path.write_text(text.replace("timezone: Asia/Shanghai", f"timezone: {zone.key}"), "utf-8")
    return load_policy(path, local_plugins())


def _play(desk: Desk, clock: ManualClock, actions: list[tuple[str, int, int]]) -> None:
    ids: list[str] = []
    for kind, i, n in actions:
        with suppress(ComplaintkitError):  # a step out of turn is refused, as a person's is
            if kind == "intake":
                row = ROWS[len(ids) % len(ROWS)]
                data = cfpb_complaint(row, clock.now() - timedelta(minutes=n * 7))
                data["customer"] = {"id": f"c{n % 4}"}
                ids.append(desk.intake(data).id)
            elif kind == "advance":
                clock.set(clock.now() + timedelta(minutes=n * 13))
            elif kind == "tick":
                desk.tick()
            elif ids:
                on_case(desk, ids[i % len(ids)], kind, n)


def _nearest_rank(values: list[float], q: float) -> float:
    """The smallest value with at least ``q`` of the values at or below it."""
    ordered = sorted(values)
    return next(v for k, v in enumerate(ordered, 1) if k >= q * len(ordered) - 1e-9)


def _hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 3600, 4)


def _waited(case: Case, end: datetime | None) -> float | None:
    """Seconds from receipt to ``end``, none before it, to the millisecond as stored."""
    if end is None:
        return None
    seconds = max((end - case.complaint.received_at).total_seconds(), 0.0)
    return round(seconds, 3)


def _expected(desk: Desk, now: datetime) -> dict[str, Any]:
    cases = [c for c in desk.find() if c.complaint.channel != "incident"]
    figures: dict[str, Any] = {"total": len(cases)}
    for name in ("category", "severity"):
        figures[name] = Counter(getattr(c, name) for c in cases)
    figures["channel"] = Counter(c.complaint.channel for c in cases)
    figures["daily"] = Counter(c.complaint.received_at.astimezone(desk.zone).date() for c in cases)
    for duration in ("first_response", "resolution"):
        ends = [
            c.first_response_at if duration == "first_response" else c.resolved_at for c in cases
        ]
        waits = [
            w for c, end in zip(cases, ends, strict=True) if (w := _waited(c, end)) is not None
        ]
        figures[duration] = {"count": len(waits)} | {
            f"p{round(q * 100)}_hours": _hours(_nearest_rank(waits, q)) if waits else None
            for q in (0.5, 0.9, 0.99)
        }
    figures["reopened"] = sum(
        any(e.kind == "transitioned" and e.data.get("to") == "reopened" for e in desk.history(c.id))
        for c in cases
    )
    per_customer = Counter(c.customer_id for c in cases)
    figures["customers"] = (len(per_customer), sum(n > 1 for n in per_customer.values()))
    sla: dict[str, Counter[str]] = {}
    for case in cases:
        for metric, state in case.clocks.metrics.items():
            sla.setdefault(metric, Counter())[_outcome(state, now)] += 1
    figures["sla"] = sla
    figures["money"] = _money(cases)
    return figures


def _outcome(state: ClockState, now: datetime) -> str:
    """As docs/reports.md counts a clock: a breach in any cycle, a meeting, a cancellation,
    then a deadline passed unmet."""
    if state.ever_breached:
        return "breached"
    if state.met_at is not None:
        return "met"
    if state.outcome == "cancelled":
        return "cancelled"
    return "breached" if state.due_at is not None and state.due_at < now else "running"


def _money(cases: list[Case]) -> dict[str, tuple[int, Decimal]]:
    """Per currency: remedies decided, and the money offered (case still open) or accepted."""
    given: dict[str, Decimal] = {}
    decided: Counter[str] = Counter()
    for case in cases:
        for entry in case.compensation:
            for remedy in entry["decision"]["remedies"]:
                if remedy.get("amount") is None:
                    continue
                currency = remedy["amount"]["currency"]
                decided[currency] += 1
                given.setdefault(currency, Decimal(0))
                if entry["status"] == "accepted" or (entry["status"] == "offered" and case.is_open):
                    given[currency] += Decimal(remedy["amount"]["amount"])
    return {cur: (decided[cur], given[cur]) for cur in decided}


def _figures(storage: Storage, desk: Desk, now: datetime) -> dict[str, Any]:
    source = open_source(storage)
    try:
        report = build_report(source, zone=desk.zone, now=now)
    finally:
        source.close()
    data = report.to_json()
    figures: dict[str, Any] = {"total": report.total}
    for name in ("category", "severity", "channel"):
        figures[name] = Counter({s.key: s.count for s in report.breakdowns[name]})
    figures["daily"] = sum((Counter(days) for days in report.daily.values()), Counter())
    for duration in ("first_response", "resolution"):
        stats = data["durations"][duration]
        figures[duration] = {k: stats[k] for k in ("count", "p50_hours", "p90_hours", "p99_hours")}
    figures["reopened"] = report.reopened
    figures["customers"] = (report.customers, report.repeat_customers)
    figures["sla"] = {
        s.metric: Counter({k: v for k, v in attrs_counts(s).items() if v}) for s in report.sla
    }
    figures["money"] = {cur: (n, money) for cur, (n, money) in report.compensation_totals.items()}
    for rows in report.breakdowns.values():
        assert sum(row.count for row in rows) == report.total
        assert all(0 <= row.share <= 1 for row in rows)
    for s in report.sla:
        assert s.attainment is None or 0 <= s.attainment <= 1
    return figures


def attrs_counts(s: Any) -> dict[str, int]:
    return {"met": s.met, "breached": s.breached, "running": s.running, "cancelled": s.cancelled}


@pytest.fixture(name="server")
def server_fixture(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue("postgres_server_url"))


@pytest.mark.postgres
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(actions=st.lists(ACTIONS, min_size=1, max_size=30), where=st.sampled_from(ZONES))
def test_sqlite_and_postgres_report_the_figures_worked_out_by_hand(
    server: str,
    tmp_path_factory: pytest.TempPathFactory,
    actions: list[tuple[str, int, int]],
    where: tuple[ZoneInfo, datetime],
) -> None:
    zone, start = where
    tmp = tmp_path_factory.mktemp("oracle")
    clock = ManualClock(start)
    sqlite = SQLiteStorage(f"sqlite:///{tmp / 'cases.db'}")
    schema = f"ck_oracle_{secrets.token_hex(6)}"
    postgres = PostgresStorage(scratch_url(server, schema))
    try:
        desk = Desk(_policy(tmp, zone), storage=sqlite, clock=clock, plugins=local_plugins())
        _play(desk, clock, [("intake", 0, 1), *actions])
        for case_id in sorted(sqlite.case_ids()):
            postgres.intake(sqlite.get(case_id), sqlite.events(case_id))
        now = clock.now()
        expected = _expected(desk, now)
        assert _figures(sqlite, desk, now) == expected
        assert _figures(postgres, desk, now) == expected
    finally:
        sqlite.close()
        postgres.close()
        drop_schema(server, schema)


def test_the_hand_computed_quantile_is_nearest_rank() -> None:
    """The oracle's own definition, checked on the cases docs/reports.md names."""
    assert _nearest_rank([5.0], 0.99) == 5.0
    assert _nearest_rank([1.0, 2.0], 0.5) == 1.0
    assert _nearest_rank([1.0, 2.0], 0.9) == 2.0
    assert _nearest_rank([1.0, 1.0, 3.0], 0.5) == 1.0
    assert _nearest_rank([float(k) for k in range(1, 101)], 0.99) == 99.0
    assert math.isclose(_nearest_rank([float(k) for k in range(1, 71)], 0.9), 63.0)
