"""A fraction of a month or a year: "1.5个月", "1.5 months", "0.1 years".

They were refused as having "a fraction of a day; use hours instead": no day was written,
and no number of hours is a month (28 to 31 days, 民法典 art. 202 ending it on the same
day of the month). The refusal now says a month, and to write whole months or days.
"""

from __future__ import annotations

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.sla.durations import parse_duration


@pytest.mark.parametrize("written", ["1.5个月", "1.5 months", "0.1 years", "2.5mo", "0.3年"])
def test_a_fraction_of_a_month_is_named_as_such(written: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_duration(written)
    message = raised.value.message
    assert "fraction of a month" in message
    assert "day;" not in message
    assert "hours" not in message


@pytest.mark.parametrize("written", ["1.5年", "0.5 years", "1.25 years"])
def test_a_year_that_is_whole_months_is_read(written: str) -> None:
    assert parse_duration(written).months == round(float(written.rstrip("年 years")) * 12)


@pytest.mark.parametrize(("written", "hint"), [("1.5天", "36小时"), ("1.5 days", "36 hours")])
def test_a_fraction_of_a_day_is_still_told_its_hours(written: str, hint: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_duration(written)
    assert "fraction of a day" in raised.value.message
    assert hint in raised.value.message
