"""Desk.tick: indexed due query, time order, catch-up, idempotency, fire-once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sla_helpers import START, complaint, make_desk

from complaintkit.errors import InvalidInput
from complaintkit.model.case import Case
from complaintkit.model.complaint import parse_instant
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.sqlite import SQLiteStorage

H = timedelta(hours=1)
LADDER = {
    "sla": {"warnings": [0.5], "targets": [{"first_response": "10h", "resolution": "40h"}]},
    "escalation": {
        "ladders": [
            {
                "name": "standard",
                "levels": [
                    {
                        "name": "lead",
                        "trigger": {"sla": "first_response", "elapsed": 0.8},
                        "actions": [{"notify": {"role": "team_lead", "template": "at_risk"}}],
                    },
                    {
                        "name": "manager",
                        "trigger": {"sla": "first_response", "elapsed": 2.0},
                        "actions": [
                            {"reassign": {"owner": "wang.fang"}},
                            {"raise_priority": "urgent"},
                            {"add_tags": ["escalated"]},
                            {"require_approval": {"role": "manager"}},
                        ],
                    },
                    {
                        "name": "stale",
                        "trigger": {"since": "responded", "after": "5h"},
                        "actions": [{"notify": {"person": "li.na", "template": "stale"}}],
                    },
                    {
                        "name": "vip",
                        "trigger": {"condition": {"field": "customer.tier", "==": "vip"}},
                        "actions": [{"notify": {"role": "vip_desk"}}],
                    },
                ],
            }
        ]
    },
}
SLA_KINDS = {"sla_warning", "sla_breached", "escalated"}


class SpyStorage(MemoryStorage):
    """Memory storage that records every due query and refuses full scans."""

    def __init__(self) -> None:
        super().__init__()
        self.claims: list[tuple[datetime, int]] = []

    @contextmanager
    def claim_due(self, before: datetime, limit: int) -> Iterator[list[Case]]:
        self.claims.append((before, limit))
        with super().claim_due(before, limit) as due:
            yield due

    def find(self, query: Any) -> list[Case]:
        raise AssertionError("tick must not scan cases")


def fired(desk: Any, case_id: str) -> list[tuple[str, str]]:
    return [
        (e.kind, e.data.get("due_at") or "") for e in desk.history(case_id) if e.kind in SLA_KINDS
    ]


def test_tick_uses_the_indexed_due_query_in_batches() -> None:
    spy = SpyStorage()
    desk, _ = make_desk(LADDER, storage=spy)
    for n in range(7):
        desk.intake(complaint(n))
    report = desk.tick(START + 100 * H, batch=3)
    assert report.cases == 7
    assert spy.claims == [(START + 100 * H, 3)] * 3  # 3 + 3 + 1: a short batch ends it
    assert report.breaches == 14  # first_response and resolution of each case


def test_catch_up_fires_everything_once_in_time_order() -> None:
    desk, _ = make_desk(LADDER)
    case = desk.intake(complaint())
    report = desk.tick(START + 72 * H)  # three days of downtime
    events = fired(desk, case.id)
    due = [parse_instant(at, "at") for _, at in events]
    assert due == sorted(due)
    assert [kind for kind, _ in events] == [
        "sla_warning",  # first_response 50% at 5h
        "escalated",  # lead at 8h
        "sla_breached",  # first_response at 10h
        "sla_warning",  # resolution 50% at 20h
        "escalated",  # manager at 20h (200%)
        "sla_breached",  # resolution at 40h
    ]
    assert (report.warnings, report.breaches, report.escalations) == (2, 2, 2)
    case = desk.get(case.id)
    assert case.owner == "wang.fang"
    assert case.priority == "urgent"
    assert "escalated" in case.tags
    assert case.escalation_level == 2
    kinds = [e.kind for e in desk.history(case.id)]
    assert "notification_requested" in kinds
    assert "approval_requested" in kinds


def test_second_tick_at_the_same_instant_fires_nothing() -> None:
    desk, _ = make_desk(LADDER)
    case = desk.intake(complaint())
    first = desk.tick(START + 9 * H)
    before = len(desk.history(case.id))
    second = desk.tick(START + 9 * H)
    assert first.events > 0
    assert (second.cases, second.events) == (0, 0)
    assert len(desk.history(case.id)) == before


def test_each_level_fires_once_across_many_ticks() -> None:
    desk, _ = make_desk(LADDER)
    case = desk.intake(complaint())
    for hour in range(60):
        desk.tick(START + hour * H)
    levels = [e.data["level"] for e in desk.history(case.id) if e.kind == "escalated"]
    assert levels == ["lead", "manager"]


def test_time_since_an_event_trigger() -> None:
    desk, clock = make_desk(LADDER)
    case = desk.intake(complaint())
    clock.advance(H)
    desk.respond(case.id, "收到", actor="li.na")
    assert desk.get(case.id).next_deadline == START + 6 * H  # stale: 5h after the response
    desk.tick(START + 6 * H)
    levels = [e.data["level"] for e in desk.history(case.id) if e.kind == "escalated"]
    assert levels == ["stale"]


def test_condition_trigger_fires_at_intake() -> None:
    desk, _ = make_desk(LADDER)
    data = complaint()
    data["customer"]["tier"] = "vip"
    case = desk.intake(data)
    assert case.clocks.escalation["fired"] == {"vip": START.isoformat()}
    assert case.escalation_level == 4


def test_tick_on_sqlite_is_idempotent_and_durable(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    desk, _ = make_desk(LADDER, storage=SQLiteStorage(url))
    ids = [desk.intake(complaint(n)).id for n in range(5)]
    assert desk.tick(START + 12 * H).breaches == 5
    assert desk.tick(START + 12 * H).events == 0
    desk.storage.close()
    reopened = SQLiteStorage(url)
    assert all(reopened.get(i).next_deadline == START + 20 * H for i in ids)
    reopened.close()


operations = st.lists(
    st.tuples(
        st.sampled_from(["respond", "update", "wait", "back", "resolve", "reopen", "tick"]),
        st.integers(min_value=0, max_value=30),
    ),
    max_size=14,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(operations)
def test_random_histories_fire_each_level_at_most_once(steps: list[tuple[str, int]]) -> None:
    desk, clock = make_desk(LADDER)
    case = desk.intake(complaint())
    for op, hours in steps:
        clock.advance(hours * H)
        status = desk.get(case.id).status.value
        acted = True
        if op == "respond":
            desk.respond(case.id, "r", actor="a")
        elif op == "update":
            desk.update(case.id, "u", actor="a")
        elif op == "wait" and status in ("acknowledged", "investigating"):
            desk.transition(case.id, "waiting_on_customer", actor="a")
        elif op == "back" and status == "waiting_on_customer":
            desk.transition(case.id, "investigating", actor="a")
        elif op == "resolve" and status not in ("received", "resolved", "closed"):
            desk.resolve(case.id, "done", actor="a")
        elif op == "reopen" and status == "resolved":
            desk.reopen(case.id, actor="a", reason="again")
        elif op == "tick":
            desk.tick()
        else:
            acted = False
        if acted:  # every change leaves nothing overdue behind
            current = desk.get(case.id)
            assert current.next_deadline is None or current.next_deadline > clock.now()
    desk.tick(clock.now() + 500 * H)
    levels = [e.data["level"] for e in desk.history(case.id) if e.kind == "escalated"]
    assert len(levels) == len(set(levels))
    breaches = [
        (e.data["metric"], e.data["clock"]["cycle"])
        for e in desk.history(case.id)
        if e.kind == "sla_breached"
    ]
    assert len(breaches) <= len(set(breaches)) + sum(
        1 for e in desk.history(case.id) if e.kind == "sla_restarted"
    )


@pytest.mark.parametrize("batch", [0, -1, True, 2.5])
def test_a_batch_of_no_cases_is_refused_rather_than_reporting_nothing_due(batch: object) -> None:
    desk, _ = make_desk(LADDER)
    desk.intake(complaint())
    with pytest.raises(InvalidInput) as refused:
        desk.tick(START + 100 * H, batch=batch)  # type: ignore[arg-type]
    assert refused.value.field == "batch"
    assert desk.tick(START + 100 * H).cases == 1  # nothing was claimed or lost
