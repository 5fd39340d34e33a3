"""A holiday typed with the input method in full-width mode, ISO digits and hyphens all
full-width or a few of them: refused (dates are ASCII ``YYYY-MM-DD``), naming the date to
write rather than only the format."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import InvalidInput
from complaintkit.sla.calendar import BusinessCalendar


def _full_width(text: str, which: list[bool]) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if wide else c for c, wide in zip(text, which, strict=True))


@given(
    day=st.dates(min_value=date(1900, 1, 1), max_value=date(2299, 12, 31)),
    which=st.lists(st.booleans(), min_size=10, max_size=10).filter(any),
)
def test_a_full_width_iso_date_is_refused_naming_the_date(day: date, which: list[bool]) -> None:
    typed = _full_width(day.isoformat(), which)
    data = {"timezone": "Asia/Shanghai", "hours": {"mon-fri": ["09:00-17:00"]}}
    with pytest.raises(InvalidInput) as refused:
        BusinessCalendar.from_mapping({**data, "holidays": [typed]}, "cal")
    assert f"write '{day.isoformat()}'" in refused.value.message
