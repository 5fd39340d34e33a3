"""A customer's actor (``customer:<id>``) takes only the steps a customer takes.

A customer acts on their own case in two ways: they answer an offer on their status page
and they reply to a letter. Reopening is the owner's decision, with a reason, once they
have read what the customer sent (docs/closing-the-loop.md): the status page has no way to
reopen, and ``--actor`` refuses ``customer:…``. From Python ``desk.reopen(case_id,
actor="customer:c-1", reason=...)`` was stored as the customer's own act, which the page
would never have let them do; the Desk now refuses it, and every other staff step taken
under a customer's name, naming ``actor`` and storing nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
CUSTOMER = "customer:c-1"

REOPENINGS: dict[str, Callable[[Desk, str, str], object]] = {
    "reopen": lambda d, c, a: d.reopen(c, actor=a, reason="客户要求重新处理"),
    "move to reopened": lambda d, c, a: d.transition(c, "reopened", actor=a, reason="再次投诉"),
}
STAFF_STEPS: dict[str, Callable[[Desk, str, str], object]] = {
    "respond": lambda d, c, a: d.respond(c, "您好", actor=a),
    "note": lambda d, c, a: d.note(c, "内部备注", actor=a),
    "event": lambda d, c, a: d.record_event(c, "holding_reply", actor=a),
}


def _closed_case() -> tuple[Desk, ManualClock, str]:
    clock = ManualClock(T0)
    desk = Desk(storage="memory:", clock=clock)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "w-1",
            "customer": {"id": "c-1"},
            "received_at": T0.isoformat(),
            "text": "店员态度差",
        }
    )
    clock.advance(timedelta(minutes=5))
    desk.respond(case.id, "非常抱歉", actor="li.na")
    clock.advance(timedelta(minutes=5))
    desk.resolve(case.id, "已道歉", actor="li.na")
    clock.advance(timedelta(minutes=5))
    desk.close(case.id, actor="li.na")
    clock.advance(timedelta(days=1))
    return desk, clock, case.id


@pytest.mark.parametrize("reopening", sorted(REOPENINGS))
def test_a_customer_does_not_reopen_their_case_from_python(reopening: str) -> None:
    desk, _, case_id = _closed_case()
    before = desk.history(case_id)
    with pytest.raises(InvalidInput) as refused:
        REOPENINGS[reopening](desk, case_id, CUSTOMER)
    assert refused.value.field == "actor"
    assert desk.history(case_id) == before
    assert desk.get(case_id).status.value == "closed"


@pytest.mark.parametrize("step", sorted(STAFF_STEPS))
def test_a_staff_step_under_a_customers_name_is_refused(step: str) -> None:
    desk, _, case_id = _closed_case()
    desk.reopen(case_id, actor="li.na", reason="客户来电要求重新处理")
    before = desk.history(case_id)
    with pytest.raises(InvalidInput) as refused:
        STAFF_STEPS[step](desk, case_id, CUSTOMER)
    assert refused.value.field == "actor"
    assert desk.history(case_id) == before


def test_the_owner_reopens_what_the_customer_asked_for_under_their_own_name() -> None:
    desk, _, case_id = _closed_case()
    desk.reopen(case_id, actor="li.na", reason="客户来电要求重新处理")
    last = desk.history(case_id)[-1]
    assert (last.actor, desk.get(case_id).status.value) == ("li.na", "reopened")
