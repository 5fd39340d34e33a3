"""A per-customer cap weighs the money of its kinds only: an offer of money it does not
count (statutory damages under a goodwill cap) adds nothing to it, so it is never refused by
it. Offering or accepting such an offer was refused when the customer had goodwill in another
currency (the cap "cannot be checked"), and when they were already over a cap since lowered
("would give customer 400.00 CNY, over the cap"), blocking money the law owes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import attrs

import embedded_backends
from complaintkit.clock import ManualClock
from complaintkit.compensation.policy import CompensationPolicy, compile_section
from complaintkit.desk.desk import Desk
from complaintkit.model.money import Money
from complaintkit.policy.assessment import EmptyPolicy


def _section(currency: str, limit: int = 500) -> dict[str, Any]:
    def given(kind: str) -> dict[str, Any]:
        return {"kind": kind, "amount": {"percent": 100, "of": kind, "default": 0}}

    return {
        "currency": currency,
        "rules": [{"id": "r", "remedies": [given("voucher"), given("statutory_damages")]}],
        "caps": [{"limit": limit, "days": 90}] if currency == "CNY" else [],
    }


@attrs.frozen
class CompensatingPolicy(EmptyPolicy):
    compensation: CompensationPolicy | None = None


storage = embedded_backends.storage


def _desk(storage: Any, currency: str, limit: int = 500) -> Desk:
    policy = CompensatingPolicy(compensation=compile_section(_section(currency, limit)))
    clock = ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    return Desk(policy, storage=storage, clock=clock)


def _complaint(n: int) -> dict[str, Any]:
    return {
        "channel": "web",
        "external_id": f"x-{n}",
        "received_at": "2026-11-23T09:00:00+00:00",
        "customer": {"id": "c-1"},
        "text": "broken on arrival",
    }


def _dollars_given(storage: Any) -> None:
    dollars = _desk(storage, "USD")
    case = dollars.intake(_complaint(1))
    dollars.propose_compensation(case.id, {"voucher": Money("100", "USD")}, actor="x")
    dollars.offer_compensation(case.id, "comp-1", actor="x")
    dollars.accept_compensation(case.id, "comp-1", actor="customer")


def test_money_the_cap_does_not_count_is_decided_offered_and_accepted_beside_dollars(
    storage: Any,
) -> None:
    _dollars_given(storage)
    yuan = _desk(storage, "CNY")
    case = yuan.intake(_complaint(2))
    owed = {"statutory_damages": Money("600", "CNY")}
    decision = yuan.decide_compensation(case.id, owed)
    assert str(decision.total) == "600.00 CNY"
    yuan.propose_compensation(case.id, owed, actor="x")
    yuan.offer_compensation(case.id, "comp-1", actor="x")
    accepted = yuan.accept_compensation(case.id, "comp-1", actor="customer")
    assert accepted.compensation[0]["status"] == "accepted"


def test_money_the_cap_does_not_count_is_offered_to_a_customer_over_a_cap_since_lowered(
    storage: Any,
) -> None:
    before = _desk(storage, "CNY", limit=500)
    first = before.intake(_complaint(1))
    before.propose_compensation(first.id, {"voucher": Money("400", "CNY")}, actor="x")
    before.offer_compensation(first.id, "comp-1", actor="x")
    before.accept_compensation(first.id, "comp-1", actor="customer")
    lowered = _desk(storage, "CNY", limit=300)
    case = lowered.intake(_complaint(2))
    owed = {"statutory_damages": Money("600", "CNY"), "voucher": Money("50", "CNY")}
    decision = lowered.decide_compensation(case.id, owed)
    assert str(decision.total) == "600.00 CNY"  # the voucher cut to the 0 left
    lowered.propose_compensation(case.id, owed, actor="x")
    lowered.offer_compensation(case.id, "comp-1", actor="x")
    accepted = lowered.accept_compensation(case.id, "comp-1", actor="customer")
    assert accepted.compensation[0]["status"] == "accepted"
