"""A currency code typed with a Chinese input method in full-width mode (U+FF23 U+FF2E U+FF39 for CNY) is no
ISO 4217 code, and is refused as one; the refusal named no code to write ("use e.g. 'CNY',
'EUR', 'USD'"), where a lower-case ``cny`` was answered ``did you mean CNY?``. A full-width
code is now answered with the code it spells, in a complaint and in a policy alike (whose
hint said ``write currency: CNY`` for any code it could not read, a full-width JPY too)."""

from __future__ import annotations

import pytest

from complaintkit.compensation.policy import check_section
from complaintkit.errors import InvalidInput
from complaintkit.model.money import Money

TYPED = ["\uff23\uff2e\uff39", "\uff43\uff4e\uff59", " \uff2a\uff30\uff39 "]


def _spelt(code: str) -> str:
    """The ASCII capitals ``code`` types (full-width letters are U+FF21 to U+FF5A)."""
    return code.strip().translate({c: c - 0xFEE0 for c in range(0xFF21, 0xFF5B)}).upper()


@pytest.mark.parametrize("code", TYPED)
def test_a_full_width_code_in_a_complaint_is_refused_naming_the_code_it_spells(
    code: str,
) -> None:
    with pytest.raises(InvalidInput) as refused:
        Money.from_json({"amount": "100", "currency": code})
    assert refused.value.field == "amount.currency"
    assert f"did you mean {_spelt(code)}?" in refused.value.message


@pytest.mark.parametrize("code", TYPED)
def test_a_full_width_code_in_a_policy_is_an_error_naming_the_code_it_spells(code: str) -> None:
    section = {"currency": code, "rules": [{"id": "r", "remedies": ["apology"]}]}
    problems = [p for p in check_section(section) if p.location.path == "compensation.currency"]
    assert [p.severity for p in problems] == ["error"]
    assert problems[0].hint.startswith(f"write currency: {_spelt(code)},")
