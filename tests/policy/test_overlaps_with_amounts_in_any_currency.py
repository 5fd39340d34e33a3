"""A ``unique`` table of a policy with no compensation currency, one row comparing the
complaint's amount with a bare number (which then holds for an amount in any currency) and
one with money in a currency (``>= "1000 JPY"``): a complaint of 2000 JPY matches both, and
was refused when classified ('rows ... all match this record'), while the table loaded
without a word, as the two were measured apart (the amount, the amount in JPY). Both now
meet where their ranges do, and the policy is refused where it is written."""

from __future__ import annotations

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.tables import RuleTable, compile_table

YEN = {"field": "complaint.amount", ">=": "1000 JPY"}


def _table(first: dict[str, object], second: dict[str, object], currency: str | None) -> RuleTable:
    data = {
        "hit_policy": "unique",
        "rules": [{"id": "first", "when": first}, {"id": "second", "when": second}],
        "default": {},
    }
    return compile_table(data, "classification", name="classification", currency=currency)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (YEN, {"field": "complaint.amount", ">=": 500}),
        ({"field": "complaint.amount", ">": 500}, YEN),
        ({"field": "complaint.amount", "between": [900, 5000]}, YEN),
        (YEN, {"field": "complaint.amount", "<=": 1000}),
    ],
)
def test_a_bare_amount_meets_money_in_a_currency_when_the_policy_has_none(
    first: dict[str, object], second: dict[str, object]
) -> None:
    with pytest.raises(PolicyError) as raised:
        _table(first, second, None)
    (problem,) = [p for p in raised.value.problems if p.code == "unique-overlap"]
    assert problem.location.path == "classification.rules[1]"
    assert "complaint.amount in JPY" in problem.message


@pytest.mark.parametrize(
    ("first", "second", "currency"),
    [
        (YEN, {"field": "complaint.amount", "<": 1000}, None),  # no amount meets both
        (YEN, {"field": "complaint.amount", ">=": 500}, "CNY"),  # 500 CNY: never a yen
        ({"field": "complaint.amount", ">=": 500}, {"field": "complaint.amount", "<": 100}, None),
    ],
)
def test_ranges_no_amount_meets_load(
    first: dict[str, object], second: dict[str, object], currency: str | None
) -> None:
    assert not [p for p in _table(first, second, currency).problems if p.severity == "error"]
