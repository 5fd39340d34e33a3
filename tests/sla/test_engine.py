"""The SLA engine driven through the Desk: clocks start, pause, stop and restart on events."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sla_helpers import OFFICE, START, complaint, make_desk

from complaintkit.desk import Desk
from complaintkit.model.case import Case
from complaintkit.model.clocks import Clocks
from complaintkit.model.history import replay

H = timedelta(hours=1)

#: The seeds' limits (DOMAIN.md): first response within 24 hours, urgent within 2 hours.
SEEDS: dict[str, Any] = {
    "calendars": {"office": OFFICE},
    "sla": {
        "warnings": [0.5, 0.8],
        "targets": [
            {"when": {"field": "case.priority", "==": "urgent"}, "first_response": "2h"},
            {"first_response": "24h", "resolution": "72h", "next_update": "48h"},
        ],
    },
}


def due(case: Case, metric: str) -> datetime:
    due = case.clocks.metrics[metric].due_at
    assert due is not None
    return due


def test_seed_limit_first_response_within_24_hours() -> None:
    desk, _ = make_desk(SEEDS)
    case = desk.intake(complaint())
    assert due(case, "first_response") == START + 24 * H
    assert case.next_deadline == START + 12 * H  # the 50% warning comes first


def test_seed_limit_urgent_complaints_within_2_hours() -> None:
    desk, _ = make_desk(SEEDS)
    case = desk.intake(complaint(priority="urgent"))
    assert due(case, "first_response") == START + 2 * H
    # per metric, the first matching row naming it wins: resolution falls to the default row
    assert due(case, "resolution") == START + 72 * H


def test_first_response_met_stops_the_clock() -> None:
    desk, clock = make_desk(SEEDS)
    case = desk.intake(complaint())
    clock.advance(3 * H)
    case = desk.respond(case.id, "我们已收到", actor="li.na")
    state = case.clocks.metrics["first_response"]
    assert (state.state, state.outcome) == ("stopped", "met")
    assert state.met_at == START + 3 * H


def test_waiting_on_customer_does_not_count_toward_resolution() -> None:
    desk, clock = make_desk(SEEDS)
    case = desk.intake(complaint())
    clock.advance(10 * H)
    desk.respond(case.id, "请提供照片", actor="li.na")
    desk.transition(case.id, "investigating", actor="li.na")
    desk.transition(case.id, "waiting_on_customer", actor="li.na")
    clock.advance(30 * H)  # the customer takes 30 hours to answer
    case = desk.transition(case.id, "investigating", actor="li.na")
    assert due(case, "resolution") == START + (72 + 30) * H
    clock.advance(5 * H)
    case = desk.resolve(case.id, "换货", actor="li.na")
    state = case.clocks.metrics["resolution"]
    assert state.elapsed == 15 * H
    assert state.outcome == "met"


def test_next_update_restarts_after_each_visible_update() -> None:
    desk, clock = make_desk(SEEDS)
    case = desk.intake(complaint())
    desk.respond(case.id, "收到", actor="li.na")
    clock.advance(20 * H)
    case = desk.update(case.id, "已联系仓库", actor="li.na")
    assert due(case, "next_update") == START + 68 * H
    clock.advance(1 * H)
    case = desk.note(case.id, "internal", actor="li.na")  # not customer-visible
    assert due(case, "next_update") == START + 68 * H


@pytest.mark.parametrize(
    ("mode", "expected_due", "cycle"),
    [("resume", 72 - 10 + 100, 1), ("restart", 100 + 72, 1), ("new_cycle", 100 + 72, 2)],
)
def test_reopen_follows_the_declared_mode(mode: str, expected_due: int, cycle: int) -> None:
    document = {**SEEDS, "sla": {**SEEDS["sla"], "metrics": {"resolution": {"reopen": mode}}}}
    desk, clock = make_desk(document)
    case = desk.intake(complaint())
    desk.respond(case.id, "收到", actor="li.na")
    clock.advance(10 * H)
    desk.resolve(case.id, "退款", actor="li.na")
    clock.advance(90 * H)
    case = desk.reopen(case.id, actor="li.na", reason="问题复发")
    state = case.clocks.metrics["resolution"]
    assert state.due_at == START + expected_due * H
    assert state.cycle == cycle
    assert len(state.cycles) == cycle - 1


def test_withdrawn_case_cancels_its_clocks() -> None:
    desk, _ = make_desk(SEEDS)
    case = desk.intake(complaint())
    case = desk.transition(case.id, "withdrawn", actor="customer")
    assert {s.outcome for s in case.clocks.metrics.values()} == {"cancelled"}
    assert case.next_deadline is None


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=1, max_value=72 * 60))
def test_a_deadline_missed_before_the_withdrawal_counts_as_breached_at_it(minutes: int) -> None:
    """No tick ran between the deadline and the withdrawal: the clock still breached, as of
    its deadline; one whose deadline had not passed (or passes at the withdrawal) is
    cancelled."""
    desk, clock = make_desk(SEEDS)
    case = desk.intake(complaint())
    deadline = due(case, "first_response")
    clock.advance(timedelta(minutes=minutes))
    case = desk.transition(case.id, "withdrawn", actor="customer")
    state = case.clocks.metrics["first_response"]
    if START + timedelta(minutes=minutes) > deadline:
        assert (state.outcome, state.breached_at) == ("breached", deadline)
    else:
        assert (state.outcome, state.breached_at) == ("cancelled", None)
    assert case.clocks.metrics["resolution"].outcome == "cancelled"  # 72h: never missed


def test_business_time_target_skips_nights_weekends_and_lunch() -> None:
    document = {
        "calendars": {"office": OFFICE},
        "sla": {"calendar": "office", "targets": [{"first_response": "8 business hours"}]},
    }
    friday_5pm = datetime(2026, 3, 6, 9, 0, tzinfo=UTC)  # 17:00 in Shanghai
    desk, _ = make_desk(document, start=friday_5pm)
    case = desk.intake(complaint(at=friday_5pm))
    # 1h on Friday, then 7h from Monday 09:00 with the 1.5h lunch: Monday 17:30 local
    assert due(case, "first_response") == datetime(2026, 3, 9, 9, 30, tzinfo=UTC)


def test_acknowledgement_outside_working_hours_promises_a_time() -> None:
    document = {
        "calendars": {"office": OFFICE},
        "sla": {"calendar": "office", "targets": [{"first_response": "4 business hours"}]},
    }
    saturday = datetime(2026, 3, 7, 12, 0, tzinfo=UTC)  # 20:00 Saturday in Shanghai
    desk, _ = make_desk(document, start=saturday)
    case = desk.intake(complaint(at=saturday))
    promised = [e for e in desk.history(case.id) if e.kind == "deadline_promised"]
    assert len(promised) == 1
    data = promised[0].data
    assert data["outside_hours"] is True
    assert data["opens_at"] == "2026-03-09T09:00:00+08:00"  # on the calendar's wall clock
    assert data["due_at"] == datetime(2026, 3, 9, 6, 30, tzinfo=UTC).isoformat()  # Mon 14:30
    assert "outside working hours" in promised[0].reason


def test_a_promise_on_a_calendar_without_working_time_names_no_opening() -> None:
    """A calendar without hours may time calendar periods (validate accepts 24h on it); the
    first response's promise then has no opening to name, instead of failing every intake
    after searching ten years for one."""
    document = {
        "calendars": {"never": {"timezone": "Asia/Shanghai", "hours": {}}},
        "sla": {"calendar": "never", "targets": [{"first_response": "24h"}]},
    }
    saturday = datetime(2026, 3, 7, 12, 0, tzinfo=UTC)
    desk, _ = make_desk(document, start=saturday)
    case = desk.intake(complaint(at=saturday))
    assert due(case, "first_response") == saturday + 24 * H  # real time: Sunday 12:00 UTC
    promised = [e for e in desk.history(case.id) if e.kind == "deadline_promised"]
    assert [(e.data["outside_hours"], e.data["opens_at"]) for e in promised] == [(False, None)]
    assert "opens_at" not in desk.get(case.id).attributes


def test_case_replays_to_the_same_clocks() -> None:
    desk, clock = make_desk(SEEDS)
    case = desk.intake(complaint())
    clock.advance(30 * H)
    desk.tick()
    case = desk.respond(case.id, "抱歉久等", actor="li.na")
    rebuilt = replay(desk.history(case.id))
    assert rebuilt.clocks == case.clocks
    assert rebuilt.next_deadline == case.next_deadline


def test_desk_without_policy_runs_no_clocks() -> None:
    desk = Desk(storage="memory:")
    case = desk.intake(complaint())
    assert case.clocks == Clocks()
    assert case.next_deadline is None
    assert desk.tick(START + 1000 * H).cases == 0


@pytest.mark.parametrize(
    ("mode", "due_hours"), [("keep", 24), ("rebase", 10 + 4), ("rebase_keep_elapsed", 10)]
)
def test_policy_version_migration(mode: str, due_hours: int) -> None:
    old, clock = make_desk(SEEDS, version="1")
    case = old.intake(complaint())
    newer: dict[str, Any] = {
        "calendars": {"office": OFFICE},
        "sla": {"targets": [{"first_response": "4h"}], "migrate": {"mode": mode, "from": ["1"]}},
    }
    desk, _ = make_desk(newer, version="2")
    desk.storage, desk.clock = old.storage, clock
    clock.advance(10 * H)
    case = desk.note(case.id, "policy updated", actor="li.na")
    migrated = [e for e in desk.history(case.id) if e.kind == "policy_migrated"]
    assert len(migrated) == 1
    assert migrated[0].data == {"from": "1", "to": "2", "mode": mode}
    assert case.policy_version == "2"
    assert due(case, "first_response") == START + due_hours * H
    assert case.clocks.metrics["first_response"].breached_at is None
    desk.note(case.id, "again", actor="li.na")
    assert len([e for e in desk.history(case.id) if e.kind == "policy_migrated"]) == 1
    # keeping 10h elapsed against a 4h target falls due at once, when the migration happens:
    # the next look after it records the breach
    clock.advance(timedelta(seconds=1))
    desk.tick()
    breached = desk.get(case.id).clocks.metrics["first_response"].breached_at
    assert breached == (START + 10 * H if mode == "rebase_keep_elapsed" else None)


def test_without_a_migration_a_case_keeps_its_version() -> None:
    old, clock = make_desk(SEEDS, version="1")
    case = old.intake(complaint())
    desk, _ = make_desk({"sla": {"targets": [{"first_response": "4h"}]}}, version="2")
    desk.storage, desk.clock = old.storage, clock
    case = desk.note(case.id, "n", actor="li.na")
    assert case.policy_version == "1"
    assert due(case, "first_response") == START + 24 * H


def test_custom_metric_with_declared_signals() -> None:
    document = {
        "sla": {
            "metrics": {"assignment": {"start": ["opened"], "stop": ["investigating"]}},
            "targets": [{"assignment": "1h"}],
        }
    }
    desk, clock = make_desk(document)
    case = desk.intake(complaint())
    clock.advance(2 * H)
    desk.tick()
    case = desk.transition(case.id, "investigating", actor="li.na")
    state = case.clocks.metrics["assignment"]
    assert state.breached_at == START + H
    assert state.outcome == "breached"
    assert state.met_at == START + 2 * H
    assert datetime.now(UTC) > START  # sanity: fixed dates are in the past of the test run
