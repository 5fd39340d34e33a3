"""A level whose condition a timed level's actions make hold, and a later timed level
guarded on what the condition level does.

Sweeps on time fire the first timed level, then the condition level at once (it fires "as
soon as the condition holds"), and at the later instant the guarded level, its guard
holding. One late sweep fired every timed level due first and the condition levels only
after them, so the guarded level was skipped for good where sweeps on time fire it
(docs/sla.md: a late sweep fires what sweeps every minute would have fired). Condition
levels are now judged after each timed level fires; any ladder of timed and condition
levels guarded on one another's tags fires alike after one late sweep and sweeps on time.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sla_helpers import START, complaint, make_desk

H = timedelta(hours=1)
US = timedelta(microseconds=1)

POLICY: dict[str, Any] = {
    "sla": {"warnings": [], "targets": [{"resolution": "20h"}]},
    "escalation": {
        "ladders": [
            {
                "name": "standard",
                "levels": [
                    {
                        "name": "quarter",
                        "trigger": {"sla": "resolution", "elapsed": 0.25},
                        "actions": [{"add_tags": ["late"]}],
                    },
                    {
                        "name": "flagged",
                        "trigger": {"condition": {"field": "case.tags", "contains": "late"}},
                        "actions": [{"add_tags": ["flagged"]}],
                    },
                    {
                        "name": "half",
                        "trigger": {"sla": "resolution", "elapsed": 0.5},
                        "when": {"field": "case.tags", "contains": "flagged"},
                        "actions": [{"add_tags": ["half"]}],
                    },
                ],
            }
        ]
    },
}


def _ladder(sweeps: list[timedelta]) -> tuple[list[tuple[str, str]], list[str]]:
    desk, clock = make_desk(POLICY)
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


@pytest.mark.parametrize("late", [10 * H, 10 * H + timedelta(minutes=1), 30 * H])
def test_one_late_sweep_fires_the_guarded_level_as_sweeps_on_time_do(late: timedelta) -> None:
    on_time = _ladder([5 * H, 10 * H, late])
    assert on_time == (
        [("escalated", "quarter"), ("escalated", "flagged"), ("escalated", "half")],
        ["flagged", "half", "late"],
    )
    assert _ladder([late]) == on_time


@st.composite
def _ladders(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[float]]:
    """Two to five levels: at fractions of the resolution clock, hours after opening, or a
    condition on a tag another level adds; guarded on such a tag or not; and the instants
    the timed ones fall due."""
    count = draw(st.integers(2, 5))
    levels: list[dict[str, Any]] = []
    instants: set[float] = set()
    for i in range(count):
        kind = draw(st.sampled_from(["sla", "since", "condition"]))
        tag = f"t{draw(st.integers(0, count - 1))}"
        if kind == "condition":
            trigger: dict[str, Any] = {"condition": {"field": "case.tags", "contains": tag}}
        elif kind == "sla":
            fraction = draw(st.sampled_from([0.25, 0.5, 1.0, 1.5]))
            trigger = {"sla": "resolution", "elapsed": fraction}
            instants.add(20 * fraction)
        else:
            hours = draw(st.sampled_from([5, 10, 15]))
            trigger = {"since": "opened", "after": f"{hours}h"}
            instants.add(hours)
        level: dict[str, Any] = {
            "name": f"l{i}",
            "trigger": trigger,
            "actions": [{"add_tags": [f"t{i}"]}],
        }
        if kind != "condition" and tag != f"t{i}" and draw(st.booleans()):
            level["when"] = {"field": "case.tags", "contains": tag}
        levels.append(level)
    return levels, sorted(instants)


def _fired(levels: list[dict[str, Any]], sweeps: list[timedelta]) -> list[tuple[str, str]]:
    desk, clock = make_desk(
        {
            "sla": {"warnings": [], "targets": [{"resolution": "20h"}]},
            "escalation": {"ladders": [{"name": "standard", "levels": levels}]},
        }
    )
    case_id = desk.intake(complaint()).id
    for at in sweeps:
        clock.set(START + at)
        desk.tick()
    return [
        (event.kind, event.data["level"])
        for event in desk.history(case_id)
        if event.kind in ("escalated", "escalation_skipped")
    ]


#: A timed level whose tag makes a condition level hold whose tag makes one *earlier* in
#: the ladder hold: one pass of the conditions after the timed level left the earlier one
#: to the next timed level, where sweeps on time fire it at once (found in the merged suite).
_CHAIN_BACKWARDS = [
    {
        "name": "l0",
        "trigger": {"condition": {"field": "case.tags", "contains": "t3"}},
        "actions": [{"add_tags": ["t0"]}],
    },
    {
        "name": "l1",
        "trigger": {"sla": "resolution", "elapsed": 0.25},
        "actions": [{"add_tags": ["t1"]}],
    },
    {
        "name": "l2",
        "trigger": {"condition": {"field": "case.tags", "contains": "t0"}},
        "actions": [{"add_tags": ["t2"]}],
    },
    {
        "name": "l3",
        "trigger": {"condition": {"field": "case.tags", "contains": "t1"}},
        "actions": [{"add_tags": ["t3"]}],
    },
    {
        "name": "l4",
        "trigger": {"sla": "resolution", "elapsed": 0.5},
        "actions": [{"add_tags": ["t4"]}],
    },
]


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(_ladders(), st.integers(0, 35))
@example((POLICY["escalation"]["ladders"][0]["levels"], [5.0, 10.0]), 11)
@example((_CHAIN_BACKWARDS, [5.0, 10.0]), 10)
def test_any_ladder_with_conditions_fires_alike_late_and_on_time(
    ladder: tuple[list[dict[str, Any]], list[float]], late: int
) -> None:
    levels, instants = ladder
    around = {hours * H + step for hours in instants for step in (-US, timedelta(0), US)}
    on_time = [*sorted(at for at in around if at < late * H), late * H]
    assert _fired(levels, [late * H]) == _fired(levels, on_time)
