"""An unquoted date of no real day (``holidays: [2027-02-29]``, which YAML takes for a date
it cannot build) was told 'write a real date (YYYY-MM-DD)', the form it is written in; it is
now told the days its month has, as the same date in quotes is."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.source import read_source


@pytest.mark.parametrize(
    ("day", "words"),
    [("2027-02-29", "from 01 to 28"), ("2026-04-31", "from 01 to 30"), ("2026-13-01", "month")],
)
def test_an_unquoted_date_of_no_day_is_told_the_days_of_its_month(
    tmp_path: Path, day: str, words: str
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(f"holidays: [{day}]\n", "utf-8")
    (problem,) = read_source(path).problems
    assert (problem.location.line, problem.code) == (1, "bad-value")
    assert words in problem.hint
