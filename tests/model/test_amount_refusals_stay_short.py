"""An amount refused for its size is named in a reason a person can read: a 100,000-digit
amount is not copied whole into the reason (and so into the dead letter's reason, the
HTTP answer and the log). A currency written in lower case is answered with the code."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import InvalidInput
from complaintkit.model.money import Money


@pytest.mark.parametrize(
    "amount",
    [
        "1" * 100_000,
        "0." + "1" * 100_000,
        "1" * 50_000 + "." + "1" * 50_000,
        "1" * 100_000 + "x",
        "1_" * 50_000,
        "1E+" + "9" * 100_000,
    ],
)
def test_a_very_long_amount_is_refused_in_a_short_reason(amount: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        Money.from_json({"amount": amount, "currency": "CNY"})
    assert refused.value.field == "amount.amount"
    assert len(refused.value.message) < 200


@given(st.sampled_from(["cny", "Cny", "jpy", "kwd"]))
def test_a_currency_in_lower_case_is_answered_with_its_code(code: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        Money.from_json({"amount": "1", "currency": code})
    assert refused.value.field == "amount.currency"
    assert f"did you mean {code.upper()}?" in refused.value.message
