"""Invariants of amounts, checked with hypothesis over generated policies and inputs."""

from __future__ import annotations

from decimal import Decimal

from compensation_helpers import NOW, make_case
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.compensation.formulas import Context, FormulaCompiler
from complaintkit.compensation.policy import compile_section
from complaintkit.compensation.remedies import compile_remedy
from complaintkit.model.money import Money

amounts = st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False)
factors = st.decimals(min_value=0, max_value=20, places=3, allow_nan=False)
percents = st.decimals(min_value=0, max_value=300, places=2, allow_nan=False)


@settings(max_examples=200)
@given(price=amounts, factor=factors, floor=amounts, extra=amounts)
def test_an_amount_is_never_below_its_floor_nor_above_its_cap(
    price: Decimal, factor: Decimal, floor: Decimal, extra: Decimal
) -> None:
    cap = floor + extra
    compiler = FormulaCompiler("CNY")
    spec = {"multiple": str(factor), "of": "price", "floor": str(floor), "cap": str(cap)}
    formula = compiler.compile(spec, "amount")
    assert formula is not None
    assert not compiler.problems
    value = formula.evaluate(Context("CNY", {"price": Money(price, "CNY")})).value
    assert Money(floor, "CNY") <= value <= Money(cap, "CNY")


@settings(max_examples=200)
@given(paid=amounts, percent=percents, beyond=st.booleans())
def test_a_percentage_refund_exceeds_the_amount_paid_only_when_the_policy_says_so(
    paid: Decimal, percent: Decimal, beyond: bool
) -> None:
    compiler = FormulaCompiler("CNY")
    remedy = compile_remedy(
        {"kind": "refund", "percent": str(percent), "beyond_paid": beyond}, "r", compiler
    )
    if percent > 100 and not beyond:
        assert remedy is None
        assert compiler.problems[0].code == "refund-over-paid"
        return
    assert remedy is not None
    result = remedy.evaluate(Context("CNY", {"paid": Money(paid, "CNY")}))
    assert result is not None
    if not beyond:
        assert result.value <= Money(paid, "CNY")


@settings(max_examples=200)
@given(paid=amounts, voucher=amounts, percent=st.decimals(0, 100, places=1))
def test_no_float_ever_appears_in_a_money(
    paid: Decimal, voucher: Decimal, percent: Decimal
) -> None:
    section = {
        "currency": "CNY",
        "rules": [
            {
                "id": "all",
                "remedies": [
                    {"kind": "refund", "percent": float(percent)},
                    {
                        "kind": "voucher",
                        "amount": {"greater_of": [float(voucher), 0.5], "cap": 1e4},
                    },
                ],
            }
        ],
    }
    decision = compile_section(section).decide(make_case(str(paid)), now=NOW)
    for remedy in decision.remedies:
        assert remedy.amount is not None
        assert isinstance(remedy.amount.amount, Decimal)
        assert remedy.amount.amount == remedy.amount.amount.quantize(Decimal("0.01"))
    assert isinstance(decision.total.amount, Decimal)
