"""Scoped reports recounted by hand: a ``--since``/``--until`` range of local midnights or
exact receipts in a zone other than UTC (Shanghai's last minutes of a day, Berlin's DST
nights) and a filter, over random histories of the committed CFPB sample.

The recount reads the Desk's cases and events with plain Python, never the reports code:
totals and every breakdown (products folded), local days, nearest-rank quantiles in
calendar and in business time, SLA outcomes, escalation levels, satisfaction, reopenings,
customers, and remedies per kind, currency and status (an offer its case ended on lapsed)
with the money given per currency, on the memory and SQLite stores.
"""

from __future__ import annotations

import unicodedata
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
from hypothesis import HealthCheck, event, given, settings
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
from complaintkit.reports.scope import Scope
from complaintkit.sla.calendar import BusinessCalendar

ROWS = cfpb_rows()[:12]
#: Half an hour before a local midnight; Berlin's clocks go forward on 2027-03-28 and back
#: on 2026-10-25.
STARTS = (
    datetime(2026, 12, 31, 23, 30, tzinfo=ZoneInfo("Asia/Shanghai")),
    datetime(2027, 3, 27, 23, 30, tzinfo=ZoneInfo("Europe/Berlin")),
    datetime(2026, 10, 24, 23, 30, tzinfo=ZoneInfo("Europe/Berlin")),
)
STEPS = (
    *("intake", "respond", "resolve", "close", "reopen", "withdraw", "tick", "advance"),
    *("rate", "propose", "approve", "reject", "offer", "accept", "decline", "wait", "refuse"),
)
#: A step that takes the case through the ones it needs first (each refused one passed
#: over), so reopenings, ratings and offers that lapse are common, not rare.
CHAINS = {
    "resolve": ("respond", "resolve"),
    "reopen": ("respond", "resolve", "reopen"),
    "rate": ("respond", "resolve", "rate"),
    "offer": ("propose", "approve", "offer"),
}
ACTIONS = st.tuples(st.sampled_from(STEPS), st.integers(0, 2), st.integers(1, 40))


def _policy(tmp: Path, zone: ZoneInfo) -> Policy:
    text = demo_policy_path().read_text(encoding="utf-8")
    path = tmp / "policy.yaml"
    path.write_text(text.replace("timezone: Asia/Shanghai", f"timezone: {zone.key}"), "utf-8")
    return load_policy(path, local_plugins())


def _play(desk: Desk, clock: ManualClock, actions: list[tuple[str, int, int]]) -> None:
    ids: list[str] = []
    for kind, i, n in actions:
        with suppress(ComplaintkitError):
            if kind == "intake":
                row = ROWS[len(ids) % len(ROWS)]
                data = cfpb_complaint(row, clock.now() - timedelta(minutes=n * 7))
                data["customer"] = {"id": f"c{n % 4}"}
                if n % 3 == 0:  # the same product typed another way
                    data["product"] = f" {data['product'].upper()} "
                ids.append(desk.intake(data).id)
            elif kind == "advance":
                clock.set(clock.now() + timedelta(minutes=n * 37))
            elif kind == "tick":
                desk.tick()
            elif kind == "refuse" and ids:  # the case itself rejected
                desk.transition(ids[i % len(ids)], "rejected", actor="li.na")
            elif ids:
                for step in CHAINS.get(kind, (kind,)):
                    with suppress(ComplaintkitError):
                        on_case(desk, ids[i % len(ids)], step, n)


def _fold(product: str | None) -> str | None:
    return (
        None
        if product is None
        else " ".join(unicodedata.normalize("NFKC", product).split()).casefold()
    )


def _nearest_rank(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return next(v for k, v in enumerate(ordered, 1) if k >= q * len(ordered) - 1e-9)


def _in_scope(case: Case, scope: Scope) -> bool:
    c = case.complaint
    return (
        c.channel != "incident"
        and scope.covers(c.received_at)
        and (scope.channel is None or c.channel == scope.channel)
        and (scope.category is None or case.category == scope.category)
        and (scope.product is None or _fold(c.product) == _fold(scope.product))
    )


def _office(zone: ZoneInfo) -> BusinessCalendar:
    return BusinessCalendar.from_mapping(
        {"timezone": zone.key, "hours": {"mon-sat": ["01:00-18:00"]}}
    )


def _quantiles(cases: list[Case], name: str, office: BusinessCalendar | None) -> list[float | None]:
    """How many cases waited, and nearest-rank p50/p90/p99 in hours of what they waited
    (none before receipt), in calendar or the office's working time, to the millisecond."""
    waits = []
    for case in cases:
        end = case.first_response_at if name == "first_response" else case.resolved_at
        if end is None:
            continue
        start = case.complaint.received_at
        if office is None:
            seconds = max((end - start).total_seconds(), 0.0)
        else:
            seconds = office.elapsed(start, end).total_seconds() if end > start else 0.0
        waits.append(round(seconds, 3))
    return [len(waits)] + [
        round(_nearest_rank(waits, q) / 3600, 4) if waits else None for q in (0.5, 0.9, 0.99)
    ]


def _expected(desk: Desk, scope: Scope, now: datetime) -> dict[str, Any]:
    cases = [c for c in desk.find() if _in_scope(c, scope)]
    figures: dict[str, Any] = {"total": len(cases)}
    figures["category"] = Counter(c.category for c in cases)
    figures["severity"] = Counter(c.severity for c in cases)
    figures["channel"] = Counter(c.complaint.channel for c in cases)
    figures["product"] = sorted(Counter(_fold(c.complaint.product) for c in cases).values())
    figures["daily"] = Counter(c.complaint.received_at.astimezone(desk.zone).date() for c in cases)
    office = _office(desk.zone)  # type: ignore[arg-type]
    for name in ("first_response", "resolution"):
        figures[name] = _quantiles(cases, name, None)
        figures[f"business_{name}"] = _quantiles(cases, name, office)
    figures["reopened"] = sum(
        any(e.kind == "transitioned" and e.data.get("to") == "reopened" for e in desk.history(c.id))
        for c in cases
    )
    per_customer = Counter(c.customer_id for c in cases)
    figures["customers"] = (len(per_customer), sum(n > 1 for n in per_customer.values()))
    remedies: dict[tuple[str, str | None], Counter[str]] = {}
    given: dict[str, Decimal] = {}
    for case in cases:
        for entry in case.compensation:
            status = entry["status"]
            if status == "offered" and not case.is_open:
                status = "lapsed"
            for remedy in entry["decision"]["remedies"]:
                amount = remedy.get("amount")
                currency = None if amount is None else amount["currency"]
                remedies.setdefault((remedy["kind"], currency), Counter())[status] += 1
                if currency is not None:
                    given.setdefault(currency, Decimal(0))
                    if status in ("offered", "accepted"):
                        given[currency] += Decimal(amount["amount"])
    figures["remedies"] = remedies
    figures["given"] = given
    sla: dict[str, Counter[str]] = {}
    for case in cases:
        for metric, state in case.clocks.metrics.items():
            sla.setdefault(metric, Counter())[_outcome(state, now)] += 1
    figures["sla"] = sla
    figures["satisfaction"] = {
        k: n
        for k, n in Counter(c.satisfaction.score for c in cases if c.satisfaction).items()
        if k is not None
    }
    levels = [c.escalation_level for c in cases]
    figures["escalation"] = [
        (level, levels.count(level), sum(lv >= level for lv in levels))
        for level in range(1, max(levels, default=0) + 1)
    ]
    return figures


def _outcome(state: ClockState, now: datetime) -> str:
    """A breach in any cycle, a meeting, a cancellation, then a deadline passed unmet."""
    if state.ever_breached:
        return "breached"
    if state.met_at is not None:
        return "met"
    if state.outcome == "cancelled":
        return "cancelled"
    return "breached" if state.due_at is not None and state.due_at < now else "running"


def _figures(desk: Desk, scope: Scope, now: datetime) -> dict[str, Any]:
    source = open_source(desk.storage)
    try:
        report = build_report(source, scope, zone=desk.zone, now=now)
    finally:
        source.close()
    data = report.to_json()
    figures: dict[str, Any] = {"total": report.total}
    source = open_source(desk.storage)
    try:
        business = build_report(source, scope, zone=desk.zone, now=now, calendar=_office(desk.zone))  # type: ignore[arg-type]
    finally:
        source.close()
    for name in ("first_response", "resolution"):
        stats = business.to_json()["durations"][name]
        figures[f"business_{name}"] = [
            stats[k] for k in ("count", "p50_hours", "p90_hours", "p99_hours")
        ]
    for name in ("category", "severity", "channel"):
        figures[name] = Counter({s.key: s.count for s in report.breakdowns[name]})  # type: ignore[index]
    figures["product"] = sorted(s.count for s in report.breakdowns["product"])
    figures["daily"] = sum((Counter(days) for days in report.daily.values()), Counter())
    for name in ("first_response", "resolution"):
        stats = data["durations"][name]
        figures[name] = [stats[k] for k in ("count", "p50_hours", "p90_hours", "p99_hours")]
    figures["reopened"] = report.reopened
    figures["customers"] = (report.customers, report.repeat_customers)
    figures["remedies"] = {
        (r.remedy, r.currency): Counter(r.by_status) for r in report.compensation
    }
    figures["given"] = {cur: money for cur, (_, money) in report.compensation_totals.items()}
    figures["satisfaction"] = {k: n for k, n in report.satisfaction.items() if n}
    figures["escalation"] = [(e.level, e.cases, e.reached) for e in report.escalation]
    figures["sla"] = {
        s.metric: +Counter(met=s.met, breached=s.breached, running=s.running, cancelled=s.cancelled)
        for s in report.sla
    }
    return figures


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    actions=st.lists(ACTIONS, min_size=10, max_size=60),
    start=st.sampled_from(STARTS),
    bounds=st.tuples(st.integers(-1, 1), st.integers(1, 2), st.booleans()),
    product=st.sampled_from([None, ROWS[0]["Product"], ROWS[1]["Product"].upper()]),
    storage=st.sampled_from(["memory", "sqlite"]),
)
def test_a_scoped_report_says_what_its_complaints_say(
    tmp_path_factory: pytest.TempPathFactory,
    actions: list[tuple[str, int, int]],
    start: datetime,
    bounds: tuple[int, int, bool],
    product: str | None,
    storage: str,
) -> None:
    zone = ZoneInfo(str(start.tzinfo))
    tmp = tmp_path_factory.mktemp("scoped")
    clock = ManualClock(start)
    url = "memory:" if storage == "memory" else f"sqlite:///{tmp / 'cases.db'}"
    desk = Desk(_policy(tmp, zone), storage=url, clock=clock, plugins=local_plugins())
    try:
        _play(desk, clock, [*(("intake", 0, n) for n in range(1, 7)), *actions])
        first, days, exact = bounds
        if exact:  # from the first complaint received, exactly, to the last, exactly
            received = sorted(c.complaint.received_at for c in desk.find())
            since, until = received[0], received[-1]
            if until <= since:
                until = since + timedelta(microseconds=1)
        else:  # local midnights, days after the first
            midnight = datetime.combine(start.date(), datetime.min.time(), zone)
            since = datetime.combine(midnight.date() + timedelta(first), midnight.time(), zone)
            until = datetime.combine(since.date() + timedelta(days), since.time(), zone)
        scope = Scope(since, until, product=product)
        now = clock.now()
        expected = _expected(desk, scope, now)
        for feature in ("escalation", "remedies", "satisfaction", "reopened"):
            event(f"{feature}: {'some' if expected[feature] else 'none'}")
        event(f"cases in scope: {min(expected['total'], 5)}")
        event(f"lapsed: {any('lapsed' in c for c in expected['remedies'].values())}")
        event(f"sla breached: {any(c['breached'] for c in expected['sla'].values())}")
        assert _figures(desk, scope, now) == expected
    finally:
        desk.storage.close()
