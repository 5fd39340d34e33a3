"""Holiday and working-day dates written the way a notice or a spreadsheet writes them are
refused naming the date to write, and a date that reads two ways says both."""

from __future__ import annotations

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.sla.calendar import BusinessCalendar

HOURS = {"mon-fri": ["09:00-17:00"]}


def _refusal(holidays: list[object], working_days: dict[str, str] | None = None) -> str:
    data = {"timezone": "Asia/Shanghai", "hours": HOURS, "holidays": holidays}
    with pytest.raises(InvalidInput) as raised:
        BusinessCalendar.from_mapping({**data, "working_days": working_days or {}}, "cal")
    return raised.value.message


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("2026年10月1日", "2026-10-01"),
        ("2026年1月1号", "2026-01-01"),
        ("\uff12\uff10\uff12\uff16年\uff11\uff10月\uff11日", "2026-10-01"),  # full-width digits
        ("2026/10/1", "2026-10-01"),
        ("2026.10.01", "2026-10-01"),
        ("25/12/2026", "2026-12-25"),
        ("12/25/2026", "2026-12-25"),
    ],
)
def test_a_date_written_otherwise_is_refused_naming_the_date(written: str, meant: str) -> None:
    assert f"write {meant!r}" in _refusal([written])


def test_a_date_that_reads_two_ways_names_both() -> None:
    message = _refusal(["10/01/2026"])
    assert "'2026-10-01'" in message
    assert "'2026-01-10'" in message


def test_a_working_day_written_in_chinese_is_refused_naming_the_date() -> None:
    assert "write '2026-10-10'" in _refusal([], {"2026年10月10日": "mon"})


@pytest.mark.parametrize("written", ["2026年2月30日", "13/13/2026", "tomorrow"])
def test_no_date_at_all_is_refused_with_the_format(written: str) -> None:
    assert "write YYYY-MM-DD" in _refusal([written])


def test_a_working_day_with_no_intervals_is_refused() -> None:
    """Listed as worked, yet closed: the author meant its hours, or a holiday."""
    data = {"timezone": "Asia/Shanghai", "hours": HOURS, "working_days": {"2026-10-10": []}}
    with pytest.raises(InvalidInput) as raised:
        BusinessCalendar.from_mapping(data, "cal")
    assert raised.value.field == "cal.working_days.2026-10-10"
    assert "holidays" in raised.value.message
