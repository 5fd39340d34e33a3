"""The next working day as a Chinese SOP names it: 次工作日, 下一个工作日, 下个工作日.

次日 (the next day) is told both readings a day may have, but these name a working day,
and they were refused with only the list of every form read. They are now told the
duration to write, '1个工作日', with only that reading.
"""

from __future__ import annotations

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.sla.durations import parse_duration


@pytest.mark.parametrize(
    "written",
    ["次工作日", "下一个工作日", "下个工作日", "下一工作日", "次一个工作日", "次工作日内"],
)
def test_the_next_working_day_is_told_one_working_day(written: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_duration(written)
    message = raised.value.message
    assert "write '1个工作日' (the close of the next business day)" in message
    assert "1天" not in message


def test_what_is_advised_is_read() -> None:
    assert parse_duration("1个工作日").business
