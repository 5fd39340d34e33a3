"""A case's history never runs backwards: a change whose clock time is earlier than the
case's last event is refused, saying why, and stores nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sla_helpers import START, complaint, make_desk

from complaintkit.errors import InvalidInput

H = timedelta(hours=1)
TWO_HOURS = {"sla": {"warnings": [], "targets": [{"first_response": "2h"}]}}


def test_a_change_stamped_before_a_sweep_into_the_future_is_refused() -> None:
    desk, clock = make_desk(TWO_HOURS)
    case = desk.intake(complaint())
    desk.tick(START + 3 * H)  # a sweep given an instant that had not come
    clock.set(START + H)
    stored = len(desk.history(case.id))
    with pytest.raises(InvalidInput, match="last changed"):
        desk.respond(case.id, "您好", actor="li.na")
    assert len(desk.history(case.id)) == stored
    clock.set(START + 3 * H)
    state = desk.respond(case.id, "您好", actor="li.na").clocks.metrics["first_response"]
    assert state.breached_at is not None
    assert state.met_at is not None
    assert state.breached_at <= state.met_at


def test_a_change_at_the_instant_of_the_last_event_is_taken() -> None:
    desk, _ = make_desk(TWO_HOURS)
    case = desk.intake(complaint())
    desk.note(case.id, "一", actor="li.na")
    assert desk.note(case.id, "二", actor="li.na").version > case.version
