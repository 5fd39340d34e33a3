"""A fixed offset no place keeps (``timezone: 'UTC+20'``, ``UTC-13``, ``UTC+14:30``) was
taken, as only a day or more was refused, and ``UTC+14:61`` was told only of its minutes;
each is now refused at the field with the offsets places keep, UTC-12:00 to UTC+14:00. An
offset of a day or more (``UTC+25``, ``GMT+99``) had been told so with an empty hint line;
every one is told the range and a zone name to write instead."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import InvalidInput
from complaintkit.policy.compiled import check_policy
from complaintkit.sla.timezones import parse_timezone

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
RANGE = "UTC-12:00 to UTC+14:00"


@pytest.mark.parametrize(
    "offset",
    [
        *("UTC+20", "+25:00", "UTC+14:61", "UTC-13", "UTC+14:30", "GMT-12:30", "+15", "-23:59"),
        *("UTC+25", "UTC-24:00", "GMT+99", "+24"),  # a day or more
    ],
)
def test_an_offset_no_place_keeps_is_refused_at_the_field(tmp_path: Path, offset: str) -> None:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    policy = tmp_path / "p.yaml"
    policy.write_text(
        "complaintkit: 1\nextends: ./base.yaml\ncalendars:\n"
        f"  office: {{timezone: '{offset}', hours: 24x7}}\n",
        "utf-8",
    )
    (problem,) = check_policy(policy)
    assert (problem.location.line, problem.location.path) == (4, "calendars.office.timezone")
    assert problem.severity == "error"
    assert repr(offset) in problem.message
    assert RANGE in problem.hint
    assert "UTC+08:00" in problem.hint  # a zone name's example beside the range


@given(
    st.sampled_from(["UTC", "GMT", ""]),
    st.sampled_from("+-"),
    st.integers(0, 23),
    st.integers(0, 59),
)
def test_an_offset_is_taken_exactly_when_a_place_can_keep_it(
    prefix: str, sign: str, hours: int, minutes: int
) -> None:
    written = f"{prefix}{sign}{hours:02d}:{minutes:02d}"
    signed = (hours * 60 + minutes) * (-1 if sign == "-" else 1)
    if -12 * 60 <= signed <= 14 * 60:
        zone = parse_timezone(written)
        offset = zone.utcoffset(None)
        assert offset is not None
        assert offset.total_seconds() == signed * 60
    else:
        with pytest.raises(InvalidInput, match=re.escape(RANGE)):
            parse_timezone(written)
