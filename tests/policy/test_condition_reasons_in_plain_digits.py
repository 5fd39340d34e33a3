"""A row's condition is written in its reason with plain digits, whatever form the policy
gave its numbers in. ``between: [1E+1, 1E+3]`` (a JSON or TOML policy's exponent, a number
from Python) was traced as ``loss between 1E+1 and 1E+3 was false``, and money written with
its currency, ``">=": "1E+3 CNY"``, as ``loss >= 1E+3 CNY``, where ``>=`` alone already
wrote ``1000``: a reason an agent reads says a thousand as ``1000``."""

from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.policy.conditions import compile_condition
from complaintkit.policy.facts import Facts

EXPONENT = re.compile(r"[0-9][eE][+-]?[0-9]")
WITH_EXPONENT = st.builds(
    lambda digits, exponent: Decimal(f"{digits}E+{exponent}"),
    st.integers(min_value=1, max_value=999),
    st.integers(min_value=1, max_value=4),
)
SUBJECTS = st.sampled_from(["loss", "complaint.amount", "days_late"])


@given(subject=SUBJECTS, low=WITH_EXPONENT, high=WITH_EXPONENT, as_money=st.booleans())
def test_a_range_is_written_in_plain_digits(
    subject: str, low: Decimal, high: Decimal, as_money: bool
) -> None:
    low, high = sorted([low, high])
    bounds: list[object] = [f"{low} CNY", f"{high} CNY"] if as_money else [low, high]
    condition = compile_condition({"field": subject, "between": bounds}, currency="CNY")
    why = condition.explain(Facts({"loss": Decimal(-1), "days_late": Decimal(-1)})) or ""
    assert EXPONENT.search(why) is None, why
    assert f"between {low:f}" in why
    assert f"and {high:f}" in why


@given(subject=SUBJECTS, threshold=WITH_EXPONENT, operator=st.sampled_from(["<", ">=", "=="]))
def test_money_with_its_currency_is_written_in_plain_digits(
    subject: str, threshold: Decimal, operator: str
) -> None:
    if subject == "days_late":
        subject = "loss"
    condition = compile_condition({"field": subject, operator: f"{threshold} CNY"})
    why = condition.explain(Facts({})) or ""  # missing: never met, so explained
    assert EXPONENT.search(why) is None, why
    assert f"{operator} {threshold:f} CNY" in why
