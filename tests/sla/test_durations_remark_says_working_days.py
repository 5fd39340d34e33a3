"""A remark after a duration in calendar days that says how the days count: 7天 then
(不含周末) or (工作日) in the brackets a Chinese input method types, "7 days (excluding
weekends)", 7天不含节假日, or 7日 (节假日顺延). The refusal told '7天', the remark dropped,
so a policy author who followed it got calendar days: a deadline earlier than the SOP's
by every weekend and holiday, or a last day on a holiday. Now working days are told as
business days ('7个工作日', '7 business days') and 顺延 as ``roll: next_business_day``; a
remark that agrees with the duration is still dropped, one no form keeps is not."""

from __future__ import annotations

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.sla.durations import parse_duration

OPEN, CLOSE, COMMA = "\uff08", "\uff09", "\uff0c"  # as a Chinese input method types them


def _refusal(written: str) -> str:
    with pytest.raises(InvalidInput) as raised:
        parse_duration(written)
    return raised.value.message


@pytest.mark.parametrize(
    ("written", "duration"),
    [
        (f"7天{OPEN}不含周末{CLOSE}", "7个工作日"),
        ("7天(不含节假日)", "7个工作日"),
        (f"15天{OPEN}工作日{CLOSE}", "15个工作日"),
        (f"10日{OPEN}除法定节假日{CLOSE}", "10个工作日"),
        ("7天不含周末", "7个工作日"),
        (f"7天{COMMA}不含节假日", "7个工作日"),
        ("7 days (excluding weekends)", "7 business days"),
        ("1 day (business day)", "1 business day"),
        ("15 days (working days)", "15 business days"),
        ("7 days excluding weekends", "7 business days"),
        ("7 days, excluding weekends and public holidays", "7 business days"),
        (f"3个工作日{OPEN}不含节假日{CLOSE}", "3个工作日"),
        (f"七天{OPEN}不含周末{CLOSE}", "7个工作日"),
        (f"7天{OPEN}不含周六日{CLOSE}", "7个工作日"),
        ("7 days (not counting Saturdays and Sundays)", "7 business days"),
    ],
)
def test_days_said_to_be_working_days_are_told_business_days(written: str, duration: str) -> None:
    assert f"write {duration!r}" in _refusal(written)
    assert parse_duration(duration).business


@pytest.mark.parametrize(
    ("written", "duration"),
    [
        (f"7日{OPEN}节假日顺延{CLOSE}", "7日"),
        (f"15日{OPEN}遇节假日顺延{CLOSE}", "15日"),
        (f"15天{COMMA}遇节假日顺延", "15天"),
    ],
)
def test_days_rolled_past_holidays_are_told_the_roll(written: str, duration: str) -> None:
    assert f"write {duration!r} with roll: next_business_day" in _refusal(written)


@pytest.mark.parametrize(
    "written", [f"24小时{OPEN}不含节假日{CLOSE}", "2 weeks (excluding weekends)"]
)
def test_a_remark_no_form_keeps_is_not_dropped(written: str) -> None:
    """24 hours without holidays, 2 weeks without weekends: no duration says them, and
    dropping the remark would count every day; nothing is offered to write."""
    assert "write e.g." in _refusal(written)


@pytest.mark.parametrize(
    ("written", "duration"),
    [
        (f"10天{OPEN}自然日{CLOSE}", "10天"),
        ("30 days (calendar days)", "30 days"),
        (f"48小时{OPEN}2天{CLOSE}", "48小时"),
        (f"24小时内{OPEN}含周末{CLOSE}", "24小时"),
        (f"15日{OPEN}不含当日{CLOSE}", "15日"),
        ("30 days (excluding the day of receipt)", "30 days"),
        ("14 days (10 working days)", "14 days"),
        (f"14天{OPEN}十个工作日{CLOSE}", "14天"),
    ],
)
def test_a_remark_that_agrees_is_dropped(written: str, duration: str) -> None:
    assert _refusal(written).split("; ", 1)[1] == f"write {duration!r}"
