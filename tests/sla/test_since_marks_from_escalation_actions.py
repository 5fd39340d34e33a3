"""A ``since`` trigger counts from the last occurrence of its signal, whoever caused it: a
level's ``reassign`` is an assignment and its firing an escalation. The marks were set only
by the events a change recorded, so ``{since: assigned, after: 4h}`` after a level handed
the case to a supervisor counted from the intake's assignment (firing at once, before the
supervisor had any time) and ``{since: escalated, …}`` never fired at all."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st
from sla_helpers import complaint, make_desk

SHANGHAI = ZoneInfo("Asia/Shanghai")
RECEIVED = datetime(2026, 3, 2, 9, tzinfo=SHANGHAI)  # Monday


def _document(second: dict[str, Any]) -> dict[str, Any]:
    return {
        "sla": {"warnings": [], "targets": [{"resolution": "100h"}]},
        "escalation": {
            "ladders": [
                {
                    "name": "standard",
                    "levels": [
                        {
                            "name": "supervisor",
                            "trigger": {"sla": "resolution", "elapsed": 0.1},
                            "actions": [{"reassign": {"owner": "wang.fang"}}],
                        },
                        {"name": "chase", "trigger": second, "actions": [{"add_tags": ["chase"]}]},
                    ],
                }
            ]
        },
    }


def _fired(second: dict[str, Any], sweeps: list[timedelta]) -> dict[str, Any]:
    desk, clock = make_desk(_document(second), start=RECEIVED)
    case_id = desk.intake(complaint(at=RECEIVED)).id
    for after in sweeps:
        clock.set(RECEIVED + after)
        desk.tick()
    return dict(desk.get(case_id).clocks.escalation.get("fired", {}))


def test_a_level_s_reassignment_starts_a_since_assigned_level() -> None:
    trigger = {"since": "assigned", "after": "12h"}  # from intake's assignment: at 12h
    fired = _fired(trigger, [timedelta(hours=10), timedelta(hours=21, minutes=59)])
    assert list(fired) == ["supervisor"]  # 10h: reassigned; 12h later it is not yet due
    fired = _fired(trigger, [timedelta(hours=10), timedelta(hours=22)])
    assert datetime.fromisoformat(fired["chase"]) == RECEIVED + timedelta(hours=22)


def test_a_late_sweep_counts_from_when_the_level_fell_due() -> None:
    trigger = {"since": "assigned", "after": "12h"}
    assert list(_fired(trigger, [timedelta(hours=20)])) == ["supervisor"]
    assert set(_fired(trigger, [timedelta(hours=30)])) == {"supervisor", "chase"}


def test_a_since_escalated_level_counts_from_the_level_before() -> None:
    trigger = {"since": "escalated", "after": "1h"}
    assert list(_fired(trigger, [timedelta(hours=10), timedelta(hours=10, minutes=59)])) == [
        "supervisor"
    ]
    fired = _fired(trigger, [timedelta(hours=10), timedelta(hours=11)])
    assert datetime.fromisoformat(fired["chase"]) == RECEIVED + timedelta(hours=11)


@settings(max_examples=25, deadline=None)
@given(
    st.integers(min_value=1, max_value=40),
    st.sampled_from(["assigned", "escalated"]),
    st.integers(min_value=1, max_value=12),
)
def test_one_late_sweep_fires_what_hourly_sweeps_fire(hours: int, signal: str, after: int) -> None:
    """Whenever the sweep comes, the levels fired by then, and when they fell due, are
    those of a sweep every hour (each firing recorded at its sweep: compared by name)."""
    trigger = {"since": signal, "after": f"{after}h"}
    hourly = _fired(trigger, [timedelta(hours=n) for n in range(1, hours + 1)])
    late = _fired(trigger, [timedelta(hours=hours)])
    assert set(late) == set(hourly)
