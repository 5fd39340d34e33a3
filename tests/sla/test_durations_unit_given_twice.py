"""A duration that gives one unit twice: "24h 48h", "24小时48小时", "3个工作日3个工作日".

Such text was read as the sum (72 hours, 6 working days): an SOP's two alternatives, or a
pasted duplicate, became a third deadline nobody wrote. A duration names each unit once
("1 hour 30 minutes", "1 week 2 days"), so one named twice is refused, naming the unit.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.errors import InvalidInput
from complaintkit.sla.durations import parse_duration

_SPELLINGS = {
    "hours": ["h", "hours", "hr", "小时"],
    "days": ["d", "days", "天", "日"],
    "business days": [" business days", "个工作日"],
    "minutes": ["m", " minutes", "分钟"],
}


@pytest.mark.parametrize(
    ("written", "unit"),
    [
        ("24h 48h", "hours"),
        ("24小时48小时", "hours"),
        ("2 hours 2 hours", "hours"),
        ("3个工作日3个工作日", "days"),
        ("2 business days, 3 business days", "days"),
        ("1 day, 1 day", "days"),
        ("1 week 2 weeks", "weeks"),
        ("1 month 1 mo", "months"),
    ],
)
def test_a_unit_given_twice_is_refused(written: str, unit: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_duration(written)
    assert f"{unit} twice" in raised.value.message


@settings(max_examples=200, deadline=None)
@given(
    unit=st.sampled_from(sorted(_SPELLINGS)),
    data=st.data(),
    amounts=st.tuples(st.integers(1, 99), st.integers(1, 99)),
)
def test_any_unit_written_twice_is_refused(
    unit: str, data: st.DataObject, amounts: tuple[int, int]
) -> None:
    first, second = (data.draw(st.sampled_from(_SPELLINGS[unit])) for _ in range(2))
    parse_duration(f"{amounts[0]}{first}")  # each alone is read
    with pytest.raises(InvalidInput):
        parse_duration(f"{amounts[0]}{first} {amounts[1]}{second}")


@pytest.mark.parametrize(
    "written", ["1 hour 30 minutes", "1 week 2 days", "1d 4h", "1小时30分钟", "1 month 15 days"]
)
def test_units_given_once_each_are_read(written: str) -> None:
    parse_duration(written)
