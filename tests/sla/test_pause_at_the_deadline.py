"""A clock paused at the very instant its deadline falls had used up all its time: asking
the customer for information then cannot save it. The breach falls due at the deadline,
as it would have without the pause, and a sweep while the case waits records it; only a
stop at that same instant (a response there meets the deadline) comes first."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from sla_helpers import OFFICE, START, complaint, make_desk

from complaintkit.desk import Desk

H = timedelta(hours=1)
US = timedelta(microseconds=1)


def _policy(resolution: object) -> dict[str, Any]:
    return {
        "calendars": {"office": OFFICE},
        "sla": {
            "calendar": "office",
            "warnings": [],
            "targets": [{"first_response": "1h", "resolution": resolution}],
        },
    }


#: each target with the instant its deadline falls, counted by hand from Monday 2 March
#: 09:00 in Shanghai (01:00 UTC; office hours 09:00-12:00 and 13:30-18:00)
TARGETS = [
    ("10h", START + 10 * H),  # 11:00 UTC
    ({"within": "10 business hours"}, datetime.fromisoformat("2026-03-03T11:30:00+08:00")),
    (
        {"within": "1 business days", "ends": "close_of_business"},
        datetime.fromisoformat("2026-03-03T18:00:00+08:00"),
    ),
    (
        {"within": "1 business days", "ends": "end_of_day"},
        datetime.fromisoformat("2026-03-04T00:00:00+08:00"),
    ),
    ({"within": "1日", "ends": "end_of_day"}, datetime.fromisoformat("2026-03-04T00:00:00+08:00")),
]


def _paused_at_the_deadline(resolution: object, deadline: datetime) -> tuple[Desk, Any, str]:
    desk, clock = make_desk(_policy(resolution))
    case_id = desk.intake(complaint()).id
    assert desk.get(case_id).clocks.metrics["resolution"].due_at == deadline
    desk.respond(case_id, "已收到", actor="li.na")
    clock.set(deadline)
    desk.transition(case_id, "waiting_on_customer", actor="li.na")
    return desk, clock, case_id


def _breaches(desk: Desk, case_id: str) -> list[str]:
    return [e.data["due_at"] for e in desk.history(case_id) if e.kind == "sla_breached"]


@pytest.mark.parametrize(("resolution", "deadline"), TARGETS)
def test_a_sweep_while_waiting_records_the_breach_at_the_deadline(
    resolution: object, deadline: datetime
) -> None:
    desk, clock, case_id = _paused_at_the_deadline(resolution, deadline)
    assert desk.get(case_id).next_deadline is not None
    clock.set(deadline + US)
    assert desk.tick().breaches == 1
    state = desk.get(case_id).clocks.metrics["resolution"]
    assert (state.state, state.breached_at) == ("paused", deadline)


@pytest.mark.parametrize(("resolution", "deadline"), TARGETS)
def test_the_answer_after_the_wait_does_not_move_the_deadline(
    resolution: object, deadline: datetime
) -> None:
    desk, clock, case_id = _paused_at_the_deadline(resolution, deadline)
    clock.set(deadline + 30 * H)
    desk.transition(case_id, "investigating", actor="li.na")
    state = desk.get(case_id).clocks.metrics["resolution"]
    assert (state.breached_at, state.due_at) == (deadline, deadline)
    assert len(_breaches(desk, case_id)) == 1


@pytest.mark.parametrize(("resolution", "deadline"), TARGETS)
def test_a_resolution_at_the_same_instant_still_meets_it(
    resolution: object, deadline: datetime
) -> None:
    desk, _, case_id = _paused_at_the_deadline(resolution, deadline)
    desk.resolve(case_id, "已退款", actor="li.na")
    state = desk.get(case_id).clocks.metrics["resolution"]
    assert (state.outcome, state.breached_at) == ("met", None)


def test_an_extension_asked_for_during_the_wait_comes_too_late() -> None:
    policy = _policy({"within": "10h", "extend": [{"upon": "holding_reply", "by": "10h"}]})
    desk, clock = make_desk(policy)
    case_id = desk.intake(complaint()).id
    desk.respond(case_id, "已收到", actor="li.na")
    clock.set(START + 10 * H)
    desk.transition(case_id, "waiting_on_customer", actor="li.na")
    clock.advance(H)
    desk.record_event(case_id, "holding_reply", actor="li.na")
    kinds = [e.kind for e in desk.history(case_id)]
    assert "sla_extension_late" in kinds
    assert "sla_extended" not in kinds


def test_a_pause_a_moment_before_the_deadline_keeps_the_moment() -> None:
    desk, clock = make_desk(_policy("10h"))
    case_id = desk.intake(complaint()).id
    desk.respond(case_id, "已收到", actor="li.na")
    clock.set(START + 10 * H - US)
    desk.transition(case_id, "waiting_on_customer", actor="li.na")
    clock.advance(30 * H)
    assert desk.tick().breaches == 0
    desk.transition(case_id, "investigating", actor="li.na")
    state = desk.get(case_id).clocks.metrics["resolution"]
    assert (state.breached_at, state.due_at) == (None, clock.now() + US)


def test_a_zero_target_started_while_waiting_counts_from_the_end_of_the_wait() -> None:
    desk, clock = make_desk(
        {"sla": {"warnings": [], "targets": [{"first_response": "1h", "next_update": "0h"}]}}
    )
    case_id = desk.intake(complaint()).id
    desk.transition(case_id, "investigating", actor="li.na")
    desk.transition(case_id, "waiting_on_customer", actor="li.na")
    desk.respond(case_id, "请补充订单号", actor="li.na")
    clock.advance(5 * H)
    assert desk.tick().breaches == 0
    desk.transition(case_id, "investigating", actor="li.na")
    state = desk.get(case_id).clocks.metrics["next_update"]
    assert (state.breached_at, state.due_at) == (None, clock.now())


@pytest.mark.parametrize(
    ("ends", "before", "after"),
    [
        # Mon 2 Mar 10:00 London: Tue, Wed, Thu; the five minutes left at 16:55 run on
        # Friday from 09:00, and the period ends with Friday's business (or at its 24:00)
        ("close_of_business", "2026-03-05T17:00:00+00:00", "2026-03-06T17:00:00+00:00"),
        ("end_of_day", "2026-03-06T00:00:00+00:00", "2026-03-07T00:00:00+00:00"),
    ],
)
def test_a_short_pause_at_the_end_of_the_last_day(ends: str, before: str, after: str) -> None:
    london = {"timezone": "Europe/London", "hours": {"mon-fri": ["09:00-17:00"]}}
    received = datetime.fromisoformat("2026-03-02T10:00:00+00:00")
    policy = {
        "calendars": {"london": london},
        "sla": {
            "calendar": "london",
            "warnings": [],
            "targets": [
                {"first_response": "1h", "resolution": {"within": "3 business days", "ends": ends}}
            ],
        },
    }
    desk, clock = make_desk(policy, start=received)
    case_id = desk.intake(complaint(at=received)).id
    assert desk.get(case_id).clocks.metrics["resolution"].due_at == datetime.fromisoformat(before)
    desk.respond(case_id, "received", actor="li.na")
    clock.set(datetime.fromisoformat("2026-03-05T16:55:00+00:00"))
    desk.transition(case_id, "waiting_on_customer", actor="li.na")
    clock.set(datetime.fromisoformat("2026-03-05T17:05:00+00:00"))
    case = desk.transition(case_id, "investigating", actor="li.na")
    assert case.clocks.metrics["resolution"].due_at == datetime.fromisoformat(after)


@pytest.mark.parametrize(("resolution", "deadline"), TARGETS)
def test_an_extension_at_the_deadline_during_the_wait_saves_it(
    resolution: object, deadline: datetime
) -> None:
    """Paused at the deadline, and the holding reply recorded at that same instant, which
    is in time (docs/sla.md): the longer period has not run out, so a sweep during the wait
    records no breach, and the clock counts on from the end of the wait."""
    within = resolution if isinstance(resolution, dict) else {"within": resolution}
    by = {"10h": "10h", "1日": "1日"}.get(str(within["within"]), "10 business hours")
    extended = {**within, "extend": [{"upon": "holding_reply", "by": by}]}
    desk, clock, case_id = _paused_at_the_deadline(extended, deadline)
    desk.record_event(case_id, "holding_reply", actor="li.na")
    kinds = [e.kind for e in desk.history(case_id)]
    assert "sla_extended" in kinds
    assert "sla_extension_late" not in kinds
    assert desk.get(case_id).clocks.metrics["resolution"].due_at is None  # when it resumes
    clock.set(deadline + 30 * H)
    assert desk.tick().breaches == 0
    case = desk.transition(case_id, "investigating", actor="li.na")
    state = case.clocks.metrics["resolution"]
    assert state.breached_at is None
    assert state.due_at is not None
    assert state.due_at > clock.now()
