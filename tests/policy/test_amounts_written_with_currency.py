"""A condition may compare an amount with money written with its currency, ``"1000 JPY"``
or ``{amount: 1000, currency: JPY}``: it compares only amounts in that currency (the
complaint's, or a fact written as money), whatever the policy's currency, and any other
cannot be compared (unmet, and ``not`` of it unmet too). It was refused as "expects a
number", so a CNY policy had no way to write a threshold for orders paid in yen but an
``all`` testing ``complaint.currency`` beside it. Money written wrong is refused at load,
located, naming what is wrong."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from amounts_in_cny import amount_facts, cny_policy
from complaintkit.errors import PolicyError
from complaintkit.model.money import MINOR_UNITS, Money
from complaintkit.policy.compiled import check_policy
from complaintkit.policy.conditions import compile_condition
from complaintkit.policy.facts import Facts
from complaintkit.policy.supplied import plain


def _facts(amount: str, currency: str | None) -> Facts:
    return Facts({"complaint": {"amount": Decimal(amount), "currency": currency}})


def _holds(condition: object, facts: Facts, currency: str | None = "CNY") -> bool:
    compiled = compile_condition(condition, currency=currency)
    fast, slow = compiled(facts), compiled.node(facts)
    assert fast == slow, "the generated hot path and the nodes disagree"
    return fast


@pytest.mark.parametrize("money", ["1000 JPY", {"amount": 1000, "currency": "JPY"}])
@pytest.mark.parametrize("policy_currency", ["CNY", None])
def test_an_amount_compares_only_with_money_in_its_currency(
    money: object, policy_currency: str | None
) -> None:
    large = {"field": "complaint.amount", ">=": money}
    small = {"not": large}
    assert _holds(large, _facts("5000", "JPY"), policy_currency)
    assert _holds(small, _facts("500", "JPY"), policy_currency)
    for other in (_facts("5000.00", "CNY"), _facts("500.000", "KWD")):
        assert not _holds(large, other, policy_currency)
        assert not _holds(small, other, policy_currency)


def test_between_bounds_in_one_currency() -> None:
    band = {"field": "complaint.amount", "between": ["10 JPY", "100 JPY"]}
    assert _holds(band, _facts("50", "JPY"))
    assert not _holds(band, _facts("500", "JPY"))
    assert not _holds(band, _facts("50.00", "CNY"))
    assert not _holds({"not": band}, _facts("50.00", "CNY"))


def test_the_trace_names_both_currencies() -> None:
    condition = compile_condition({"field": "complaint.amount", ">=": "1000 JPY"}, currency="CNY")
    assert condition.describe() == "complaint.amount >= 1000 JPY"
    assert "5000.00 CNY is not in JPY" in (condition.explain(_facts("5000.00", "CNY")) or "")


def test_a_money_fact_compares_with_money_in_its_currency() -> None:
    large = {"field": "loss", ">": "1000 JPY"}

    def loss(amount: object) -> Facts:
        return Facts({"loss": plain(amount)})

    assert _holds(large, loss(Money("2000", "JPY")))
    assert not _holds(large, loss(Money("2000.00", "CNY")))
    assert not _holds({"not": large}, loss(Money("2000.00", "CNY")))
    # a bare number has no currency: it is not known to be yen
    assert not _holds(large, loss(2000))
    assert not _holds({"not": large}, loss(2000))


def test_a_section_reads_money_written_with_its_currency(tmp_path: Path) -> None:
    policy = cny_policy(
        tmp_path,
        "gates:\n  - id: large-yen\n    to: [resolved]\n"
        '    when: {field: complaint.amount, ">=": "1000 JPY"}\n    require: [root_cause]\n',
    )
    assert policy.gates is not None
    when = policy.gates.gates[0].when
    assert when is not None
    assert when(amount_facts(policy, "5000", "JPY"))
    assert not when(amount_facts(policy, "5000.00", "CNY"))


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ('"1000 YEN"', "'YEN' is not an ISO 4217 currency code"),
        ('"1000 RMB"', "did you mean CNY?"),
        ('"1,000 JPY"', "write it with no separators"),
        ('"\uff11\uff10\uff10\uff10 JPY"', "ASCII digits"),  # full-width digits
        ("{amount: 1000, currency: yen}", "not an ISO 4217 currency code"),
        ('"1e20 JPY"', "more than 15 digits"),
        ('"1.000 JPY"', "'1000' if its point groups thousands"),
        ('"NaN JPY"', "finite"),
    ],
)
def test_money_written_wrong_is_refused_where_it_is(
    tmp_path: Path, written: str, said: str
) -> None:
    with pytest.raises(PolicyError) as caught:
        cny_policy(tmp_path, _classification(f'{{field: complaint.amount, ">=": {written}}}'))
    (problem,) = caught.value.problems
    assert problem.location.path == "classification.rules[1].when.>="
    assert problem.location.line == 6  # the row's when
    assert said in problem.message + problem.hint


@pytest.mark.parametrize(
    ("condition", "said"),
    [
        ('{field: complaint.amount, between: ["10 JPY", "100 CNY"]}', "one currency"),
        ('{field: complaint.amount, between: ["10 JPY", 100]}', "one currency"),
        ('{field: complaint.amount, in: ["1000 JPY"]}', "between"),
        ('{field: customer.tier, ">=": "1000 JPY"}', "customer.tier"),
    ],
)
def test_money_where_it_cannot_be_compared_is_refused(
    tmp_path: Path, condition: str, said: str
) -> None:
    with pytest.raises(PolicyError) as caught:
        cny_policy(tmp_path, _classification(condition))
    assert any(said in p.message + p.hint for p in caught.value.problems)


def test_ranges_in_two_currencies_shadow_nothing(tmp_path: Path) -> None:
    rows = (
        "classification:\n  rules:\n"
        '    - id: yuan\n      when: {field: complaint.amount, ">=": 500}\n'
        "      then: {category: service}\n"
        '    - id: yen\n      when: {field: complaint.amount, ">=": "1000 JPY"}\n'
        "      then: {category: service}\n"
    )
    cny_policy(tmp_path, rows)
    assert not [p for p in check_policy(tmp_path / "p.yaml") if p.code == "shadowed-row"]


def _classification(when: str) -> str:
    return (
        "classification:\n  rules:\n    - id: large\n      when: "
        + when
        + "\n      then: {category: service}\n"
    )


_CURRENCIES = st.sampled_from(sorted(MINOR_UNITS))


@given(
    written=_CURRENCIES,
    held=_CURRENCIES,
    amount=st.integers(min_value=1, max_value=10**9),
    threshold=st.integers(min_value=1, max_value=10**9),  # at 0 no rate matters
    operator=st.sampled_from(["==", "!=", "<", "<=", ">", ">="]),
)
def test_money_written_with_a_currency_decides_only_amounts_in_it(
    written: str, held: str, amount: int, threshold: int, operator: str
) -> None:
    test = {"field": "complaint.amount", operator: f"{threshold} {written}"}
    facts = _facts(str(amount), held)
    if held != written:
        assert not _holds(test, facts)
        assert not _holds({"not": test}, facts)
    else:
        bare = {"field": "complaint.amount", operator: threshold}
        assert _holds(test, facts) is _holds(bare, facts, None)
        assert _holds({"not": test}, facts) is not _holds(test, facts)


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ('"JPY 1000"', "'1000 JPY'"),
        ('"CNY 5.5"', "'5.5 CNY'"),
        ('"¥1000"', "'1000 JPY'"),
    ],
)
def test_money_written_the_other_way_round_is_answered_with_the_form(
    tmp_path: Path, written: str, hint: str
) -> None:
    """``"JPY 1000"`` and ``"¥1000"`` were answered "'>=' takes a number" and "the number
    alone", leaving the author no way to a threshold in yen; the hint names the form."""
    with pytest.raises(PolicyError) as caught:
        cny_policy(tmp_path, _classification(f'{{field: complaint.amount, ">=": {written}}}'))
    (problem,) = caught.value.problems
    assert hint in problem.message + problem.hint


def test_a_number_with_a_unit_that_is_no_money_is_not_answered_with_money(
    tmp_path: Path,
) -> None:
    with pytest.raises(PolicyError) as caught:
        cny_policy(tmp_path, _classification('{field: days_late, ">=": "3天"}'))
    (problem,) = caught.value.problems
    assert "write '>=': 3, the number alone" in problem.hint
    assert "JPY" not in problem.hint
