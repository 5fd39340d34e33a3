"""A closed case is reopened only with a reason, whichever way it is moved back."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import IllegalTransition, InvalidInput
from complaintkit.model.lifecycle import Status


def closed() -> tuple[Desk, str]:
    desk = Desk(clock=ManualClock(datetime(2026, 11, 23, 3, tzinfo=UTC)))
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "R-1",
            "received_at": "2026-11-23T09:30:00+08:00",
            "customer": {"id": "c1"},
            "text": "the refund never came",
        }
    )
    desk.transition(case.id, "investigating", actor="li")
    desk.resolve(case.id, "refunded", actor="li")
    desk.close(case.id, actor="li")
    return desk, case.id


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_move_back_to_reopened_without_a_reason_is_refused(reason: str) -> None:
    desk, case_id = closed()
    with pytest.raises(InvalidInput) as info:
        desk.transition(case_id, "reopened", actor="li", reason=reason)
    assert info.value.field == "reason"
    assert desk.get(case_id).status is Status.CLOSED


def test_a_move_back_with_a_reason_reopens_and_keeps_it() -> None:
    desk, case_id = closed()
    assert desk.transition(case_id, "reopened", actor="li", reason="no refund").is_open
    moves = [e for e in desk.history(case_id) if e.kind == "transitioned"]
    assert (moves[-1].data["to"], moves[-1].reason) == ("reopened", "no refund")


def test_a_case_that_cannot_be_reopened_says_so_before_asking_why() -> None:
    """The move itself is refused first: asked for a reason, the caller would give one and
    be refused again, for another cause."""
    desk = Desk(clock=ManualClock(datetime(2026, 11, 23, 3, tzinfo=UTC)))
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "R-2",
            "received_at": "2026-11-23T09:30:00+08:00",
            "customer": {"id": "c1"},
            "text": "late",
        }
    )
    with pytest.raises(IllegalTransition):
        desk.transition(case.id, "reopened", actor="li")
