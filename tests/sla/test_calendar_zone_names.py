"""A calendar's timezone as authors mistype it: an offset's minutes past 59, and a zone
name in the wrong case or misspelt, which is refused naming the zone meant."""

from __future__ import annotations

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.sla.calendar import BusinessCalendar
from complaintkit.sla.timezones import parse_timezone

HOURS = {"mon-fri": ["09:00-17:00"]}


@pytest.mark.parametrize("offset", ["UTC+05:99", "UTC+05:60", "+0875", "GMT-03:61"])
def test_an_offset_with_minutes_past_59_is_refused(offset: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_timezone(offset)
    assert raised.value.field == "timezone"
    assert "minutes" in raised.value.message


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("asia/shanghai", "Asia/Shanghai"),
        ("Asia/Shangai", "Asia/Shanghai"),
        ("europe/london", "Europe/London"),
        ("America/Sao Paulo", "America/Sao_Paulo"),
    ],
)
def test_a_misspelt_zone_is_refused_naming_the_zone_meant(written: str, meant: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        BusinessCalendar.from_mapping({"timezone": written, "hours": HOURS}, "calendars.office")
    assert raised.value.field == "calendars.office.timezone"
    assert f"did you mean {meant!r}?" in raised.value.message


def test_a_zone_like_no_other_is_refused_with_examples() -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_timezone("Mars/Olympus_Mons")
    assert "did you mean" not in raised.value.message
    assert "'Asia/Shanghai'" in raised.value.message


@pytest.mark.parametrize("written", ["Asia/Beijing", "Beijing", "北京时间", "北京"])
def test_beijing_time_is_refused_naming_shanghai(written: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_timezone(written)
    assert "did you mean 'Asia/Shanghai'?" in raised.value.message


@pytest.mark.parametrize(
    ("written", "offset"), [("Etc/GMT+8", "UTC-08:00"), ("etc/gmt-8", "UTC+08:00")]
)
def test_a_posix_signed_zone_is_refused_naming_its_offset(written: str, offset: str) -> None:
    """Etc/GMT+8 is eight hours behind UTC, which an author meaning Beijing would not see."""
    with pytest.raises(InvalidInput) as raised:
        parse_timezone(written)
    assert f"write {offset!r}" in raised.value.message
