"""What is left to pay after earlier offers recorded finer than the currency is paid in
(50.005 CNY, as a history import may carry one) is paid in whole units: the refund left of
the price, and what a remedy decided again adds to the same kind already offered, were
decided as they came (49.995 CNY, 0.001 CNY, 66.667 CNY), amounts no one can pay and a
fraction of a unit more than was paid or owed once paid out rounded."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest
from compensation_helpers import NOW, make_case

from complaintkit.compensation.policy import compile_section
from complaintkit.model.money import MINOR_UNITS

FULL_REFUND = {"rules": [{"id": "r", "remedies": [{"kind": "refund", "full": True}]}]}


def _refund(n: int, amount: str, currency: str) -> dict[str, Any]:
    refund = {"kind": "refund", "row": "r", "amount": {"amount": amount, "currency": currency}}
    return {
        "id": f"comp-{n}",
        "status": "accepted",
        "offered_at": NOW.isoformat(),
        "decision": {"currency": currency, "remedies": [refund]},
    }


@pytest.mark.parametrize(
    ("currency", "paid", "earlier", "left"),
    [
        ("CNY", "100.00", ["50.005"], "49.99"),
        ("CNY", "100.00", ["33.333", "33.333", "33.333"], "0.00"),
        ("JPY", "1000", ["0.5", "0.5"], "999"),
        ("JPY", "1000", ["499.5"], "500"),
        ("KWD", "10.000", ["2.0005", "2.0005"], "5.999"),
    ],
)
def test_what_is_left_is_paid_back_in_the_currencys_units(
    currency: str, paid: str, earlier: list[str], left: str
) -> None:
    policy = compile_section({"currency": currency, **FULL_REFUND})
    entries = [_refund(n, amount, currency) for n, amount in enumerate(earlier)]
    case = attrs.evolve(make_case(paid, currency), compensation=entries)
    total = policy.decide(case, now=NOW).total
    assert str(total.amount) == left
    assert total.amount == total.amount.quantize(Decimal(1).scaleb(-MINOR_UNITS[currency]))
    assert total.amount + sum(Decimal(a) for a in earlier) <= Decimal(paid)


def _given(n: int, kind: str, amount: str, currency: str) -> dict[str, Any]:
    entry = _refund(n, amount, currency)
    entry["decision"]["remedies"][0]["kind"] = kind
    return entry


@pytest.mark.parametrize("kind", ["voucher", "cash", "statutory_damages"])
@pytest.mark.parametrize(
    ("currency", "row", "earlier", "left"),
    [
        ("CNY", "100", "33.333", "66.66"),
        ("JPY", "1000", "0.5", "999"),
        ("KWD", "10", "2.0005", "7.999"),
    ],
)
def test_a_remedy_decided_again_adds_what_is_left_in_the_currencys_units(
    kind: str, currency: str, row: str, earlier: str, left: str
) -> None:
    """A case decided again pays of a kind only what it adds to earlier offers; one
    recorded finer than the currency left 66.667 CNY, 999.5 JPY to pay."""
    remedy = {"kind": kind, "amount": row}
    policy = compile_section({"currency": currency, "rules": [{"id": "r", "remedies": [remedy]}]})
    entries = [_given(1, kind, earlier, currency)]
    case = attrs.evolve(make_case("1000", currency), compensation=entries)
    total = policy.decide(case, now=NOW).total
    assert str(total.amount) == left
    assert total.amount + Decimal(earlier) <= Decimal(row)
