"""A holiday or working day written in ISO 8601's other forms — ``20261003`` (no dashes,
quoted or a bare YAML number) or a week date ``2026-W40-6`` — was read silently as that
day; dates are written one way, ``YYYY-MM-DD``, so each is refused naming it that way."""

from __future__ import annotations

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.sla.calendar import BusinessCalendar

HOURS = {"mon-fri": ["09:00-17:00"]}


def _refusal(holidays: list[object], working_days: dict[str, str] | None = None) -> InvalidInput:
    data = {"timezone": "Asia/Shanghai", "hours": HOURS, "holidays": holidays}
    with pytest.raises(InvalidInput) as raised:
        BusinessCalendar.from_mapping({**data, "working_days": working_days or {}}, "cal")
    return raised.value


@pytest.mark.parametrize("written", ["20261003", 20261003, "2026-W40-6", "2026W406"])
def test_a_holiday_in_another_iso_form_is_refused_naming_the_date(written: object) -> None:
    refusal = _refusal([written])
    assert refusal.field == "cal.holidays[0]"
    assert "write '2026-10-03'" in refusal.message


def test_a_week_without_a_day_is_refused_with_the_format() -> None:
    assert "write YYYY-MM-DD" in _refusal(["2026-W40"]).message


def test_a_working_day_without_dashes_is_refused_naming_the_date() -> None:
    refusal = _refusal([], {"20261010": "mon"})
    assert "write '2026-10-10'" in refusal.message


def test_a_date_with_dashes_is_still_read() -> None:
    data = {"timezone": "Asia/Shanghai", "hours": HOURS, "holidays": ["2026-10-03"]}
    assert BusinessCalendar.from_mapping(data, "cal") is not None
