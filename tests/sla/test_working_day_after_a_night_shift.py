"""A date of ``working_days`` whose hours the night shift of the date before runs into is
refused, as the same hours in the weekly ``hours`` are: Friday's 22:00-06:00 and a worked
Saturday from 00:00 would be two business days at once, Saturday's opening inside Friday's
shift, and a count of business days from Friday night would end on Saturday morning."""

from __future__ import annotations

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.sla.calendar import BusinessCalendar

NIGHT = {"timezone": "UTC", "hours": {"fri": ["22:00-06:00"]}}


def test_a_worked_saturday_inside_friday_night_s_shift_is_refused() -> None:
    data = {**NIGHT, "working_days": {"2026-06-06": ["00:00-08:00"]}}
    with pytest.raises(InvalidInput, match="runs into") as caught:
        BusinessCalendar.from_mapping(data)
    assert caught.value.field == "working_days.2026-06-06"
    assert "fri" in caught.value.message
    assert "22:00-06:00" in caught.value.message


@pytest.mark.parametrize(
    "data",
    [
        {**NIGHT, "working_days": {"2026-06-06": ["06:00-12:00"]}},  # from the shift's close
        {**NIGHT, "working_days": {"2026-06-06": "fri"}},  # Saturday's own night shift
        {**NIGHT, "holidays": ["2026-06-05"], "working_days": {"2026-06-06": ["00:00-08:00"]}},
        {  # Friday worked with its own day hours
            **NIGHT,
            "working_days": {"2026-06-05": ["09:00-17:00"], "2026-06-06": ["00:00-08:00"]},
        },
    ],
)
def test_a_worked_date_clear_of_the_night_before_is_kept(data: dict[str, object]) -> None:
    BusinessCalendar.from_mapping(data)
