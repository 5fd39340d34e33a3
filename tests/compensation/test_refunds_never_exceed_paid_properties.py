"""Refunds decided one after another on a case never pay back more than was paid, in the
currency's units, whatever earlier refunds hold (any number, finer than the currency, some
declined); a later decision is never negative and never more than its row gives."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
from compensation_helpers import NOW, make_case
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.compensation.policy import compile_section
from complaintkit.model.money import MINOR_UNITS

CURRENCIES = ("CNY", "JPY", "KWD")
amounts = st.decimals(min_value=0, max_value=10_000, places=4, allow_nan=False)


def _entry(n: int, amount: Decimal, currency: str, status: str) -> dict[str, Any]:
    refund = {"kind": "refund", "row": "r", "amount": {"amount": str(amount), "currency": currency}}
    return {
        "id": f"comp-{n}",
        "status": status,
        "offered_at": NOW.isoformat(),
        "decision": {"currency": currency, "remedies": [refund]},
    }


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    currency=st.sampled_from(CURRENCIES),
    paid=amounts,
    earlier=st.lists(
        st.tuples(amounts, st.sampled_from(["accepted", "offered", "declined"])), max_size=5
    ),
    percent=st.integers(1, 100),
)
def test_refunds_together_never_exceed_what_was_paid(
    currency: str, paid: Decimal, earlier: list[tuple[Decimal, str]], percent: int
) -> None:
    unit = Decimal(1).scaleb(-MINOR_UNITS[currency])
    paid = paid.quantize(unit)
    remedy = {"kind": "refund", "percent": percent}
    policy = compile_section({"currency": currency, "rules": [{"id": "r", "remedies": [remedy]}]})
    entries = [_entry(n, amount, currency, status) for n, (amount, status) in enumerate(earlier)]
    case = attrs.evolve(make_case(str(paid), currency), compensation=entries)
    total = policy.decide(case, now=NOW).total.amount
    before = sum((a for a, status in earlier if status != "declined"), Decimal(0))
    assert total >= 0
    assert total == total.quantize(unit)
    assert total <= (paid * percent / 100).quantize(unit, rounding="ROUND_HALF_UP")
    assert total == 0 or total + before <= paid
