"""A child policy (or a later file of a folder) that changes a calendar's timezone while
inheriting its hours: the hours are wall-clock times in the calendar's timezone, so a
parent's 09:00-18:00 written for Asia/Shanghai silently became 09:00-18:00 in London
(and its holiday_country's holidays with it). Like a currency changed over inherited
amounts, it is an error at the child's timezone naming what it inherits."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = (Path(__file__).parents[2] / "docs" / "policy" / "base.yaml").read_text("utf-8")
PARENT = BASE + (
    "calendars:\n  office:\n    timezone: Asia/Shanghai\n"
    "    hours: {mon-fri: ['09:00-18:00']}\n    holiday_country: CN\n"
)


def _problems(tmp_path: Path, child: str) -> list[tuple[str, int | None, str, str]]:
    (tmp_path / "base.yaml").write_text(PARENT, "utf-8")
    (tmp_path / "shop.yaml").write_text(
        f"complaintkit: 1\nextends: ./base.yaml\ncalendars:\n  office:\n{child}", "utf-8"
    )
    return [
        (Path(p.location.file).name, p.location.line, p.code, p.message)
        for p in check_policy(tmp_path / "shop.yaml")
        if p.severity == "error"
    ]


def test_a_timezone_changed_over_inherited_hours_is_an_error(tmp_path: Path) -> None:
    ((file, line, code, message),) = _problems(tmp_path, "    timezone: Europe/London\n")
    assert (file, line, code) == ("shop.yaml", 5, "timezone-change")
    assert "Asia/Shanghai" in message
    assert "hours" in message
    assert "holiday_country" in message


@pytest.mark.parametrize(
    "child",
    [
        "    timezone: Europe/London\n    hours: {mon-fri: ['09:00-17:00']}\n"
        "    holiday_country: GB\n",
        "    timezone: Asia/Shanghai\n",
        "    hours: {mon-fri: ['09:00-17:00']}\n",
    ],
)
def test_a_calendar_restated_or_left_in_its_timezone_is_as_before(
    tmp_path: Path, child: str
) -> None:
    assert _problems(tmp_path, child) == []
