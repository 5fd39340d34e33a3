"""Every number a decision's reasons write is in plain digits. A factor written or supplied
with an exponent (``multiple: 1E+3``, a fact ``n: "1E+1"``) was written in the formula and
its steps as Decimal's own text, ``1E+3 x 1.00 CNY``, and a money fact so supplied was
traced as ``loss = 1E+3 CNY``: no customer or agent reads that as a thousand. Amounts
already were (``Money.shown``); now every factor, fact and step is too."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

from compensation_helpers import NOW, make_case
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.compensation.policy import compile_section

EXPONENT = re.compile(r"[0-9][eE][+-]?[0-9]")
#: Decimals written with a positive exponent: 1E+3, 2.5E+2, 10E+1
WITH_EXPONENT = st.builds(
    lambda digits, exponent: Decimal(f"{digits}E+{exponent}"),
    st.integers(min_value=1, max_value=999),
    st.integers(min_value=1, max_value=4),
)
CURRENCIES = st.sampled_from(["JPY", "CNY", "KWD"])


def _texts(currency: str, remedy: Mapping[str, object], facts: Mapping[str, object]) -> str:
    section = compile_section(
        {
            "currency": currency,
            "rules": [
                {"id": "huge", "when": {"field": "loss", ">": 10**9}, "remedies": ["apology"]},
                {"id": "yen", "when": {"field": "yen", ">": 10**9}, "remedies": ["apology"]},
                {
                    "id": "a",
                    "when": {"field": "loss", ">=": 0},
                    "remedies": [remedy],
                },
            ],
            "default": {"remedies": ["apology"]},
        }
    )
    case = make_case(f"{Decimal(1000):f}", currency)
    decision = section.decide(case, facts, now=NOW)
    return f"{decision.explain()}\n{decision.to_json()}"


def _plain(number: Decimal) -> str:
    return format(number, "f")


@given(currency=CURRENCIES, factor=WITH_EXPONENT, kind=st.sampled_from(["multiple", "percent"]))
def test_a_factor_written_with_an_exponent(currency: str, factor: Decimal, kind: str) -> None:
    remedy = {"kind": "voucher", "amount": {kind: str(factor), "of": "price"}}
    text = _texts(currency, remedy, {"loss": 1})
    assert EXPONENT.search(text) is None, text
    assert f"{_plain(factor)}{'% of' if kind == 'percent' else ' x'} price" in text


@given(currency=CURRENCIES, factor=WITH_EXPONENT, as_text=st.booleans())
def test_a_factor_supplied_with_an_exponent(currency: str, factor: Decimal, as_text: bool) -> None:
    remedy = {"kind": "voucher", "amount": {"multiple": {"fact": "n"}, "of": "price"}}
    text = _texts(currency, remedy, {"loss": 1, "n": str(factor) if as_text else factor})
    assert EXPONENT.search(text) is None, text
    assert f"n = {_plain(factor)}" in text


@given(currency=CURRENCIES, loss=WITH_EXPONENT, cap=WITH_EXPONENT, floor=WITH_EXPONENT)
def test_money_supplied_or_written_with_an_exponent(
    currency: str, loss: Decimal, cap: Decimal, floor: Decimal
) -> None:
    low, high = sorted([cap, floor])
    remedy = {
        "kind": "refund",
        "amount": {"multiple": 2, "of": "loss", "cap": str(high), "floor": str(low)},
    }
    money = {"amount": str(loss), "currency": currency}
    other = "USD" if currency != "USD" else "EUR"
    yen = {"amount": str(loss), "currency": other}
    text = _texts(currency, remedy, {"loss": money, "paid": money, "yen": yen})
    assert EXPONENT.search(text) is None, text
    assert f"loss = {_plain(loss)} {currency}" in text
    assert f"{_plain(loss)} {other} is not in {currency}" in text
