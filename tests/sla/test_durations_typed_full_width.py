"""A duration typed while the input method is in full-width mode (4h as U+FF14 U+FF48):
refused, like every duration the reader does not take, with the ASCII form to write."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import InvalidInput
from complaintkit.sla.durations import parse_duration

#: Durations the reader takes, in the forms an SOP writes them.
_READ = ["4h", "24 hours", "30m", "3 business days", "15 calendar days", "8 weeks", "1d 4h"]


def _full_width(text: str) -> str:
    """``text`` as the input method's full-width mode types it (a space stays a space)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@given(st.sampled_from(_READ), st.data())
def test_a_full_width_duration_is_read_alike_or_told_the_ascii_to_write(
    written: str, data: st.DataObject
) -> None:
    typed = "".join(
        _full_width(c) if data.draw(st.booleans(), label=f"full-width {c!r}") else c
        for c in written
    )
    refused = _refusal(typed)
    if refused is None:
        assert parse_duration(typed) == parse_duration(written)
    else:
        assert f"write {written!r}" in refused


def _refusal(text: str) -> str | None:
    """What reading ``text`` as a duration is refused with, or None when it is read."""
    try:
        parse_duration(text)
    except InvalidInput as refused:
        return refused.message
    return None


def test_four_hours_in_full_width_names_4h() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_duration("\uff14\uff48")
    assert "write '4h'" in refused.value.message
