"""Deadlines as an English SOP says them: within 48 hours, 3 biz days, next business day.

Each was refused with the list of every form read ("write e.g. '24h', …"); the Chinese
idioms (24小时内, T+1) were told the form to write, the English ones were not. They are now.
"""

from __future__ import annotations

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.sla.durations import parse_duration


@pytest.mark.parametrize(
    ("written", "write"),
    [
        ("within 48 hours", "write '48 hours'"),
        ("48 hours or less", "write '48 hours'"),
        ("48 hours max", "write '48 hours'"),
        ("up to 3 days", "write '3 days'"),
        ("3 biz days", "write '3 business days'"),
        ("3 bd", "write '3 business days'"),
        ("3 workdays", "write '3 working days'"),
        ("3 business-days", "write '3 business days'"),
        ("1 bus. day", "write '1 business day'"),
        ("two days", "write '2 days'"),
        ("Forty-eight hours", "write '48 hours'"),
        ("24 h.", "write '24 h'"),
        ("72h (3 days)", "write '72h'"),
        ("next business day", "write '1 business day' (the close of the next business day)"),
        ("T+1 business day", "write '1 business day'"),
        ("end of day", "write '0 business days' (the close of the day's business"),
        ("EOD", "write '0 business days'"),
        ("same day", "write '0 business days'"),
    ],
)
def test_an_english_idiom_is_told_the_duration_to_write(written: str, write: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_duration(written)
    assert write in raised.value.message
    assert "write e.g." not in raised.value.message


@pytest.mark.parametrize(
    "advised",
    ["48 hours", "3 days", "3 business days", "3 working days", "1 business day", "2 days",
     "24 h", "72h", "0 business days"],
)  # fmt: skip
def test_what_is_advised_is_read(advised: str) -> None:
    parse_duration(advised)
