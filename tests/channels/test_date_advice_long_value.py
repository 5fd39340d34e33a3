"""A value far longer than any date gets the plain advice, found in one look at its length.

``date_advice`` searched a refused date for the forms it may be written in (year first
with a word or a zone after it, a time with its separators); those searches cost the square
of the value's length, so a CSV cell of 100,000 characters beginning ``2026-11-23`` took
over a minute to refuse, for each row holding one, and told the author the value "names
more than a date and time". A value longer than any date and time written out is told to
be written as ISO 8601 or read with a format, at once.
"""

from __future__ import annotations

import pytest

from complaintkit.channels.date_advice import date_advice

PLAIN = date_advice("soon")


@pytest.mark.parametrize("tail", [" ", "T", " 1", " :", " x"])
def test_a_value_longer_than_any_date_gets_the_plain_advice(tail: str) -> None:
    assert date_advice("2026-11-23" + tail * 50_000 + " x") == PLAIN


@pytest.mark.parametrize("value", ["2026-11-23 09:30 CST", "2026/11/23 9:30", "45254"])
def test_a_date_of_a_date_s_length_is_advised_as_before(value: str) -> None:
    assert date_advice(value) != PLAIN
