"""A holiday or working day in a year no deadline can fall in is refused, whichever way the
year is wrong: 0026 and 1899 are outside 1900 to 2299 ('check the year'), and a year of
five digits (20266-05-01), which was told only 'write YYYY-MM-DD', the form it nearly is,
is now told its year has five digits, at the same field. Years inside the range (1900, a
deadline of a complaint received then may fall on it) are taken, as the docs say."""

from __future__ import annotations

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.sla.calendar import BusinessCalendar


def _calendar(day: str) -> BusinessCalendar:
    return BusinessCalendar.from_mapping({"timezone": "UTC", "hours": "24x7", "holidays": [day]})


@pytest.mark.parametrize("day", ["20266-05-01", "020266-05-01", "202600-12-31"])
def test_a_year_of_more_than_four_digits_is_told_so(day: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        _calendar(day)
    year = day.split("-", maxsplit=1)[0]
    assert f"the year {year} has {len(year)} digits" in raised.value.message
    assert "check the year" in raised.value.message


@pytest.mark.parametrize("day", ["0026-05-01", "1899-12-31", "2300-01-01"])
def test_a_year_no_deadline_falls_in_is_refused(day: str) -> None:
    with pytest.raises(InvalidInput, match="check the year"):
        _calendar(day)


@pytest.mark.parametrize("day", ["1900-01-01", "2299-12-31"])
def test_the_years_a_deadline_can_fall_in_are_taken(day: str) -> None:
    _calendar(day)
