"""Escalation levels of a paused and resumed clock against a reference model, with pauses
and resumptions that land exactly on the instants levels fall due.

The model, from docs/sla.md: a ``10h`` clock counts real time only while the case is not
waiting on the customer; a level at ``elapsed: f`` falls due at the first instant the
clock has run ``f`` of its budget, whether the clock runs on or is paused at that very
instant; a level at ``1.0`` or more fires only after that instant, the others at it. A
warning at 0.3 falls due as a level at 0.3 would.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sla_helpers import START, complaint, make_desk

H = timedelta(hours=1)
US = timedelta(microseconds=1)
BUDGET = 10 * H
FRACTIONS = (0.25, 0.5, 1.0, 1.5)
WARNING = 0.3


def _policy() -> dict[str, Any]:
    levels = [
        {
            "name": f"at_{fraction}",
            "trigger": {"sla": "resolution", "elapsed": fraction},
            "actions": [{"add_tags": [f"at_{fraction}"]}],
        }
        for fraction in FRACTIONS
    ]
    return {
        "sla": {"warnings": [0.3], "targets": [{"first_response": "1h", "resolution": "10h"}]},
        "escalation": {"ladders": [{"name": "std", "levels": levels}]},
    }


def _model(toggles: list[datetime]) -> dict[str, datetime]:
    """When each level falls due: ``toggles`` alternately pause and resume the clock."""
    due: dict[str, datetime] = {}
    ran, since, running = timedelta(0), START, True
    edges = [*toggles, START + 100 * BUDGET]
    for index, edge in enumerate(edges):
        if running:
            for fraction in (*FRACTIONS, WARNING):
                offset = BUDGET * fraction
                name = f"at_{fraction}"
                if name not in due and ran <= offset <= ran + (edge - since):
                    due[name] = since + (offset - ran)
            ran += edge - since
        since, running = edge, index % 2 == 1
    return due


#: a step's gap: whole hours and halves (to land on the levels' instants), or odd spans
_GAPS = st.one_of(
    st.integers(min_value=0, max_value=12).map(lambda n: n * H / 2),
    st.integers(min_value=1, max_value=10 * 3600 * 10**6).map(lambda n: n * US),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_GAPS, min_size=1, max_size=6))
@example([2.5 * H])  # paused at the level at 0.25
@example([3 * H])  # paused at the warning
@example([10 * H, 5 * H])  # paused at the deadline
@example([10 * H, 0 * H, 0 * H, 5 * H])  # paused, resumed and paused again at the deadline
@example([15 * H])  # paused exactly when the level at 1.5 falls due
def test_levels_fall_due_when_the_clock_reaches_them(gaps: list[timedelta]) -> None:
    desk, clock = make_desk(_policy())
    case_id = desk.intake(complaint()).id
    desk.respond(case_id, "已收到", actor="li.na")
    toggles, at = [], START
    for number, gap in enumerate(gaps):
        at += gap
        clock.set(at)
        status = "waiting_on_customer" if number % 2 == 0 else "investigating"
        desk.transition(case_id, status, actor="li.na")
        toggles.append(at)
    if len(gaps) % 2:
        clock.advance(H)
        desk.transition(case_id, "investigating", actor="li.na")
        toggles.append(clock.now())
    clock.advance(20 * BUDGET)
    desk.tick()
    fired = {
        e.data["level"]: (e.at, datetime.fromisoformat(e.data["due_at"]))
        for e in desk.history(case_id)
        if e.kind == "escalated"
    }
    warned = [
        datetime.fromisoformat(e.data["due_at"])
        for e in desk.history(case_id)
        if e.kind == "sla_warning" and e.data["metric"] == "resolution"
    ]
    expected = _model(toggles)
    assert warned == [expected.pop(f"at_{WARNING}")]
    assert {name: due for name, (_, due) in fired.items()} == expected
    for name, (noticed, due) in fired.items():
        overdue = float(name.removeprefix("at_")) >= 1
        assert noticed > due if overdue else noticed >= due
