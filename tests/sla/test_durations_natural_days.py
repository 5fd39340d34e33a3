"""Calendar days as an SOP translated from Chinese says them: 自然日 is "natural days" in
English ("7 natural days", "15 natural day"), and a hyphen joins them ("30 calendar-days").
They were refused with the bare list of forms; now each is told '7 calendar days'."""

from __future__ import annotations

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.sla.durations import parse_duration


@pytest.mark.parametrize(
    ("written", "advice"),
    [
        ("7 natural days", "'7 calendar days'"),
        ("1 natural day", "'1 calendar day'"),
        ("15 Natural Days", "'15 calendar Days'"),
        ("30 calendar-days", "'30 calendar days'"),
        ("within 15 natural days", "'15 calendar days'"),
    ],
)
def test_natural_days_are_told_calendar_days(written: str, advice: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_duration(written)
    assert f"write {advice}" in raised.value.message
    assert parse_duration(advice.strip("'")).business is False
