"""A fact a row compares as a number, typed in full-width digits as a Chinese input method
in full-width mode writes it (``days_late: "\uff13"``), was told ``write it as a bare number``,
though it is one: the message now gives the ASCII number to write (``3``). Equality and
membership refuse it too, as they refuse ``"3天"``: its number is plainly meant, and read
as unequal to 3 it filed the parcel as on time without a word."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_unread_numbers_in_classification import _intake, _policy

from complaintkit.errors import InvalidInput

_FULL_WIDTH = str.maketrans(
    "0123456789.+-", "".join(map(chr, [*range(0xFF10, 0xFF1A), 0xFF0E, 0xFF0B, 0xFF0D]))
)


@pytest.mark.parametrize(
    ("when", "given_as", "bare"),
    [
        ("{field: days_late, '>=': 3}", "\uff13", "3"),
        ("{field: days_late, '>=': 3}", " \uff13\uff0e\uff15 ", "3.5"),
        ("{field: days_late, between: [1, 9]}", "\uff11\uff12", "12"),
        ("{field: days_late, '==': 3}", "\uff13", "3"),
        ("{field: days_late, '!=': 3}", "\uff13", "3"),
        ("{field: days_late, in: [3, 4]}", "\uff13", "3"),
    ],
)
def test_a_full_width_number_is_told_the_ascii_number_to_write(
    tmp_path: Path, when: str, given_as: str, bare: str
) -> None:
    policy = _policy(tmp_path, when)
    with pytest.raises(InvalidInput) as refused:
        _intake(policy, days_late=given_as)
    assert refused.value.field == "attributes.days_late"
    assert f"write days_late: {bare}, in ASCII digits" in refused.value.message
    assert "bare number" not in refused.value.message


def test_any_number_typed_in_full_width_names_itself_in_ascii(tmp_path: Path) -> None:
    policy = _policy(tmp_path, "{field: days_late, '>=': 3}")

    @settings(max_examples=30, deadline=None)
    @given(st.decimals(min_value=-999, max_value=999, places=2, allow_nan=False))
    def told(number: object) -> None:
        written = str(number)
        with pytest.raises(InvalidInput) as refused:
            _intake(policy, days_late=written.translate(_FULL_WIDTH))
        assert f"write days_late: {written}, in ASCII digits" in refused.value.message

    told()
