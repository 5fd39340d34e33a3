"""Under hit policy ``first``, in a policy with no compensation currency, a row comparing the
complaint's amount with a bare number holds for an amount in any currency: a later row on
money in one currency within its range (``>= 500``, then ``>= "1000 JPY"``) can never match,
every such amount being taken first. It loaded without a word, the two measured apart; a
shadowed row is an error where it is written."""

from __future__ import annotations

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.tables import compile_table

YEN: dict[str, object] = {"field": "complaint.amount", ">=": "1000 JPY"}
BARE: dict[str, object] = {"field": "complaint.amount", ">=": 500}


def _shadowed(
    first: dict[str, object], second: dict[str, object], currency: str | None
) -> list[str]:
    data = {
        "hit_policy": "first",
        "rules": [{"id": "first", "when": first}, {"id": "second", "when": second}],
        "default": {},
    }
    try:
        problems = compile_table(
            data, "classification", name="classification", currency=currency
        ).problems
    except PolicyError as refused:
        problems = refused.problems
    return [p.location.path for p in problems if p.code == "shadowed-row"]


def test_money_in_a_currency_after_a_bare_amount_holding_it_is_shadowed() -> None:
    assert _shadowed(BARE, YEN, None) == ["classification.rules[1]"]


@pytest.mark.parametrize(
    ("first", "second", "currency"),
    [
        (BARE, YEN, "CNY"),  # 500 CNY and up: no yen amount
        (YEN, BARE, None),  # 600 CNY still reaches the second
        ({"field": "complaint.amount", ">=": 5000}, YEN, None),  # 2000 JPY does
    ],
)
def test_rows_an_amount_still_reaches_are_not_shadowed(
    first: dict[str, object], second: dict[str, object], currency: str | None
) -> None:
    assert _shadowed(first, second, currency) == []
