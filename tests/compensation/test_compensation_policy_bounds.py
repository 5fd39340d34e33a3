"""Whatever amounts and caps a compensation section validates with, deciding succeeds:
every amount a policy writes has the bounds of outside money, and a cap's window its own."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from compensation_helpers import NOW, make_case
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.compensation.policy import check_section, compile_section
from complaintkit.errors import InvalidInput
from complaintkit.model.money import MAX_WHOLE_DIGITS, Money

#: Written amounts from tiny to far too large, with up to 10 decimal places.
AMOUNTS = st.decimals(min_value=0, max_value=Decimal("1e30"), places=10, allow_nan=False)
HUGE_OUT_OF_RANGE = [Decimal("1e16"), Decimal(10) ** 28, Decimal("0.000000001")]


class UsedUp:
    """A customer who already received ``used`` of every kind."""

    def __init__(self, used: Money) -> None:
        self.used = used
        self.asked: list[datetime] = []

    def compensation_total(self, since: datetime, currency: str, kinds: tuple[str, ...]) -> Money:
        self.asked.append(since)
        return self.used


def _section(amount: Decimal, limit: Decimal, days: int, default: Decimal) -> dict[str, object]:
    return {
        "currency": "CNY",
        "rules": [
            {
                "id": "all",
                "remedies": [
                    {"kind": "cash", "amount": str(amount)},
                    {
                        "kind": "voucher",
                        "amount": {"multiple": 2, "of": "loss", "default": str(default)},
                    },
                ],
            }
        ],
        "approvals": [{"above": str(amount), "role": "manager"}],
        "caps": [{"limit": str(limit), "days": days}],
    }


@settings(max_examples=150, deadline=None)
@given(
    amount=AMOUNTS | st.sampled_from(HUGE_OUT_OF_RANGE),
    limit=AMOUNTS | st.sampled_from(HUGE_OUT_OF_RANGE),
    days=st.integers(1, 10**7),
    default=AMOUNTS,
    used=st.decimals(min_value=0, max_value=Decimal("1e14"), places=2),
)
def test_any_section_that_validates_decides(
    amount: Decimal, limit: Decimal, days: int, default: Decimal, used: Decimal
) -> None:
    section = _section(amount, limit, days, default)
    if [p for p in check_section(section) if p.severity == "error"]:
        return
    history = UsedUp(Money(used, "CNY"))
    policy = compile_section(section)
    if amount + 2 * default >= 10**MAX_WHOLE_DIGITS:  # arithmetic past money's bounds
        with pytest.raises(InvalidInput) as refused:
            policy.decide(make_case(), history=history, now=NOW)
        assert refused.value.field.startswith("compensation.")
        return
    decision = policy.decide(make_case(), history=history, now=NOW)
    assert decision.total.amount >= 0
    assert all(NOW - since <= timedelta(days=days) for since in history.asked)


@pytest.mark.parametrize(
    ("currency", "path", "value"),
    [
        ("JPY", "rules[0].remedies[0].amount", "100.5"),
        ("JPY", "caps[0].limit", "0.5"),
        ("CNY", "caps[0].limit", "100.005"),
        ("CNY", "approvals[0].above", "0.001"),
        ("KWD", "rules[0].remedies[1].amount.default", "1.0005"),
    ],
)
def test_an_amount_finer_than_its_currency_pays_is_an_error(
    currency: str, path: str, value: str
) -> None:
    # a 0.5 JPY cap let the customer have 1 JPY ('remaining 1 JPY'), and a 100.5 JPY
    # voucher silently became 101 JPY
    section = _section(Decimal(1), Decimal(1000), 30, Decimal(0))
    section["currency"] = currency
    where: object = section
    *parents, last = path.replace("[", ".").replace("]", "").split(".")
    for part in parents:
        where = where[int(part) if part.isdigit() else part]  # type: ignore[index]
    where[last] = value  # type: ignore[index]
    problems = [p for p in check_section(section) if p.severity == "error"]
    assert [p.location.path for p in problems] == [f"compensation.{path}"], problems
    assert currency in problems[0].message


def test_an_amount_in_whole_minor_units_is_fine() -> None:
    section = _section(Decimal("100.50"), Decimal("0.01"), 30, Decimal("0.10"))
    assert [p for p in check_section(section) if p.severity == "error"] == []


#: 1e28 CNY, from amounts each within bounds: more than any decision can pay
HUGE = {"multiple": "1e14", "of": {"fixed": "1e14"}}


@pytest.mark.parametrize(
    ("amount", "path"),
    [
        (HUGE, "amount"),
        ({"multiple": 1, "of": "price", "floor": HUGE}, "amount.floor"),
        ({"multiple": 1, "of": "price", "cap": HUGE}, "amount.cap"),
        ({"greater_of": [HUGE, 10]}, "amount"),  # what it pays: a part may be bounded
        ({"sum_of": [999999999999999, 1]}, "amount"),
    ],
)
def test_a_formula_that_needs_no_inputs_and_comes_to_too_much_is_an_error(
    amount: object, path: str
) -> None:
    # it validated, and every decision failed: 'beyond what money can hold'
    section = {
        "currency": "CNY",
        "rules": [{"id": "r", "remedies": [{"kind": "cash", "amount": amount}]}],
    }
    problems = [p for p in check_section(section) if p.severity == "error"]
    assert [(p.code, p.location.path) for p in problems] == [
        ("amount-size", f"compensation.rules[0].remedies[0].{path}")
    ]
    assert "more than 15 digits" in problems[0].message


@pytest.mark.parametrize(
    "amount",
    ["-0", {"amount": "-0.00", "currency": "CNY"}, {"percent": 0, "of": "paid", "floor": "-0"}],
)
def test_an_amount_written_minus_zero_is_explained_as_zero(amount: object) -> None:
    section = {
        "currency": "CNY",
        "rules": [{"id": "r", "remedies": [{"kind": "voucher", "amount": amount}]}],
    }
    decision = compile_section(section).decide(make_case(), now=NOW)
    assert "-0" not in decision.explain()
    assert str(decision.total) == "0.00 CNY"
