"""Invariants of amounts, checked with hypothesis over generated policies and inputs."""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal, localcontext

import attrs
import pytest
from compensation_helpers import NOW, make_case
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from complaintkit.compensation.formula_protocol import Context
from complaintkit.compensation.formulas import FormulaCompiler
from complaintkit.compensation.policy import compile_section
from complaintkit.compensation.remedies import compile_remedy
from complaintkit.errors import PolicyError
from complaintkit.model.money import MAX_WHOLE_DIGITS, ROUNDING_MODES, Money

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


fine_amounts = st.decimals(min_value=0, max_value=100_000, places=8, allow_nan=False)
currencies = st.sampled_from(["CNY", "JPY", "KWD"])
roundings = st.sampled_from(["half_up", "half_even"])


@settings(max_examples=300)
@given(fine_amounts, factors, fine_amounts, fine_amounts, currencies, roundings)
def test_bounds_hold_for_the_amount_paid(
    price: Decimal, factor: Decimal, floor: Decimal, extra: Decimal, currency: str, rounding: str
) -> None:
    # bounds are written in the currency's steps (a finer one is refused when the policy
    # loads): whatever the price and rounding, the amount paid stays within them
    unit = Decimal(1).scaleb(-Money.zero(currency).minor_units)
    floor, extra = floor.quantize(unit, ROUND_FLOOR), extra.quantize(unit, ROUND_FLOOR)
    cap = floor + extra
    compiler = FormulaCompiler(currency)
    spec = {"multiple": str(factor), "of": "price", "floor": str(floor), "cap": str(cap)}
    formula = compiler.compile(spec, "amount")
    assert formula is not None
    context = Context(currency, {"price": Money(price, currency)}, rounding)
    value = formula.evaluate(context).value
    assert floor <= value.amount <= cap
    assert value == value.rounded(rounding)


@settings(max_examples=300)
@given(fine_amounts, fine_amounts, fine_amounts, currencies, roundings)
def test_a_decision_never_gives_more_than_a_per_customer_cap_leaves(
    voucher: Decimal, limit: Decimal, used: Decimal, currency: str, rounding: str
) -> None:
    class Given:
        def compensation_total(self, since: object, currency: str, kinds: object) -> Money:
            return Money(used.quantize(unit), currency)

    unit = Decimal(1).scaleb(-Money.zero(currency).minor_units)
    voucher, limit = voucher.quantize(unit, ROUND_FLOOR), limit.quantize(unit, ROUND_FLOOR)
    section = {
        "currency": currency,
        "rounding": rounding,
        "rules": [{"id": "r", "remedies": [{"kind": "voucher", "amount": str(voucher)}]}],
        "caps": [{"limit": str(limit), "days": 30}],
    }
    case = make_case("1", currency)
    decision = compile_section(section).decide(case, history=Given(), now=NOW)
    assert decision.total.amount <= max(limit - used.quantize(unit), Decimal(0))


#: Factors with more digits than a decimal context's default 28: a policy writes at most
#: 8 places (``factor_fits``), so these come from the case, as ``{fact: factor}``.
long_factors = st.decimals(min_value=0, max_value=20, places=40, allow_nan=False).filter(
    lambda factor: not factor or factor.adjusted() >= -30  # a policy's numbers go no finer
)
large_prices = st.decimals(min_value=0, max_value=Decimal("1e14"), places=2, allow_nan=False)


def _scaled_section(kind: str, rounding: str) -> dict[str, object]:
    amount = {kind: {"fact": "factor"}, "of": "amount"}
    return {
        "currency": "CNY",
        "rounding": rounding,
        "rules": [{"id": "r", "remedies": [{"kind": "voucher", "amount": amount}]}],
    }


def _rounded_once(price: Decimal, ratio: Decimal, rounding: str) -> Decimal:
    with localcontext(prec=200):
        return (price * ratio).quantize(Decimal("0.01"), rounding=ROUNDING_MODES[rounding])


@settings(max_examples=300)
@given(large_prices, long_factors, st.sampled_from(["multiple", "percent"]), roundings)
def test_a_scaled_amount_is_the_exact_product_rounded_once(
    price: Decimal, factor: Decimal, kind: str, rounding: str
) -> None:
    ratio = factor * Decimal("0.01") if kind == "percent" else factor
    assume(price * ratio < Decimal(10) ** MAX_WHOLE_DIGITS)  # more is refused, by design
    decision = compile_section(_scaled_section(kind, rounding)).decide(
        make_case(str(price)), {"factor": factor}, now=NOW
    )
    assert decision.total.amount == _rounded_once(price, ratio, rounding)


def test_a_product_past_28_digits_is_not_rounded_twice() -> None:
    # 100000000000000.01 x 2.5000000000000000000000000001 = 250000000000000.0250...0100...01:
    # over the half cent, so 0.03 half-even; rounded to 28 digits first it was a tie, 0.02
    factor = {"factor": Decimal("2.5000000000000000000000000001")}
    section = _scaled_section("multiple", "half_even")
    decision = compile_section(section).decide(make_case("100000000000000.01"), factor, now=NOW)
    assert decision.total == Money("250000000000000.03", "CNY")


@pytest.mark.parametrize("precision", [6, 9, 10])
def test_the_applications_decimal_context_does_not_change_a_decision(precision: int) -> None:
    policy = compile_section(_scaled_section("multiple", "half_up"))
    case, factor = make_case("12345678.91"), {"factor": Decimal("1.5")}
    expected = policy.decide(case, factor, now=NOW)
    with localcontext(prec=precision, rounding=ROUND_FLOOR):
        decided = policy.decide(case, factor, now=NOW)
        assert decided.total == expected.total == Money("18518518.37", "CNY")


def _refunds_offered(amount: Decimal, currency: str) -> list[dict[str, object]]:
    remedy = {"kind": "refund", "amount": {"amount": str(amount), "currency": currency}}
    return [
        {
            "id": "comp-1",
            "status": "offered",
            "offered_at": NOW.isoformat(),
            "decision": {"remedies": [remedy]},
        }
    ]


@settings(max_examples=300)
@given(fine_amounts, fine_amounts, fine_amounts, fine_amounts, currencies, roundings)
def test_every_amount_decided_is_written_in_the_currencys_units_and_refunds_fit_what_was_paid(
    paid: Decimal, earlier: Decimal, voucher: Decimal, limit: Decimal, currency: str, rounding: str
) -> None:
    # letters print a decision's amounts as written: 0.00 CNY, 501 JPY, 0.000 KWD
    unit = Decimal(1).scaleb(-Money.zero(currency).minor_units)
    voucher, limit = voucher.quantize(unit, ROUND_FLOOR), limit.quantize(unit, ROUND_FLOOR)
    earlier = earlier.quantize(unit, ROUND_FLOOR)  # as an earlier decision wrote it
    section = {
        "currency": currency,
        "rounding": rounding,
        "hit_policy": "collect",
        "rules": [
            {"id": "a", "remedies": [{"kind": "refund", "full": True}]},
            {"id": "b", "remedies": [{"kind": "refund", "percent": 50}]},
            {"id": "c", "remedies": [{"kind": "voucher", "amount": str(voucher)}]},
        ],
        "caps": [{"limit": str(limit), "days": 30}],
    }
    case = attrs.evolve(
        make_case(str(paid), currency), compensation=_refunds_offered(earlier, currency)
    )
    decision = compile_section(section).decide(case, now=NOW)
    for amount in [*(r.amount for r in decision.remedies), decision.total]:
        assert amount is not None
        assert amount.amount.as_tuple().exponent == -Money.zero(currency).minor_units
    refunds = sum(r.amount.amount for r in decision.remedies if r.kind == "refund" and r.amount)
    assert refunds <= max(paid.quantize(unit, ROUND_FLOOR) - earlier, Decimal(0))


@pytest.mark.parametrize(("currency", "written"), [("CNY", "0.00"), ("KWD", "0.000"), ("JPY", "0")])
def test_a_refund_earlier_offers_used_up_is_written_in_the_currencys_units(
    currency: str, written: str
) -> None:
    # 150 offered back on a price of 100 (the price was corrected since): nothing is left
    refund_all = {"kind": "refund", "full": True}
    section = {"currency": currency, "rules": [{"id": "r", "remedies": [refund_all]}]}
    case = attrs.evolve(
        make_case("100", currency), compensation=_refunds_offered(Decimal(150), currency)
    )
    (refund,) = compile_section(section).decide(case, now=NOW).remedies
    assert refund.amount is not None
    assert refund.amount.to_json() == {"amount": written, "currency": currency}


money_kinds = st.sampled_from(["refund", "voucher", "credit", "cash", "statutory_damages"])
remedy_amounts = st.sampled_from(
    [
        "fixed",
        {"percent": "33.333", "of": "paid"},
        {"multiple": "1.5", "of": "price", "floor": "fixed", "cap": "fixed"},
        {"greater_of": ["fixed", {"percent": "12.5", "of": "amount"}]},
        {"sum_of": ["fixed", {"multiple": "0.75", "of": "price"}]},
    ]
)


@st.composite
def collect_sections(draw: st.DrawFn) -> dict[str, object]:
    """A collect section of several rows of money remedies, with caps and approvals, every
    amount it writes in its currency's units."""
    currency = draw(currencies)
    unit = Decimal(1).scaleb(-Money.zero(currency).minor_units)

    def fixed() -> str:
        return str(draw(fine_amounts).quantize(unit, ROUND_FLOOR))

    def amount(form: object) -> object:
        if form == "fixed":
            return fixed()
        if isinstance(form, dict):
            return {key: amount(value) for key, value in form.items()}
        if isinstance(form, list):
            return [amount(value) for value in form]
        return form

    rows = [
        {
            "id": f"row-{i}",
            "remedies": [
                {"kind": draw(money_kinds), "amount": amount(draw(remedy_amounts))}
                for _ in range(draw(st.integers(1, 3)))
            ],
        }
        for i in range(draw(st.integers(1, 3)))
    ]
    kinds = st.lists(money_kinds, min_size=1, max_size=3, unique=True)
    caps = [
        {"limit": fixed(), "days": 30, "kinds": draw(kinds)} for _ in range(draw(st.integers(0, 2)))
    ]
    approvals = [{"above": fixed(), "role": f"role-{i}"} for i in range(draw(st.integers(0, 2)))]
    return {
        "currency": currency,
        "rounding": draw(roundings),
        "hit_policy": "collect",
        "rules": rows,
        "caps": caps,
        "approvals": approvals,
    }


@settings(max_examples=150, deadline=None)
@given(collect_sections(), fine_amounts, fine_amounts)
def test_a_decision_adds_up_in_its_currency_within_every_cap_refund_and_approval(
    section: dict[str, object], paid: Decimal, used: Decimal
) -> None:
    currency = str(section["currency"])
    unit = Decimal(1).scaleb(-Money.zero(currency).minor_units)
    used = used.quantize(unit, ROUND_FLOOR)

    class Given:
        def compensation_total(self, since: object, currency: str, kinds: object) -> Money:
            return Money(used, currency)

    try:
        policy = compile_section(section)
    except PolicyError:
        return  # bounds drawn the wrong way round (a floor over its cap) are refused
    decision = policy.decide(make_case(str(paid), currency), history=Given(), now=NOW)
    paid_out = [(r.kind, r.amount) for r in decision.remedies if r.amount is not None]
    assert decision.total.currency == currency
    assert all(amount.currency == currency and amount.amount >= 0 for _, amount in paid_out)
    assert decision.total.amount == sum(amount.amount for _, amount in paid_out)
    refunds = sum(amount.amount for kind, amount in paid_out if kind == "refund")
    assert refunds <= paid.quantize(unit, ROUND_FLOOR)
    for cap in section["caps"]:  # type: ignore[attr-defined]
        counted = sum(amount.amount for kind, amount in paid_out if kind in cap["kinds"])
        assert counted <= max(Decimal(cap["limit"]) - used, Decimal(0))
    exceeded = [
        Decimal(a["above"])
        for a in section["approvals"]  # type: ignore[attr-defined]
        if decision.total.amount > Decimal(a["above"])
    ]
    assert (decision.approval is None) == (not exceeded)
    if decision.approval is not None:
        assert decision.approval.above.amount == max(exceeded)
