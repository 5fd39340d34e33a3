"""An amount in another currency than the policy's cannot be compared with a bare number,
and a comparison that cannot be made is unmet both ways: ``not`` of it is unmet too. Under
a CNY policy ``not: {field: complaint.amount, ">=": 1000}`` held for a complaint of 5000
JPY (about 240 CNY, but as likely 5000 of a dearer currency), in every section whose
conditions read the amount: it was read as "the amount is under 1000 yuan"."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from amounts_in_cny import amount_complaint, amount_facts, cny_policy
from complaintkit.policy.conditions import compile_condition
from complaintkit.policy.facts import Facts

LARGE = {"field": "complaint.amount", ">=": 1000}
SMALL = {"not": LARGE}
TIER = {"field": "customer.tier", "==": "gold"}


def _facts(amount: str, currency: str, tier: str = "silver") -> Facts:
    return Facts(
        {
            "complaint": {"amount": Decimal(amount), "currency": currency},
            "customer": {"tier": tier},
        }
    )


def _holds(condition: object, facts: Facts) -> bool:
    compiled = compile_condition(condition, currency="CNY")
    fast, slow = compiled(facts), compiled.node(facts)
    assert fast == slow, "the generated hot path and the nodes disagree"
    return fast


def test_not_of_an_amount_in_another_currency_is_unmet() -> None:
    assert not _holds(SMALL, _facts("5000", "JPY"))
    assert _holds(SMALL, _facts("500", "CNY"))
    assert not _holds(SMALL, _facts("5000", "CNY"))


@pytest.mark.parametrize(
    ("condition", "in_yen", "in_yuan"),
    [
        ({"not": {"not": LARGE}}, False, True),
        ({"not": {"any": [LARGE, TIER]}}, False, False),
        ({"not": {"all": [LARGE, TIER]}}, True, True),  # the tier alone decides: not gold
        ({"not": {"all": [{"not": LARGE}, TIER]}}, True, True),
        ({"any": [SMALL, TIER]}, False, False),
        ({"all": [SMALL, {"not": TIER}]}, False, False),
        ({"not": {"field": "complaint.amount", "!=": 1000}}, False, False),
        ({"not": {"field": "complaint.amount", "not in": [1, 2]}}, False, False),
        ({"not": {"field": "complaint.amount", "between": [0, 100]}}, False, True),
    ],
)
def test_nested_conditions_never_hold_on_what_cannot_be_compared(
    condition: object, in_yen: bool, in_yuan: bool
) -> None:
    assert _holds(condition, _facts("5000", "JPY")) is in_yen
    assert _holds(condition, _facts("5000.00", "CNY")) is in_yuan


def test_explain_says_why_the_not_is_unmet() -> None:
    reason = compile_condition(SMALL, currency="CNY").explain(_facts("5000", "JPY")) or ""
    assert "5000 JPY is not in CNY, the policy's currency" in reason
    assert "cannot be compared" in reason


def test_a_missing_amount_is_still_false_and_not_of_it_true() -> None:
    assert _holds(SMALL, Facts({"complaint": {}, "customer": {}}))


def test_a_row_stating_the_currency_still_reads_its_amount_as_written() -> None:
    in_yen = {"all": [{"field": "complaint.currency", "==": "JPY"}, {"not": LARGE}]}
    assert _holds(in_yen, _facts("500", "JPY"))
    assert not _holds(in_yen, _facts("5000", "JPY"))


_LEAVES = st.sampled_from(
    [
        LARGE,
        {"field": "complaint.amount", "<": 10},
        {"field": "complaint.amount", "!=": 7},
        {"field": "complaint.amount", "between": [1, 10**6]},
        {"field": "complaint.amount", "in": [5000]},
    ]
)
_TREES = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(
        inner.map(lambda c: {"not": c}),
        st.lists(inner, min_size=1, max_size=3).map(lambda cs: {"all": cs}),
        st.lists(inner, min_size=1, max_size=3).map(lambda cs: {"any": cs}),
    ),
    max_leaves=8,
)


@given(tree=_TREES, amount=st.integers(min_value=1, max_value=10**7))  # 0 is 0 at any rate
def test_no_condition_on_an_uncomparable_amount_holds_nor_its_negation(
    tree: object, amount: int
) -> None:
    facts = _facts(str(amount), "JPY")
    assert not _holds(tree, facts)
    assert not _holds({"not": tree}, facts)


@given(tree=_TREES, amount=st.integers(min_value=0, max_value=10**7))
def test_in_the_policy_currency_a_condition_or_its_negation_holds(
    tree: object, amount: int
) -> None:
    facts = _facts(str(amount), "CNY")
    assert _holds(tree, facts) is not _holds({"not": tree}, facts)


SECTIONS = """
classification:
  rules:
    - id: small
      when: {not: {field: complaint.amount, ">=": 1000}}
      then: {category: product, severity: minor, priority: normal}
sla:
  targets:
    - when: {not: {field: complaint.amount, ">=": 1000}}
      first_response: 48h
    - first_response: 24h
escalation:
  ladders:
    - name: small
      when: {not: {field: complaint.amount, ">=": 1000}}
      levels:
        - name: small-order
          when: {not: {field: complaint.amount, ">=": 1000}}
          trigger: {condition: {not: {field: complaint.amount, ">=": 1000}}}
          actions: [{add_tags: [small]}]
gates:
  - id: no-root-cause-for-small-orders
    to: [resolved]
    when: {not: {field: complaint.amount, ">=": 1000}}
    require: [root_cause]
templates:
  small_order: {zh: {subject: "订单 {case.id}", body: "我们会处理。"}}
notifications:
  default_language: zh
  notifiers: {log: {type: log}}
  rules:
    - "on": opened
      when: {not: {field: complaint.amount, ">=": 1000}}
      notify: [customer]
      via: log
      template: small_order
"""


def test_every_section_reads_not_of_an_uncomparable_amount_as_unmet(tmp_path: Path) -> None:
    policy = cny_policy(tmp_path, SECTIONS)
    assert policy.sla is not None
    assert policy.gates is not None
    assert policy.notifications is not None
    (ladder,) = policy.sla.ladders
    (level,) = ladder.levels
    conditions = [
        policy.sla.targets[0].when,
        ladder.when,
        level.when,
        level.trigger.condition,
        policy.gates.gates[0].when,
        policy.notifications.rules[0].when,
    ]
    for condition in conditions:
        assert condition is not None
        assert not condition(amount_facts(policy, "5000", "JPY"))
        assert condition(amount_facts(policy, "500.00", "CNY"))


class _NoHistory:
    def complaints_in_last_days(self, days: int) -> int:
        return 0

    def open_cases(self) -> int:
        return 0


def test_classification_reads_not_of_an_uncomparable_amount_as_unmet(tmp_path: Path) -> None:
    policy = cny_policy(tmp_path, SECTIONS)
    yen = policy.assess(amount_complaint("5000", "JPY"), _NoHistory())
    yuan = policy.assess(amount_complaint("500.00", "CNY"), _NoHistory())
    assert not any("small" in reason for reason in yen.reasons)
    assert any("small" in reason for reason in yuan.reasons)


@pytest.mark.parametrize(
    ("condition", "amount", "held"),
    [
        ({"field": "complaint.amount", ">": 0}, "5000", True),
        ({"not": {"field": "complaint.amount", ">": 0}}, "5000", False),
        ({"field": "complaint.amount", "==": 0}, "5000", False),
        ({"not": {"field": "complaint.amount", "==": 0}}, "5000", True),
        ({"field": "complaint.amount", "<": 1000}, "0", True),
        ({"not": {"field": "complaint.amount", ">=": 1000}}, "0", True),
        ({"field": "complaint.amount", "between": [0, 0]}, "0", True),
        ({"field": "complaint.amount", "in": [0, 100]}, "0", True),
        ({"field": "complaint.amount", "in": [0, 100]}, "5000", False),
        ({"not": {"field": "complaint.amount", "in": [0, 100]}}, "5000", False),
    ],
)
def test_a_comparison_no_rate_changes_is_made_in_any_currency(
    condition: object, amount: str, held: bool
) -> None:
    """Every rate is positive: 5000 JPY is more than 0 CNY, and 0 JPY less than 1000 CNY,
    at any rate; "the complaint names an amount" (``> 0``) held for none in yen."""
    assert _holds(condition, _facts(amount, "JPY")) is held


_RATES = (Decimal("0.0001"), Decimal(1), Decimal(10000))


@given(
    tree=_TREES
    | st.sampled_from([{"field": "complaint.amount", op: 0} for op in ("<", ">", "==")]),
    amount=st.integers(min_value=0, max_value=10**7),
)
def test_what_is_decided_in_another_currency_holds_at_every_rate(tree: object, amount: int) -> None:
    yen = _facts(str(amount), "JPY")
    for condition, holds in ((tree, True), ({"not": tree}, False)):
        if _holds(condition, yen):
            for rate in _RATES:
                assert _holds(tree, _facts(str(amount * rate), "CNY")) is holds


@pytest.mark.parametrize(
    "currency_test",
    [
        {"field": "complaint.currency", "!=": "USD"},
        {"field": "complaint.currency", "not in": ["USD", "EUR"]},
        {"field": "complaint.currency", "exists": True},
        {"field": "complaint.currency", "regex": "^[A-Z]{3}$"},
    ],
)
def test_a_currency_test_that_names_no_currency_leaves_the_amount_in_the_policys(
    currency_test: object,
) -> None:
    """Only ``==`` or ``in`` states the currency a row's amounts are in; beside ``!=
    USD`` or ``exists: true`` a 1000 was read as written, so 1000 JPY met ``>= 1000``."""
    row = {"all": [currency_test, LARGE]}
    assert not _holds(row, _facts("1000", "JPY"))
    assert _holds(row, _facts("1000.00", "CNY"))
    stated = {"all": [{"field": "complaint.currency", "in": ["JPY"]}, LARGE]}
    assert _holds(stated, _facts("1000", "JPY"))
