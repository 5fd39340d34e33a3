"""A remark in brackets after a Chinese SOP's duration, typed in full-width mode as
Chinese text is: 48小时 then (2天) in U+FF08 and U+FF09.

"72h (3 days)" and "48小时(2天)" were told the duration alone; with the brackets the input
method types, the same remark got only the list of every form read. Both are told now.
"""

from __future__ import annotations

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.sla.durations import parse_duration

OPEN, CLOSE = "\uff08", "\uff09"  # the brackets a Chinese input method types


@pytest.mark.parametrize(
    ("written", "write"),
    [
        (f"48小时{OPEN}2天{CLOSE}", "write '48小时'"),
        (f"3个工作日{OPEN}不含节假日{CLOSE}", "write '3个工作日'"),
        (f"15日{OPEN}自然日{CLOSE}", "write '15日'"),
        (f"24小时内{OPEN}含周末{CLOSE}", "write '24小时'"),
        (f"三个工作日{OPEN}不含节假日{CLOSE}", "write '3个工作日'"),
        (f"72h{OPEN}3 days{CLOSE}", "write '72h'"),
    ],
)
def test_a_remark_in_full_width_brackets_is_left_out(written: str, write: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_duration(written)
    assert write in raised.value.message
    assert "write e.g." not in raised.value.message
