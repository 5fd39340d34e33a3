"""Every event of an SLA clock carries all the clock's pauses, so folding a case paused
hundreds of times must not parse (and a replay must not encode) every earlier pause again
at each event: replaying a 5,000-event case took 18 s and auditing it 21 s. The work is
counted here, never timed: the pauses parsed and encoded per event stay bounded however
many pauses came before."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model import clocks
from complaintkit.model.events import CaseEvent
from complaintkit.model.history import replay
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store

POLICY = """
complaintkit: 1
name: long-waits
version: "1"
categories: {other: {label: 其他}}
severities: {minor: {label: 一般}}
priorities: {normal: {label: 一般}}
teams: {desk: {label: 客服组, default_owner: 李娜}}
classification: {rules: [], default: {category: other, severity: minor, priority: normal}}
routing: {rules: [], default: {team: desk}}
calendars:
  office: {timezone: Asia/Shanghai, hours: {mon-fri: ["09:00-18:00"]}}
sla:
  calendar: office
  warnings: []
  targets:
    - resolution: 900 business hours
"""
WAITS = 120  # times the case waits on the customer: 240 clock events, each with its pauses


@pytest.fixture(scope="module")
def long_case(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Desk, str]:
    tmp = tmp_path_factory.mktemp("long")
    policy = tmp / "policy.yaml"
    policy.write_text(POLICY, encoding="utf-8")
    clock = ManualClock(datetime(2026, 3, 2, 1, 0, tzinfo=UTC))
    desk = Desk(load_policy(policy), storage=f"sqlite:///{tmp / 'cases.db'}", clock=clock)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "1",
            "received_at": clock.now().isoformat(),
            "customer": {"id": "c-1"},
            "text": "发票一直没开",
        }
    )
    desk.transition(case.id, "investigating", actor="李娜")
    for _ in range(WAITS):
        clock.set(clock.now() + timedelta(minutes=20))
        desk.transition(case.id, "waiting_on_customer", actor="李娜", reason="请提供订单号")
        clock.set(clock.now() + timedelta(minutes=20))
        desk.transition(case.id, "investigating", actor="李娜", reason="客户已回复")
    return policy, desk, case.id


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How often a stored instant is parsed and a pause encoded."""
    counts = {"parsed": 0, "encoded": 0}

    def counting(name: str, key: str) -> None:
        original: Callable[..., Any] = getattr(clocks, name)

        def count(*args: Any) -> Any:
            counts[key] += 1
            return original(*args)

        monkeypatch.setattr(clocks, name, count)

    counting("_instant", "parsed")
    counting("_pause_text", "encoded")
    return counts


def _pauses_stored(events: list[CaseEvent]) -> int:
    """The pauses the history's clock events carry, all told (each repeats the earlier)."""
    return sum(len(e.data["clock"]["pauses"]) for e in events if "clock" in e.data)


def test_folding_a_history_parses_each_pause_once(
    long_case: tuple[Path, Desk, str], counted: dict[str, int]
) -> None:
    _, desk, case_id = long_case
    events = desk.storage.events(case_id)
    assert _pauses_stored(events) > 15 * len(events)  # a case where re-reading would show
    case = replay(events)
    assert len(case.clocks.metrics["resolution"].pauses) == WAITS
    assert counted["parsed"] <= 8 * len(events), counted


def test_replaying_a_case_encodes_each_pause_once(
    long_case: tuple[Path, Desk, str], counted: dict[str, int]
) -> None:
    policy, desk, case_id = long_case
    plugins = Plugins(plugin_manager(load_entrypoints=False))
    result = replay_store(desk.storage, load_policy(policy), plugins, case_id=case_id)
    assert result.detail is not None
    assert result.detail.changes == []
    events = len(result.detail.current_events) + len(result.detail.candidate_events)
    # each pause made (a wait begun, then ended) encoded once, on each side: stored, candidate;
    # and the case row check (``replay.altered_rows``) encodes the replayed case once, each
    # of its three clocks' pauses once: a pause encoded at every event would be WAITS² here
    assert counted["encoded"] <= 2 * 2 * WAITS + 3 * WAITS + 10, counted
    assert counted["parsed"] <= 12 * events, counted


def test_a_pause_read_back_is_the_pause_written(long_case: tuple[Path, Desk, str]) -> None:
    _, desk, case_id = long_case
    events = desk.storage.events(case_id)
    folded = replay(events).clocks.metrics["resolution"]
    stored = desk.get(case_id).clocks.metrics["resolution"]
    assert folded == stored
    last = next(e for e in reversed(events) if "clock" in e.data)
    assert folded.to_json() == stored.to_json() == last.data["clock"]
