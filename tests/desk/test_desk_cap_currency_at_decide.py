"""A per-customer cap in yuan, with the customer given 100 USD of its kinds under a policy
in dollars: no rate says how much room the dollars leave.

Offering and accepting were refused, naming both; deciding was not. It counted only yuan,
so the proposal (and ``decide_compensation``, what the agent previews) said the customer
had used nothing and had the whole 500 CNY left, and the proposal was then refused at the
offer. Deciding now refuses as the refund held to what was paid does, naming both amounts.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import attrs
import pytest

import embedded_backends
from complaintkit.clock import ManualClock
from complaintkit.compensation.policy import CompensationPolicy, compile_section
from complaintkit.desk.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.model.money import Money
from complaintkit.policy.assessment import EmptyPolicy


def _section(currency: str) -> dict[str, Any]:
    def given(kind: str) -> dict[str, Any]:
        return {"kind": kind, "amount": {"percent": 100, "of": kind, "default": 0}}

    return {
        "currency": currency,
        "rules": [{"id": "r", "remedies": [given("voucher"), given("statutory_damages")]}],
        "caps": [{"limit": 500, "days": 90}] if currency == "CNY" else [],
    }


@attrs.frozen
class CompensatingPolicy(EmptyPolicy):
    compensation: CompensationPolicy | None = None


storage = embedded_backends.storage


def _desk(storage: Any, currency: str) -> Desk:
    policy = CompensatingPolicy(compensation=compile_section(_section(currency)))
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


def test_deciding_goodwill_under_a_yuan_cap_beside_dollars_is_refused_naming_both(
    storage: Any,
) -> None:
    _dollars_given(storage)
    yuan = _desk(storage, "CNY")
    case = yuan.intake(_complaint(2))
    facts = {"voucher": Money("400", "CNY")}
    with pytest.raises(InvalidInput) as previewed:
        yuan.decide_compensation(case.id, facts)
    assert "100.00 USD" in previewed.value.message
    assert "500.00 CNY" in previewed.value.message
    with pytest.raises(InvalidInput):
        yuan.propose_compensation(case.id, facts, actor="x")
    assert yuan.get(case.id).compensation == []
