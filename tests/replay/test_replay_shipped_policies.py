"""Replaying the policy in force reproduces what is stored, for the shipped policies: random
case lifecycles on a SQLite file store, over holidays, weekends and (in London) the clock
changes, with pauses, extensions, reopenings, compensation and ticks at irregular, late
instants. Any changed case is a defect of intake, the SLA engine or the replay."""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import (
    CaseEnded,
    FollowUpLocked,
    IllegalTransition,
    InvalidInput,
    StepsMissing,
)
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import Policy, load_policy
from complaintkit.replay import replay_store

ROOT = Path(__file__).resolve().parents[2]
SHANGHAI, LONDON = ZoneInfo("Asia/Shanghai"), ZoneInfo("Europe/London")
REFUSALS = (IllegalTransition, InvalidInput, CaseEnded, FollowUpLocked, StepsMissing)


def _c(text: str, customer: str, amount: str | None = None, **attributes: Any) -> dict[str, Any]:
    complaint: dict[str, Any] = {
        "channel": "web",
        "customer": {"id": customer},
        "text": text,
        "product": "SKU-1",  # one product: a run of complaints opens a batch incident
    }
    if amount is not None:
        complaint["amount"] = {"amount": amount, "currency": "CNY"}
    if attributes:
        complaint["attributes"] = attributes
    return complaint


SHOP = [
    _c("充电时冒烟了 差点起火", "A", "399.00"),
    _c("收到的是假货 要求退一赔三", "B", "1200.00"),
    _c("快递一直没到 物流也没更新", "A", "89.90"),
    _c("丢件了 显示签收但没收到", "C", "2500.00"),
    _c("客服态度很差 不回复", "B"),
    _c("商品质量不好 坏了", "C", "59.00"),
]
SUPERMARKET = [
    _c("买的牛奶变质了 孩子喝了一口", "A", "12.80"),
    _c("The cashier was rude to me", "B"),
    _c("促销价格不一致 结账时没有减", "A", "156.00"),
    _c("配送太晚了 送货慢", "C", "45.00"),
    _c("面包里有异物", "C", "8.50"),
]
SAMR = [
    _c("商家拒绝退货", "A", "300.00"),
    _c("举报商家虚假宣传", "B", kind="举报"),
    _c("美容院办卡后跑路", "A", "5000.00"),
]
FCA = [
    _c("My card payment was taken twice", "A"),
    _c("The bank closed my account without notice", "B"),
]
PACKS = {
    "online-shop": ("ecommerce/online-shop.yaml", SHOP, SHANGHAI),
    "supermarket": ("retail/supermarket.yaml", SUPERMARKET, SHANGHAI),
    "samr": ("regulatory/samr-complaints.yaml", SAMR, SHANGHAI),
    "fca": ("regulatory/fca-disp.yaml", FCA, LONDON),
}
#: Beginnings worth starting at: the October holidays and their make-up days, a weekend,
#: the London clock changes, Easter and Christmas bank holidays.
STARTS = {
    zone: [datetime(*start, tzinfo=zone) for start in starts]
    for zone, starts in (
        (SHANGHAI, [(2026, 9, 29, 21), (2026, 10, 9, 16), (2026, 2, 13, 17), (2026, 11, 27, 22)]),
        (LONDON, [(2026, 3, 27, 16), (2026, 10, 23, 16), (2026, 4, 2, 16), (2026, 12, 23, 12)]),
    )
}
STATUSES = ("waiting_on_customer", "waiting_on_third_party", "investigating", "acknowledged")
CUSTOM = ("acceptance_decided", "report_decided", "extension_approved", "holding_response")
ACTIONS = (
    *("respond", "update", "resolve", "close", "reopen", "reject", "withdraw", "follow_up"),
    *("assign", "propose", "approve", "decline_approval", "offer", "accept", "decline"),
    *("tick", "tick", "mediation_ended", "facts", *STATUSES, *CUSTOM),
)
RECORDS = ("open", "answered late", "closed", "date only", "resolved")

#: Instants in three weeks; a few shared ones so that changes meet at one instant.
minutes = st.integers(min_value=0, max_value=21 * 24 * 60) | st.sampled_from([0, 60, 1440, 2880])
step = st.tuples(minutes, st.integers(0, 7), st.sampled_from(ACTIONS))
arrival = st.tuples(minutes, st.integers(0, 5), st.none() | st.sampled_from(RECORDS))


def _compensate(desk: Desk, case_id: str, action: str) -> None:
    if action == "propose":
        desk.propose_compensation(case_id, actor="agent")
        return
    entries = desk.get(case_id).compensation
    last = entries[-1]["id"] if entries else "comp-1"
    if action in ("approve", "decline_approval"):
        for role in ("supervisor", "store_manager"):
            with contextlib.suppress(*REFUSALS):
                if action == "approve":
                    desk.approve_compensation(case_id, last, role=role, actor="boss")
                else:
                    desk.reject_compensation(case_id, last, role=role, actor="boss", reason="no")
    elif action == "offer":
        desk.offer_compensation(case_id, last, actor="agent")
    else:
        answer = desk.accept_compensation if action == "accept" else desk.decline_compensation
        answer(case_id, last, actor="customer")


FACTS = {"loss": {"amount": "50.00", "currency": "CNY"}, "label_flaw_only": False}
#: What each step asks of the Desk (the compensation steps and ticks are done apart).
STEPS: dict[str, Callable[[Desk, str], object]] = {
    "respond": lambda desk, case_id: desk.respond(case_id, "on it", actor="agent"),
    "update": lambda desk, case_id: desk.update(case_id, "still on it", actor="agent"),
    "resolve": lambda desk, case_id: desk.resolve(case_id, "done", actor="agent"),
    "close": lambda desk, case_id: desk.close(case_id, actor="agent"),
    "reopen": lambda desk, case_id: desk.reopen(case_id, actor="agent", reason="wrote again"),
    "reject": lambda desk, case_id: desk.transition(case_id, "rejected", actor="agent"),
    "withdraw": lambda desk, case_id: desk.transition(case_id, "withdrawn", actor="agent"),
    "follow_up": lambda desk, case_id: desk.follow_up(case_id, 4, actor="agent"),
    "assign": lambda desk, case_id: desk.assign(case_id, owner="someone.else", actor="agent"),
    "facts": lambda desk, case_id: desk.set_facts(case_id, FACTS, actor="agent"),
}


def _act(desk: Desk, case_id: str, action: str, at: datetime) -> None:
    if action == "tick":
        desk.tick(at)
    elif action in STATUSES:
        desk.transition(case_id, action, actor="agent", reason="asked")
    elif action in (*CUSTOM, "mediation_ended"):
        desk.record_event(case_id, action, actor="agent")
    elif action in STEPS:
        STEPS[action](desk, case_id)
    else:
        _compensate(desk, case_id, action)


def _history(record: str, received: datetime, zone: ZoneInfo) -> dict[str, Any]:
    def hours(n: int) -> str:
        return (received + timedelta(hours=n)).isoformat()

    if record == "open":
        return {"status": "investigating", "first_response_at": hours(1), "owner": "old.agent"}
    if record == "answered late":
        return {"status": "investigating", "first_response_at": hours(70)}
    if record == "resolved":
        return {"status": "resolved", "first_response_at": hours(3), "resolved_at": hours(30)}
    if record == "date only":  # an export that kept the closing day only
        day = (received + timedelta(days=2)).astimezone(zone).date().isoformat()
        return {"status": "closed", "closed_at": day, "sla": {"first_response": "no"}}
    return {"status": "closed", "first_response_at": hours(2), "closed_at": hours(6)}


def _tick_due(desk: Desk, clock: ManualClock, until: datetime) -> None:
    """A scheduler that is never late: a tick at each deadline that falls due by ``until``."""
    while True:
        due = [
            deadline
            for case_id in desk.storage.case_ids()
            if (deadline := desk.get(case_id).next_deadline) is not None
            and clock.now() <= deadline <= until
        ]
        if not due:
            return
        clock.set(min(due))
        desk.tick(clock.now())


@functools.cache
def _loaded(path: str) -> tuple[Plugins, Policy]:
    """The shipped policy at ``path`` compiled once, and the plugins it was compiled with:
    every example's Desk and replay share both (frozen values) instead of scanning the
    plugins and compiling the policy again for each example."""
    plugins = Plugins()
    return plugins, load_policy(ROOT / "policies" / path, plugins)


def _play(
    pack: str,
    start: int,
    arrivals: list[Any],
    steps: list[tuple[int, int, str]],
    *,
    timely: bool = False,
) -> tuple[Desk, list[datetime]]:
    """The desk after ``arrivals`` and ``steps``; with ``timely``, ticked at every
    deadline. Also each case's opening."""
    path, complaints, zone = PACKS[pack]
    begin = STARTS[zone][start]
    clock = ManualClock(begin)
    store = f"sqlite:///{tempfile.mkdtemp()}/cases.db"
    plugins, policy = _loaded(path)
    desk = Desk(policy, storage=store, clock=clock, plugins=plugins)
    ids: list[str] = []
    timeline = sorted(
        [(m, 0, n, "arrive") for n, (m, _, _) in enumerate(arrivals)]
        + [(m, 1, which, action) for m, which, action in steps]
    )
    for offset, _, which, action in timeline:
        at = max(begin + timedelta(minutes=offset), clock.now())
        if timely:
            _tick_due(desk, clock, at)
        clock.set(at)
        if action == "arrive":
            _, kind, record = arrivals[which]
            complaint = dict(complaints[kind % len(complaints)], external_id=f"X-{which}")
            complaint["received_at"] = clock.now().isoformat()
            if record is not None:  # received four days back, with what happened since
                received = clock.now() - timedelta(days=4)
                complaint["received_at"] = received.isoformat()
                complaint["history"] = _history(record, received, zone)
            with contextlib.suppress(InvalidInput):  # a date of today, say
                ids.append(desk.intake(complaint).id)
        elif ids:
            with contextlib.suppress(*REFUSALS):
                _act(desk, ids[which % len(ids)], action, clock.now())
    end = clock.now() + timedelta(hours=1)
    if timely:  # past any instant a replay is asked to stand at
        end = max(end, begin + timedelta(days=23))
        _tick_due(desk, clock, end)
    clock.set(end)
    desk.tick(clock.now())  # the scheduler caught up: replay runs it to the end
    # a batch incident opens a case of its own
    return desk, [desk.get(i).opened_at for i in desk.storage.case_ids()]


@pytest.mark.parametrize("pack", sorted(PACKS))
@settings(
    max_examples=int(os.environ.get("REPLAY_EXAMPLES", "20")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# a tick a day late, then a reassignment: the tick's levels come first (supermarket)
@example(start=0, arrivals=[(0, 0, None)], steps=[(1441, 0, "tick"), (1442, 0, "assign")])
@given(
    start=st.integers(0, 3),
    arrivals=st.lists(arrival, min_size=1, max_size=7),
    steps=st.lists(step, max_size=30),
)
def test_replaying_a_shipped_policy_in_force_changes_no_case(
    pack: str, start: int, arrivals: list[Any], steps: list[tuple[int, int, str]]
) -> None:
    desk, opened = _play(pack, start, arrivals, steps)
    result = replay_store(desk.storage, desk.policy, desk.plugins)
    desk.storage.close()
    assert result.rejected == []
    assert result.comparison.cases == len(opened)
    assert [(c.case_id, c.changes) for c in result.comparison.listed] == []
    assert result.comparison.changed == 0
    current, candidate = (result.comparison.counts[side] for side in ("current", "candidate"))
    assert current == candidate
    assert result.comparison.money["current"] == result.comparison.money["candidate"]


@pytest.mark.parametrize("pack", sorted(PACKS))
@settings(
    max_examples=int(os.environ.get("REPLAY_EXAMPLES", "20")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    start=st.integers(0, 3),
    arrivals=st.lists(st.tuples(minutes, st.integers(0, 5), st.none()), min_size=1, max_size=6),
    steps=st.lists(step, max_size=25),
    at=minutes | st.sampled_from([-1, 0, 60, 1440]),
    shift=st.sampled_from([timedelta(0), timedelta(microseconds=1), -timedelta(microseconds=1)]),
)
def test_a_shipped_policy_replayed_at_any_instant_changes_no_case(
    pack: str,
    start: int,
    arrivals: list[Any],
    steps: list[tuple[int, int, str]],
    at: int,
    shift: timedelta,
) -> None:
    """Ticked on time, the store at any instant (one where something happened, or just
    before or after it) is what the policy made of what had happened by then."""
    desk, opened = _play(pack, start, arrivals, steps, timely=True)
    horizon = STARTS[PACKS[pack][2]][start] + timedelta(minutes=at) + shift
    result = replay_store(desk.storage, desk.policy, desk.plugins, horizon=horizon)
    desk.storage.close()
    assert result.comparison.cases == sum(t <= horizon for t in opened)
    assert [(c.case_id, c.changes) for c in result.comparison.listed] == []
