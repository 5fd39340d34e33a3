"""A response at the deadline meets it, whether or not a sweep ran at that instant: a
breach is recorded only by a look strictly after the instant it falls due."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sla_helpers import START, complaint, make_desk

H = timedelta(hours=1)
TWO_HOURS = {"sla": {"warnings": [], "targets": [{"first_response": "2h", "resolution": "4h"}]}}


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(0, 120), max_size=4))
def test_a_response_at_the_deadline_meets_it_whatever_swept_before(sweeps: list[int]) -> None:
    desk, clock = make_desk(TWO_HOURS)
    case = desk.intake(complaint())
    for minutes in sorted(sweeps):
        clock.set(START + timedelta(minutes=minutes))
        desk.tick()
    clock.set(START + 2 * H)
    desk.respond(case.id, "您好", actor="li.na")
    state = desk.get(case.id).clocks.metrics["first_response"]
    assert state.outcome == "met"
    assert state.breached_at is None


@pytest.mark.parametrize("store", ["memory", "sqlite"])
def test_the_first_look_after_the_deadline_records_the_breach_at_the_deadline(
    store: str, tmp_path: Path
) -> None:
    url = "memory:" if store == "memory" else f"sqlite:///{tmp_path / 'cases.db'}"
    desk, clock = make_desk(TWO_HOURS, storage=url)
    case = desk.intake(complaint())
    clock.set(START + 2 * H)
    assert desk.tick().breaches == 0
    assert desk.tick().cases == 0  # nothing more is due at the same instant
    clock.set(START + 2 * H + timedelta(microseconds=1))
    assert desk.tick().breaches == 1
    desk.respond(case.id, "您好", actor="li.na")
    state = desk.get(case.id).clocks.metrics["first_response"]
    assert (state.outcome, state.breached_at) == ("breached", START + 2 * H)


def test_a_zero_target_is_not_breached_by_the_intake_that_starts_it() -> None:
    desk, _ = make_desk({"sla": {"warnings": [], "targets": [{"first_response": "0h"}]}})
    case = desk.intake(complaint())
    assert "sla_breached" not in [e.kind for e in desk.history(case.id)]
    desk.respond(case.id, "您好", actor="li.na")
    assert desk.get(case.id).clocks.metrics["first_response"].outcome == "met"
