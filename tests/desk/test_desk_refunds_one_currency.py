"""Offering a refund re-checks what the case's offers pay back of the price, in the price's
currency only: a refund of 100 USD offered under a policy in dollars, the policy since
changed to yuan and the whole 700 CNY paid refunded too, both stood on offer. No rate says
what the dollars paid back, so the second offer is refused, naming both currencies."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import attrs
import pytest

from complaintkit.clock import ManualClock
from complaintkit.compensation.policy import CompensationPolicy, compile_section
from complaintkit.desk.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.model.money import Money
from complaintkit.policy.assessment import EmptyPolicy
from complaintkit.storage.sqlite import SQLiteStorage

COMPLAINT = {
    "channel": "web",
    "external_id": "x-1",
    "received_at": "2026-11-23T09:00:00+00:00",
    "customer": {"id": "c-1"},
    "text": "broken on arrival",
}


@attrs.frozen
class CompensatingPolicy(EmptyPolicy):
    compensation: CompensationPolicy | None = None


def _desk(url: str, currency: str) -> Desk:
    rows = [{"id": "back", "remedies": [{"kind": "refund", "full": True}]}]
    compiled = compile_section({"currency": currency, "rules": rows})
    clock = ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    return Desk(CompensatingPolicy(compensation=compiled), storage=SQLiteStorage(url), clock=clock)


def test_a_refund_is_not_offered_beside_one_in_another_currency(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/c.db"
    dollars = _desk(url, "USD")
    case = dollars.intake(COMPLAINT)
    dollars.propose_compensation(case.id, {"paid": Money("100", "USD")}, actor="li.na")
    yuan = _desk(url, "CNY")
    yuan.propose_compensation(case.id, {"paid": Money("700", "CNY")}, actor="li.na")
    yuan.offer_compensation(case.id, "comp-1", actor="li.na")
    with pytest.raises(InvalidInput) as refused:
        yuan.offer_compensation(case.id, "comp-2", actor="li.na")
    assert "100.00 USD" in refused.value.message
    assert "700.00 CNY" in refused.value.message
    yuan.decline_compensation(case.id, "comp-1", actor="customer")
    offered = yuan.offer_compensation(case.id, "comp-2", actor="li.na")
    assert [e["status"] for e in offered.compensation] == ["declined", "offered"]
