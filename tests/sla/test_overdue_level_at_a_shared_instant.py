"""A level at ``elapsed: 1.0`` ("overdue") and a level at a smaller fraction of another
clock falling due at the same instant.

The overdue level falls due only after its instant (a response at the deadline meets it),
so sweeps on time fire the other level at the instant, judging its guard on the case as it
was then, and the overdue level a moment later. One late sweep fired them in ladder order,
the overdue one first: the other level's guard then read what the overdue one had done,
and it fired where sweeps on time had skipped it (docs/sla.md: a late sweep fires what
sweeps every minute would have fired). It now fires them in the order they fall due; any ladder of levels at shared instants,
guarded on one another's tags, fires alike after one late sweep and after sweeps on time.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sla_helpers import START, complaint, make_desk

H = timedelta(hours=1)
US = timedelta(microseconds=1)


def _policy(listed_first: str) -> dict[str, Any]:
    overdue = {
        "name": "overdue",
        "trigger": {"sla": "first_response", "elapsed": 1.0},
        "actions": [{"add_tags": ["overdue"]}],
    }
    half = {
        "name": "half",
        "trigger": {"sla": "resolution", "elapsed": 0.5},
        "when": {"field": "case.tags", "contains": "overdue"},
        "actions": [{"add_tags": ["half"]}],
    }
    levels = [overdue, half] if listed_first == "overdue" else [half, overdue]
    return {
        "sla": {"warnings": [], "targets": [{"first_response": "10h", "resolution": "20h"}]},
        "escalation": {"ladders": [{"name": "standard", "levels": levels}]},
    }


def _levels(listed_first: str, sweeps: list[timedelta]) -> list[tuple[str, str]]:
    desk, clock = make_desk(_policy(listed_first))
    case_id = desk.intake(complaint()).id
    for at in sweeps:
        clock.set(START + at)
        desk.tick()
    return [
        (event.kind, event.data["level"])
        for event in desk.history(case_id)
        if event.kind in ("escalated", "escalation_skipped")
    ]


@pytest.mark.parametrize("listed_first", ["overdue", "half"])
@pytest.mark.parametrize("late", [US, timedelta(minutes=1), 5 * H])
def test_one_late_sweep_fires_what_sweeps_on_time_fire(listed_first: str, late: timedelta) -> None:
    on_time = _levels(listed_first, [10 * H - US, 10 * H, 10 * H + US, 10 * H + late])
    assert on_time == [("escalation_skipped", "half"), ("escalated", "overdue")]
    assert _levels(listed_first, [10 * H + late]) == on_time


_BUDGETS = {"first_response": 10, "resolution": 20}  # hours


@st.composite
def _ladders(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[float]]:
    """Two to five levels at fractions of either clock or hours after opening, many of them
    at shared instants, some guarded on a tag another level adds; and their instants."""
    count = draw(st.integers(2, 5))
    levels: list[dict[str, Any]] = []
    instants: set[float] = set()
    for i in range(count):
        if draw(st.booleans()):
            metric = draw(st.sampled_from(sorted(_BUDGETS)))
            fraction = draw(st.sampled_from([0.25, 0.5, 1.0, 1.5, 2.0]))
            trigger: dict[str, Any] = {"sla": metric, "elapsed": fraction}
            instants.add(_BUDGETS[metric] * fraction)
        else:
            hours = draw(st.sampled_from([5, 10, 15, 20]))
            trigger = {"since": "opened", "after": f"{hours}h"}
            instants.add(hours)
        level: dict[str, Any] = {
            "name": f"l{i}",
            "trigger": trigger,
            "actions": [{"add_tags": [f"t{i}"]}],
        }
        other = draw(st.integers(0, count - 1))
        if other != i and draw(st.booleans()):
            level["when"] = {"field": "case.tags", "contains": f"t{other}"}
        levels.append(level)
    return levels, sorted(instants)


def _ladder_events(
    levels: list[dict[str, Any]], sweeps: list[timedelta]
) -> tuple[list[tuple[str, str]], list[str]]:
    desk, clock = make_desk(
        {
            "sla": {"warnings": [], "targets": [{"first_response": "10h", "resolution": "20h"}]},
            "escalation": {"ladders": [{"name": "standard", "levels": levels}]},
        }
    )
    case_id = desk.intake(complaint()).id
    for at in sweeps:
        clock.set(START + at)
        desk.tick()
    fired = [
        (event.kind, event.data["level"])
        for event in desk.history(case_id)
        if event.kind in ("escalated", "escalation_skipped")
    ]
    return fired, sorted(desk.get(case_id).tags)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(_ladders(), st.integers(0, 45))
def test_any_ladder_fires_alike_after_one_late_sweep_and_sweeps_on_time(
    ladder: tuple[list[dict[str, Any]], list[float]], late: int
) -> None:
    levels, instants = ladder
    around = {hours * H + step for hours in instants for step in (-US, timedelta(0), US)}
    on_time = [*sorted(at for at in around if at < late * H), late * H]
    assert _ladder_events(levels, [late * H]) == _ladder_events(levels, on_time)
