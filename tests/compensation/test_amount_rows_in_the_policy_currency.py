"""A bare number compared with ``complaint.amount`` is an amount in the policy's currency.
Under a CNY policy the row ``{field: complaint.amount, ">=": 1000}`` matched a complaint
of 1000 JPY (about 48 CNY) and paid its 50.00 CNY voucher: the amount was compared as a
bare number, its currency ignored. An amount in another currency now never satisfies such
a row, and the trace says why; a row that tests ``complaint.currency`` beside the amount
states the currency itself and is read as written."""

from __future__ import annotations

from decimal import Decimal

from compensation_helpers import NOW, make_case
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.compensation.policy import compile_section
from complaintkit.model.money import MINOR_UNITS


def _voucher_over(threshold: int, when: object | None = None) -> dict[str, object]:
    row_when = when or {"field": "complaint.amount", ">=": threshold}
    return {
        "currency": "CNY",
        "rules": [
            {"id": "large", "when": row_when, "remedies": [{"kind": "voucher", "amount": 50}]}
        ],
        "default": {"remedies": ["apology"]},
    }


def _kinds(policy_data: dict[str, object], amount: str, currency: str) -> list[str]:
    decision = compile_section(policy_data).decide(make_case(amount, currency), now=NOW)
    return [remedy.kind for remedy in decision.remedies]


def test_an_amount_in_another_currency_does_not_meet_a_bare_number() -> None:
    assert _kinds(_voucher_over(1000), "1000", "JPY") == ["apology"]


def test_an_amount_in_the_policy_currency_still_meets_it() -> None:
    assert _kinds(_voucher_over(1000), "1000.00", "CNY") == ["voucher"]


def test_the_trace_says_the_amount_is_not_in_the_policy_currency() -> None:
    decision = compile_section(_voucher_over(1000)).decide(make_case("1000", "JPY"), now=NOW)
    assert "1000 JPY is not in CNY, the policy's currency" in decision.explain()


def test_a_row_that_tests_the_currency_compares_the_amount_in_it() -> None:
    in_yen = {
        "all": [
            {"field": "complaint.currency", "==": "JPY"},
            {"field": "complaint.amount", ">=": 20000},
        ]
    }
    assert _kinds(_voucher_over(0, in_yen), "25000", "JPY") == ["voucher"]
    assert _kinds(_voucher_over(0, in_yen), "25000.00", "CNY") == ["apology"]


@given(
    currency=st.sampled_from(sorted(set(MINOR_UNITS) - {"CNY"})),
    amount=st.integers(min_value=1, max_value=10**9),  # 0 JPY is 0 CNY, below any threshold
    threshold=st.integers(min_value=1, max_value=10**9),  # and every amount is above 0 CNY
)
def test_a_complaint_in_another_currency_never_matches_a_bare_amount_row(
    currency: str, amount: int, threshold: int
) -> None:
    for operator in ("==", "<", "<=", ">", ">="):
        row = {"field": "complaint.amount", operator: threshold}
        assert _kinds(_voucher_over(0, row), str(Decimal(amount)), currency) == ["apology"]


def test_not_of_a_row_on_an_amount_in_another_currency_is_unmet() -> None:
    small = {"not": {"field": "complaint.amount", ">=": 1000}}
    assert _kinds(_voucher_over(0, small), "5000", "JPY") == ["apology"]
    assert _kinds(_voucher_over(0, small), "500.00", "CNY") == ["voucher"]
    decision = compile_section(_voucher_over(0, small)).decide(make_case("5000", "JPY"), now=NOW)
    assert "5000 JPY is not in CNY, the policy's currency" in decision.explain()
