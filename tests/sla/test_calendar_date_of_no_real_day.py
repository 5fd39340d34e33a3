"""A calendar date in the right form that is no day (``2027-02-29``, ``2026-04-31``,
``2026-13-01``) was told to ``write YYYY-MM-DD``, the form it is already written in; it is
now told the days the month has (or the months a year has)."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize(
    ("day", "words"),
    [
        ("2027-02-29", "from 01 to 28"),
        ("2028-02-30", "from 01 to 29"),
        ("2026-04-31", "from 01 to 30"),
        ("2026-12-32", "from 01 to 31"),
        ("2026-13-01", "month from 01 to 12"),
        ("2026-00-10", "month from 01 to 12"),
    ],
)
def test_a_date_of_no_real_day_is_told_the_days_of_its_month(
    tmp_path: Path, day: str, words: str
) -> None:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    policy = tmp_path / "p.yaml"
    policy.write_text(
        "complaintkit: 1\nextends: ./base.yaml\ncalendars:\n"
        f"  office: {{timezone: UTC, hours: 24x7, holidays: ['{day}']}}\n",
        "utf-8",
    )
    (problem,) = check_policy(policy)
    assert problem.location.path == "calendars.office.holidays[0]"
    assert words in problem.hint
