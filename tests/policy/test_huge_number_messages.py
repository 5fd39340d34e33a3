"""A number too large for a policy is refused with a message a terminal can show: its
length, not its hundreds of digits."""

from __future__ import annotations

import pytest

from complaintkit.policy.operators import MAX_DIGITS, to_number


@pytest.mark.parametrize("number", [10**400, -(10**400) + 1])
def test_a_number_beyond_the_limit_is_named_by_its_length(number: object) -> None:
    with pytest.raises(ValueError, match=f"at most {MAX_DIGITS} digits") as info:
        to_number(number)
    assert len(str(info.value)) < 120
    assert "401 characters" in str(info.value)


@pytest.mark.parametrize("text", ["1" + "0" * 400, "x" * 10_000])
def test_long_text_where_a_number_goes_is_cut_in_the_message(text: str) -> None:
    with pytest.raises(ValueError, match="expects a number") as info:
        to_number(text)
    assert len(str(info.value)) < 120
