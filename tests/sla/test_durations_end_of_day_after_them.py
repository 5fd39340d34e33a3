"""A duration followed (or preceded) by the end of its day, as an English SOP writes it:
"1 business day EOD", "15 days EOD", "2 business days end of day", "EOD 3 business days",
"10 working days by close of business". The refusal gave the bare list of forms; now it
names the duration and how its day's end is said: business days already end at the close
of the last day's business, other periods end there or at 24:00 by the target's ``ends``."""

from __future__ import annotations

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.sla.durations import parse_duration


def _refusal(written: str) -> str:
    with pytest.raises(InvalidInput) as raised:
        parse_duration(written)
    return raised.value.message


@pytest.mark.parametrize(
    ("written", "duration"),
    [
        ("1 business day EOD", "1 business day"),
        ("1 business day COB", "1 business day"),
        ("2 business days end of day", "2 business days"),
        ("2 business days, by end of the day", "2 business days"),
        ("EOD 3 business days", "3 business days"),
        ("10 working days by close of business", "10 working days"),
        ("1 working day EOD.", "1 working day"),
    ],
)
def test_business_days_are_told_they_end_at_the_close(written: str, duration: str) -> None:
    message = _refusal(written)
    assert f"write {duration!r} (business days end at the close" in message
    parse_duration(duration)


@pytest.mark.parametrize(
    ("written", "duration"),
    [
        ("15 days EOD", "15 days"),
        ("1 day by end of day", "1 day"),
        ("8 weeks COB", "8 weeks"),
        ("24 hours EOD", "24 hours"),
    ],
)
def test_other_periods_are_told_the_end_rule(written: str, duration: str) -> None:
    message = _refusal(written)
    assert f"write {duration!r} with ends: end_of_day" in message
    assert "ends: close_of_business" in message
    parse_duration(duration)


@pytest.mark.parametrize(
    "written",
    [
        "EOD",
        "end of day",
        "3 bizness days EOD",
        "EOD EOD",
        "1 day EOD EOD",
        "1 day" + " EOD" * 3000,
    ],
)
def test_no_duration_before_the_end_of_day_is_no_such_advice(written: str) -> None:
    assert "with ends: end_of_day" not in _refusal(written)
    assert "(business days end at the close" not in _refusal(written)
