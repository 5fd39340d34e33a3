"""A clock paused at the instant a warning or an escalation level falls due had reached it:
the level fires when it fell due, not when the wait ends. A level at ``elapsed: 1.0`` on a
clock paused at its deadline says the case is overdue, so like the breach it fires on the
first sweep after the deadline, while the case waits, stamped ``due_at`` the deadline."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from sla_helpers import OFFICE, START, complaint, make_desk

from complaintkit.desk import Desk

H = timedelta(hours=1)
US = timedelta(microseconds=1)


def _policy(resolution: object, fraction: float, warnings: list[float]) -> dict[str, Any]:
    return {
        "calendars": {"office": OFFICE},
        "sla": {
            "calendar": "office",
            "warnings": warnings,
            "targets": [{"first_response": "1h", "resolution": resolution}],
        },
        "escalation": {
            "ladders": [
                {
                    "name": "std",
                    "levels": [
                        {
                            "name": "late",
                            "trigger": {"sla": "resolution", "elapsed": fraction},
                            "actions": [{"add_tags": ["late"]}],
                        }
                    ],
                }
            ]
        },
    }


#: each target with its deadline counted by hand from Monday 2 March 09:00 in Shanghai
#: (office hours 09:00-12:00 and 13:30-18:00)
TARGETS = [
    ("10h", START + 10 * H),
    ({"within": "10 business hours"}, datetime.fromisoformat("2026-03-03T11:30:00+08:00")),
    (
        {"within": "1 business days", "ends": "close_of_business"},
        datetime.fromisoformat("2026-03-03T18:00:00+08:00"),
    ),
    (
        {"within": "1 business days", "ends": "end_of_day"},
        datetime.fromisoformat("2026-03-04T00:00:00+08:00"),
    ),
]


def _escalations(desk: Desk, case_id: str) -> list[tuple[datetime, datetime]]:
    """(noticed, fell due) of each escalation."""
    return [
        (e.at, datetime.fromisoformat(e.data["due_at"]))
        for e in desk.history(case_id)
        if e.kind == "escalated"
    ]


def _paused_at(desk: Desk, clock: Any, at: datetime) -> str:
    case_id = desk.intake(complaint()).id
    desk.respond(case_id, "已收到", actor="li.na")
    clock.set(at)
    desk.transition(case_id, "waiting_on_customer", actor="li.na")
    return case_id


@pytest.mark.parametrize(("resolution", "deadline"), TARGETS)
def test_an_overdue_level_fires_on_the_sweep_after_a_deadline_the_clock_paused_at(
    resolution: object, deadline: datetime
) -> None:
    desk, clock = make_desk(_policy(resolution, 1.0, []))
    case_id = _paused_at(desk, clock, deadline)
    assert _escalations(desk, case_id) == []  # at the deadline the case is not yet overdue
    assert desk.get(case_id).next_deadline == deadline + US
    clock.set(deadline + US)
    assert desk.tick().escalations == 1
    assert _escalations(desk, case_id) == [(deadline + US, deadline)]
    assert desk.get(case_id).escalation_level == 1
    clock.advance(30 * H)
    desk.transition(case_id, "investigating", actor="li.na")
    desk.tick()
    assert len(_escalations(desk, case_id)) == 1


@pytest.mark.parametrize(("resolution", "deadline"), TARGETS)
def test_a_change_after_the_deadline_fires_the_overdue_level_first(
    resolution: object, deadline: datetime
) -> None:
    desk, clock = make_desk(_policy(resolution, 1.0, []))
    case_id = _paused_at(desk, clock, deadline)
    clock.set(deadline + 30 * H)
    desk.transition(case_id, "investigating", actor="li.na")
    assert _escalations(desk, case_id) == [(deadline + 30 * H, deadline)]


def test_a_level_and_a_warning_at_the_pause_fire_at_it() -> None:
    desk, clock = make_desk(_policy("10h", 0.5, [0.5]))
    half = START + 5 * H
    case_id = _paused_at(desk, clock, half)
    assert _escalations(desk, case_id) == [(half, half)]
    warnings = [e.data["due_at"] for e in desk.history(case_id) if e.kind == "sla_warning"]
    assert warnings == [half.isoformat()]
    assert desk.get(case_id).next_deadline is None


def test_a_warning_an_end_rule_places_fires_at_a_pause_at_its_instant() -> None:
    """1日 from Monday 09:00 end at 24:00 on Tuesday: 39 hours, half of them by 04:30."""
    desk, clock = make_desk(_policy({"within": "1日", "ends": "end_of_day"}, 2.0, [0.5]))
    half = datetime.fromisoformat("2026-03-03T04:30:00+08:00")
    case_id = _paused_at(desk, clock, half)
    warnings = [e.data["due_at"] for e in desk.history(case_id) if e.kind == "sla_warning"]
    assert [datetime.fromisoformat(at) for at in warnings] == [half]


def test_a_level_past_the_deadline_waits_for_the_time_to_run_again() -> None:
    desk, clock = make_desk(_policy("10h", 1.5, []))
    deadline = START + 10 * H
    case_id = _paused_at(desk, clock, deadline)
    clock.advance(30 * H)
    desk.tick()
    assert _escalations(desk, case_id) == []
    desk.transition(case_id, "investigating", actor="li.na")
    due = clock.now() + 5 * H  # the half of the budget past the deadline runs again
    clock.set(due + US)
    desk.tick()
    assert _escalations(desk, case_id) == [(due + US, due)]


def test_a_zero_target_started_while_waiting_is_not_overdue_during_the_wait() -> None:
    policy = _policy("10h", 1.0, [])
    policy["escalation"]["ladders"][0]["levels"][0]["trigger"]["sla"] = "next_update"
    policy["sla"]["targets"] = [{"first_response": "1h", "next_update": "0h"}]
    desk, clock = make_desk(policy)
    case_id = desk.intake(complaint()).id
    desk.transition(case_id, "investigating", actor="li.na")
    desk.transition(case_id, "waiting_on_customer", actor="li.na")
    desk.respond(case_id, "请补充订单号", actor="li.na")
    clock.advance(5 * H)
    desk.tick()
    assert _escalations(desk, case_id) == []
