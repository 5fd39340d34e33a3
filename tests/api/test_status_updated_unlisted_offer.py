"""The status page's ``updated_at`` is when the case last changed for the customer. An
offer whose every remedy is money cut to 0.00 is no offer to them (the page does not list
it), yet offering it, and staff answering it, moved ``updated_at``: the page said the case
had changed while showing nothing new."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import attrs

from complaintkit.api.status_view import customer_view
from complaintkit.clock import ManualClock
from complaintkit.compensation.policy import CompensationPolicy, compile_section
from complaintkit.desk.desk import Desk
from complaintkit.model.money import Money
from complaintkit.policy.assessment import EmptyPolicy
from complaintkit.storage.memory import MemoryStorage

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
SECTION = {
    "currency": "CNY",
    "rules": [
        {
            "id": "goodwill",
            "remedies": [{"kind": "voucher", "amount": {"percent": 100, "of": "voucher"}}],
        }
    ],
}


@attrs.frozen
class _Paying(EmptyPolicy):
    compensation: CompensationPolicy | None = None


def _updated_at(desk: Desk, case_id: str) -> datetime:
    case = desk.get(case_id)
    view = customer_view(case, desk.history(case_id), desk.clock.now())
    return datetime.fromisoformat(view["updated_at"])


def test_an_offer_the_page_does_not_list_does_not_move_updated_at() -> None:
    clock = ManualClock(T0)
    desk = Desk(
        _Paying(compensation=compile_section(SECTION)), storage=MemoryStorage(), clock=clock
    )
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "z-1",
            "received_at": T0.isoformat(),
            "customer": {"id": "c-1"},
            "text": "late again",
        }
    )
    seen = _updated_at(desk, case.id)
    clock.advance(timedelta(hours=1))
    desk.propose_compensation(case.id, {"voucher": Money("0", "CNY")}, actor="li.na")
    desk.offer_compensation(case.id, "comp-1", actor="li.na")
    clock.advance(timedelta(hours=1))
    desk.accept_compensation(case.id, "comp-1", actor="li.na")
    view = customer_view(desk.get(case.id), desk.history(case.id), clock.now())
    assert view["compensation"] == []
    assert _updated_at(desk, case.id) == seen
    clock.advance(timedelta(hours=1))  # a listed offer still moves it
    desk.propose_compensation(case.id, {"voucher": Money("20", "CNY")}, actor="li.na")
    desk.offer_compensation(case.id, "comp-2", actor="li.na")
    assert _updated_at(desk, case.id) == clock.now()
