"""The hint for a policy amount written as people write money (``50元``, ``¥1,234``) gives
the number to write; a comma that may be a decimal one (``12,50`` EUR, ``€ 9,99``,
``100,00元``) is no thousands separator, and the hint read it as one: ``write amount:
1250`` for 12.50 EUR, an author following it paying a hundred times the SOP's sum. Such a
comma is answered with how an amount is written, never with a number guessed from it, as a
complaint's amount so written is (``Money.from_json``: ``12,5`` may hold a decimal comma).
"""

from __future__ import annotations

import pytest

from complaintkit.compensation.factor_hints import AMOUNT_HINT
from complaintkit.compensation.policy import check_section


def _hints(currency: str, written: str) -> dict[str, str]:
    section = {
        "currency": currency,
        "rules": [{"id": "a", "remedies": [{"kind": "voucher", "amount": written}]}],
        "caps": [{"limit": written, "days": 30}],
    }
    return {p.location.path: p.hint for p in check_section(section, "compensation")}


@pytest.mark.parametrize(
    ("currency", "written"),
    [
        ("EUR", "12,50"),
        ("EUR", "1,5"),
        ("EUR", "€ 9,99"),
        ("EUR", "12,50 €"),
        ("CNY", "100,00元"),
        ("CNY", "1,000,00"),
        ("CNY", "1,0000"),
    ],
)
def test_a_comma_that_may_be_a_decimal_one_is_answered_without_a_number(
    currency: str, written: str
) -> None:
    hints = _hints(currency, written)
    assert hints == {
        "compensation.rules[0].remedies[0].amount": AMOUNT_HINT,
        "compensation.caps[0].limit": AMOUNT_HINT,
    }


@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("1,000", "1000"),
        ("¥1,234", "1234"),
        ("1,000.50", "1000.50"),
        ("RMB 1,234,567.89 元", "1234567.89"),
    ],
)
def test_thousands_grouped_by_commas_are_answered_with_the_number(
    written: str, number: str
) -> None:
    hints = _hints("CNY", written)
    assert hints["compensation.rules[0].remedies[0].amount"].startswith(f"write amount: {number},")
    assert hints["compensation.caps[0].limit"].startswith(f"write limit: {number},")
