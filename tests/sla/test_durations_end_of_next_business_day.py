""" "End of next business day", as an English SOP writes a T+1 deadline.

"next business day" was told the duration to write ('1 business day'), but the same
deadline said with its end ("end of next business day", "by end of the next business day",
"COB next business day", "next business day EOD") or "by" before an idiom ("by EOD") got
only the list of every form read. They are told what to write now.
"""

from __future__ import annotations

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.sla.durations import parse_duration


@pytest.mark.parametrize(
    ("written", "write"),
    [
        ("end of next business day", "write '1 business day'"),
        ("End of the next business day", "write '1 business day'"),
        ("by end of next business day", "write '1 business day'"),
        ("by the end of the next working day", "write '1 business day'"),
        ("close of next business day", "write '1 business day'"),
        ("COB next business day", "write '1 business day'"),
        ("next business day EOD", "write '1 business day'"),
        ("EOD next business day", "write '1 business day'"),
        ("by EOD", "write '0 business days'"),
        ("by end of day", "write '0 business days'"),
        ("by the end of the day", "write '0 business days'"),
        ("by next business day", "write '1 business day'"),
    ],
)
def test_an_end_of_a_business_day_is_told_the_duration_to_write(written: str, write: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_duration(written)
    assert write in raised.value.message
    assert "write e.g." not in raised.value.message
