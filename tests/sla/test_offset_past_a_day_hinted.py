"""``timezone: UTC+25`` (or ``-24:00``, ``GMT+99``) was told it 'is not an offset within a
day' with an empty hint line; it is now told the offsets places keep and a zone name."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize("offset", ["UTC+25", "UTC-24:00", "GMT+99", "+24"])
def test_an_offset_of_a_day_or_more_is_told_what_to_write(tmp_path: Path, offset: str) -> None:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    policy = tmp_path / "p.yaml"
    policy.write_text(
        "complaintkit: 1\nextends: ./base.yaml\ncalendars:\n"
        f"  office: {{timezone: '{offset}', hours: 24x7}}\n",
        "utf-8",
    )
    (problem,) = check_policy(policy)
    assert (problem.location.line, problem.location.path) == (4, "calendars.office.timezone")
    assert "UTC+08:00" in problem.hint
