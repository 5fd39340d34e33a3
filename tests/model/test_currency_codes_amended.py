"""Currencies ISO 4217 added by recent amendments are money like any other: the Caribbean
guilder (XCG, Amendment 176: Curaçao and Sint Maarten since 31 March 2025, two minor
units, replacing the Netherlands Antillean guilder), Zimbabwe Gold (ZWG, 2024) and the
new Sierra Leonean leone (SLE). A complaint paid in Willemstad today is in XCG."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.model.money import MINOR_UNITS, Money, finer_than_paid, unknown_currency
from complaintkit.policy.compiled import load_policy


@pytest.mark.parametrize("code", ["XCG", "ZWG", "SLE"])
def test_a_currency_added_by_a_recent_amendment_is_read_in_cents(code: str) -> None:
    assert unknown_currency(code) is None
    assert MINOR_UNITS[code] == 2
    money = Money.from_json({"amount": "25.50", "currency": code})
    assert money == Money(Decimal("25.50"), code)
    assert Money(Decimal("0.125"), code).rounded() == Money(Decimal("0.13"), code)
    assert finer_than_paid(Decimal("0.125"), code) is not None


def test_the_netherlands_antillean_guilder_it_replaced_is_still_read_for_history() -> None:
    assert Money.from_json({"amount": "25.50", "currency": "ANG"}).currency == "ANG"


def test_a_code_no_amendment_gave_is_still_refused() -> None:
    with pytest.raises(InvalidInput):
        Money.from_json({"amount": "25.50", "currency": "XCX"})


def test_a_policy_may_pay_in_caribbean_guilders(tmp_path: Path) -> None:
    policy = tmp_path / "curacao.yaml"
    policy.write_text(
        "complaintkit: 1\nname: curacao\nversion: '1'\n"
        "categories: {goods: {label: {en: Goods}}}\n"
        "severities: {normal: {label: {en: Normal}}}\n"
        "priorities: {normal: {label: {en: Normal}}}\n"
        "teams: {desk: {label: {en: Desk}, default_owner: desk}}\n"
        "classification: {rules: [], default: {category: goods, severity: normal, "
        "priority: normal}}\n"
        "routing: {rules: [], default: {team: desk}}\n"
        "compensation:\n  currency: XCG\n  rules: []\n"
        "  default: {remedies: [{kind: voucher, amount: 25.50}]}\n",
        encoding="utf-8",
    )
    compensation = load_policy(policy).compensation
    assert compensation is not None
    assert compensation.currency == "XCG"
