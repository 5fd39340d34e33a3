"""Money offered in steps adds up to the money decided at once: a row decided again as its
input grows (a loss found larger, a price corrected) pays only what it adds, each step
rounded by the section's rule, so the offers accepted on a case sum exactly to what one
decision on the last input pays — in currencies of 0, 2 and 3 minor digits, either
rounding, never a minor unit more or less."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.money import ROUNDING_MODES, Money
from complaintkit.policy.compiled import load_policy


def _policy(currency: str, percent: Decimal, rounding: str) -> dict[str, Any]:
    voucher = {"kind": "voucher", "amount": {"percent": str(percent), "of": "loss"}}
    return {
        "complaintkit": 1,
        "name": "steps",
        "version": "1",
        "categories": {"goods": {"label": "Goods"}},
        "severities": {"normal": {"label": "Normal"}},
        "priorities": {"normal": {"label": "Normal"}},
        "teams": {"desk": {"label": "Desk", "default_owner": "li.na"}},
        "classification": {
            "rules": [],
            "default": {"category": "goods", "severity": "normal", "priority": "normal"},
        },
        "routing": {"rules": [], "default": {"team": "desk"}},
        "compensation": {
            "currency": currency,
            "rounding": rounding,
            "rules": [{"id": "goodwill", "remedies": [voucher]}],
        },
    }


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["JPY", "CNY", "KWD"]),
    st.decimals(0, 150, places=3),
    st.sampled_from(sorted(ROUNDING_MODES)),
    st.lists(st.decimals(0, 10_000, places=4), min_size=1, max_size=4),
)
def test_offers_accepted_in_steps_sum_to_one_decision_on_the_last_input(
    currency: str, percent: Decimal, rounding: str, losses: list[Decimal]
) -> None:
    clock = ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "policy.json"
        path.write_text(json.dumps(_policy(currency, percent, rounding)), encoding="utf-8")
        policy = load_policy(path)
    desk = Desk(policy, storage="memory:", clock=clock)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "E-1",
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": {"id": "c-1", "contact": "c1@example.com"},
            "text": "the kettle leaks",
        }
    )
    losses.sort()
    for step, loss in enumerate(losses, 1):
        desk.propose_compensation(case.id, {"loss": Money(loss, currency)}, actor="li.na")
        desk.offer_compensation(case.id, f"comp-{step}", actor="li.na")
        case = desk.accept_compensation(case.id, f"comp-{step}", actor="customer")
    paid = [
        Money.from_json(remedy["amount"])
        for entry in case.compensation
        for remedy in entry["decision"]["remedies"]
        if remedy.get("amount")
    ]
    # a loss is read as paid, in the currency's units by the section's rounding
    loss_paid = Money(losses[-1], currency).rounded(rounding)
    at_once = loss_paid.percent(percent).rounded(rounding)
    assert sum(paid, Money.zero(currency)) == at_once
