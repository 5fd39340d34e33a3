"""A calendar's holiday_country / holiday_subdivision that the holidays package does not
know: an error at that key, in our own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.policy.compiled import check_policy
from complaintkit.sla.calendar import BusinessCalendar

OFFICE = {"timezone": "Asia/Shanghai", "hours": "24x7"}


@pytest.mark.parametrize(
    ("extra", "field", "named"),
    [
        ({"holiday_country": "XX"}, "holiday_country", "XX"),
        ({"holiday_country": "CN", "holiday_subdivision": "ZZ"}, "holiday_subdivision", "ZZ"),
    ],
)
def test_an_unknown_code_is_named_at_its_key_under_the_calendars_path(
    extra: dict[str, str], field: str, named: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        BusinessCalendar.from_mapping({**OFFICE, **extra}, "calendars.office")
    assert refused.value.field == f"calendars.office.{field}"
    assert refused.value.message.startswith(f"{named} is not a ")
    assert "holidays package knows" in refused.value.message


def test_validate_points_at_the_line_of_holiday_country(tmp_path: Path) -> None:
    path = tmp_path / "hol.yaml"
    path.write_text(
        "complaintkit: 1\ncalendars:\n  office:\n    timezone: Asia/Shanghai\n"
        "    hours: 24x7\n    holiday_country: XX\n",
        "utf-8",
    )
    (problem,) = [p for p in check_policy(path) if p.location.path.startswith("calendars")]
    assert problem.location.path == "calendars.office.holiday_country"
    assert (problem.location.line, problem.location.column) == (6, 5)
    assert "e.g. CN, GB, US" in problem.hint
