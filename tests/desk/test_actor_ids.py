"""Who took a step is an id, as an owner is: one line of visible text with no blank at
either end. An actor written with a trailing blank or newline (``COMPLAINTKIT_ACTOR`` set
from a file), a control character or a direction override was stored as given, so the
history named a person who looks like another (``\\u202eanil`` reads ``lina``) or two
people where there is one; every step refuses such an actor naming ``actor``, storing
nothing, as assigning refuses such an owner."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)

STEPS: dict[str, Callable[[Desk, str, str], object]] = {
    "respond": lambda d, c, a: d.respond(c, "您好,我们马上核查", actor=a),
    "note": lambda d, c, a: d.note(c, "内部备注", actor=a),
    "assign": lambda d, c, a: d.assign(c, "qa.zhou", actor=a),
    "move": lambda d, c, a: d.transition(c, "investigating", actor=a, reason="核查"),
    "event": lambda d, c, a: d.record_event(c, "holding_reply", actor=a),
    "facts": lambda d, c, a: d.set_facts(c, {"fault": "merchant"}, actor=a),
}

NOT_IDS = {
    "blank after": "li.na ",
    "blank before": " li.na",
    "newline after": "li.na\n",
    "newline inside": "li.na\n2026-11-23 closed by wang",
    "escape": "\x1b[31mli.na",
    "override": "\u202eanil",
    "zero-width space": "li\u200bna",
}

IDS = [
    "李娜",
    "Li Na",
    "zhao.region",
    "customer.c-1",  # ``customer:c-1`` takes only a customer's own steps (test_customer_steps_only_their_own)
    "\u0633\u0627\u0631\u0627\u200c\u0631\u0636\u0627\u06cc\u06cc",
]  # Persian, with a ZWNJ


def _desk() -> tuple[Desk, ManualClock, str]:
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
    return desk, clock, case.id


@pytest.mark.parametrize("step", sorted(STEPS))
@pytest.mark.parametrize("actor", NOT_IDS.values(), ids=NOT_IDS.keys())
def test_a_step_by_an_actor_that_is_no_id_is_refused(step: str, actor: str) -> None:
    desk, _, case_id = _desk()
    before = desk.history(case_id)
    with pytest.raises(InvalidInput) as refused:
        STEPS[step](desk, case_id, actor)
    assert refused.value.field == "actor"
    assert desk.history(case_id) == before


@pytest.mark.parametrize("actor", IDS)
def test_every_step_by_an_id_is_stored_under_it(actor: str) -> None:
    desk, clock, case_id = _desk()
    for step in STEPS.values():
        clock.advance(timedelta(minutes=1))
        step(desk, case_id, actor)
    assert {e.actor for e in desk.history(case_id)[-len(STEPS) :]} == {actor}
