"""N days and a half as a Chinese SOP says them: 1天半, 一天半, 两天半, 3日半.

"1个半小时" is told '90分钟' and "1.5天" '36小时', but "1天半", the same 36 hours said
the way people say it, got only the list of every form read. It is now told its hours.
"""

from __future__ import annotations

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.sla.durations import parse_duration


@pytest.mark.parametrize(
    ("written", "write"),
    [
        ("1天半", "write '36小时'"),
        ("一天半", "write '36小时'"),
        ("两天半", "write '60小时'"),
        ("3日半", "write '84小时'"),
        ("2天半内", "write '60小时'"),
    ],
)
def test_days_and_a_half_are_told_their_hours(written: str, write: str | None) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_duration(written)
    if write is None:
        assert "write e.g." in raised.value.message  # only the forms read
    else:
        assert write in raised.value.message
        assert parse_duration(write.split("'")[1]).time.total_seconds() % 3600 == 0
