"""A calendar that works only on the dates it lists under ``working_days`` (a seasonal desk,
a temporary team) cannot count business time after the last of them, so a policy counting
business time on it is refused. The error said the calendar "has no working time", which
its author, looking at the dates worked, could not believe; it now says the time ends with
the dates it lists, and the hint asks for weekly hours."""

from __future__ import annotations

from typing import Any

import pytest

from complaintkit.errors import PolicyError
from complaintkit.sla.policy import compile_sections

SEASON = {
    "timezone": "Asia/Shanghai",
    "hours": {},
    "working_days": {"2026-12-07": ["09:00-17:00"], "2026-12-08": ["09:00-17:00"]},
}
WEEKDAYS = {"timezone": "Asia/Shanghai", "hours": {"mon-fri": ["09:00-17:00"]}}


def _refused(calendars: dict[str, Any], name: str) -> str:
    document = {
        "calendars": calendars,
        "sla": {"calendar": name, "targets": [{"resolution": "3 business days"}]},
    }
    with pytest.raises(PolicyError) as raised:
        compile_sections(document)
    return str(raised.value)


def test_a_calendar_of_listed_dates_is_told_its_time_ends_with_them() -> None:
    message = _refused({"season": SEASON}, "season")
    assert "'season' has no working time after the dates it lists" in message
    assert "weekly hours" in message


def test_an_intersection_with_one_is_told_so_too() -> None:
    calendars = {
        "season": SEASON,
        "weekdays": WEEKDAYS,
        "both": {"intersect": ["weekdays", "season"]},
    }
    assert "'both' has no working time after the dates it lists" in _refused(calendars, "both")


def test_a_calendar_without_any_hours_is_told_it_has_none() -> None:
    message = _refused({"idle": {"timezone": "UTC", "hours": {}}}, "idle")
    assert "'idle' has no working time, yet" in message
