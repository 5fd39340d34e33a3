"""A decision's JSON writes every amount as its remedies' amounts are written: in the
currency's minor units (``"200.00"`` CNY, ``"200"`` JPY, ``"200.000"`` KWD), however the
policy wrote it (``limit: 200``), so a reader comparing texts sees one form."""

from __future__ import annotations

from typing import Any

import pytest
from compensation_helpers import NOW, make_case

from complaintkit.compensation.policy import compile_section

PLACES = {"CNY": ".00", "JPY": "", "KWD": ".000"}


def _amounts(value: Any) -> list[dict[str, str]]:
    if isinstance(value, dict):
        if set(value) == {"amount", "currency"}:
            return [value]
        return [m for item in value.values() for m in _amounts(item)]
    if isinstance(value, list):
        return [m for item in value for m in _amounts(item)]
    return []


@pytest.mark.parametrize("currency", sorted(PLACES))
def test_every_amount_of_a_decision_is_written_in_minor_units(currency: str) -> None:
    policy = compile_section(
        {
            "currency": currency,
            "rules": [
                {
                    "id": "goodwill",
                    "remedies": [
                        {"kind": "voucher", "amount": {"fixed": 300, "floor": 10, "cap": 250}}
                    ],
                }
            ],
            "caps": [{"limit": 200, "days": 90, "kinds": ["voucher"]}],
            "approvals": [{"above": 150, "role": "supervisor"}],
        }
    )
    written = policy.decide(make_case("100", currency), None, now=NOW).to_json()
    assert written["caps"][0]["limit"] == {"amount": f"200{PLACES[currency]}", "currency": currency}
    assert written["approval_threshold"]["amount"] == f"150{PLACES[currency]}"
    amounts = _amounts(written)
    assert len(amounts) >= 8
    for money in amounts:
        places = money["amount"].partition(".")[2]
        assert len(places) == len(PLACES[currency].lstrip(".")), money
