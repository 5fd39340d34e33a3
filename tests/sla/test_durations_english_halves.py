"""Halves as an English SOP says them: "half a day", "a day and a half", "half a
business day", "an hour and a half", "half a week". Only "half an hour" (a month, a year)
was told what to write; the others got the list of every form read, where the Chinese
equivalents (半天, 一天半, 半个工作日) are told what to write, and half a day both ways."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import InvalidInput
from complaintkit.sla.durations import parse_duration


def told(written: str) -> str:
    with pytest.raises(InvalidInput) as raised:
        parse_duration(written)
    return raised.value.message


@pytest.mark.parametrize(
    ("written", "writes"),
    [
        ("half a day", ["12 hours", "4 business hours"]),
        ("Half a day", ["12 hours", "4 business hours"]),
        ("within half a day", ["12 hours", "4 business hours"]),
        ("half day", ["12 hours", "4 business hours"]),
        ("a half day", ["12 hours", "4 business hours"]),
        ("half-day", ["12 hours", "4 business hours"]),
        ("a day and a half", ["36 hours"]),
        ("one and a half days", ["36 hours"]),
        ("2 days and a half", ["60 hours"]),
        ("half a business day", ["4 business hours"]),
        ("half a working day", ["4 business hours"]),
        ("two and a half business days", ["20 business hours"]),
        ("3 working days and a half", ["28 business hours"]),
        ("half an hour", ["30 minutes"]),
        ("half hour", ["30 minutes"]),
        ("a half hour", ["30 minutes"]),
        ("an hour and a half", ["90 minutes"]),
        ("2 and a half hours", ["150 minutes"]),
        ("half a week", ["84 hours"]),
        ("a week and a half", ["252 hours"]),
        ("half a month", ["15 days"]),
        ("a month and a half", ["1 month 15 days"]),
        ("half a year", ["6 months"]),
        ("a year and a half", ["18 months"]),
    ],
)
def test_english_halves_are_told_what_to_write(written: str, writes: list[str]) -> None:
    said = told(written)
    assert "write e.g." not in said
    for write in writes:
        assert f"'{write}'" in said
        parse_duration(write)  # what it is told to write is read


def test_half_a_day_is_told_both_readings() -> None:
    said = told("half a day")
    assert "two ways" in said
    assert "calendar" in said
    assert "working" in said


UNITS = {"hour": 60, "day": 24 * 60, "week": 7 * 24 * 60}


@given(
    count=st.integers(min_value=1, max_value=400),
    unit=st.sampled_from(sorted(UNITS)),
    form=st.sampled_from(["{n} and a half {u}s", "{n} {u}s and a half"]),
)
def test_what_an_english_half_is_told_to_write_is_as_long(count: int, unit: str, form: str) -> None:
    said = told(form.format(n=count, u=unit))
    (write,) = re.findall(r"'([^']+)'", said.split(";", 1)[1])
    minutes = count * UNITS[unit] + UNITS[unit] // 2
    duration = parse_duration(write)
    assert duration.time.total_seconds() == minutes * 60
    assert not duration.business
