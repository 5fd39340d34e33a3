"""Case ids: creation time then randomness, in Crockford base32, sorting by time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.model import ids

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def digits(number: int, width: int) -> str:
    """``number`` as ``width`` Crockford base32 digits, one divmod per digit."""
    out = []
    for _ in range(width):
        number, digit = divmod(number, 32)
        out.append("0123456789ABCDEFGHJKMNPQRSTVWXYZ"[digit])
    return "".join(reversed(out))


class Drawn:
    """``secrets`` whose random bits are given."""

    def __init__(self, bits: int) -> None:
        self.bits = bits

    def randbits(self, k: int) -> int:
        assert k == 40
        return self.bits


@given(
    millis=st.integers(min_value=-62_135_596_800_000, max_value=253_402_300_799_000),
    bits=st.integers(min_value=0, max_value=2**40 - 1),
)
def test_a_case_id_is_ten_digits_of_milliseconds_then_eight_of_randomness(
    millis: int, bits: int
) -> None:
    at = EPOCH + timedelta(milliseconds=millis)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ids, "secrets", Drawn(bits))
        made = ids.new_case_id(at)
    written = int(at.timestamp() * 1000) % 2**50  # ten digits hold 50 bits
    assert made == f"CK-{digits(written, 10)}{digits(bits, 8)}"


def test_case_ids_sort_by_creation_time() -> None:
    first = ids.new_case_id(datetime(2026, 11, 23, 9, tzinfo=UTC))
    assert first < ids.new_case_id(datetime(2026, 11, 23, 9, 0, 0, 1000, tzinfo=UTC))
