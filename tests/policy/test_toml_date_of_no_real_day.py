"""A TOML policy's unquoted date of no real day (``holidays = [2026-02-30]``), which the
TOML parser refuses, was told the parser's own words; it is now told the days its month
has (or the months a year has), as the same date in a YAML or JSON policy is."""

from __future__ import annotations

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.source import parse_text
from complaintkit.sla.date_advice import date_advice

DAYS = ["2026-02-30", "2027-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-06-00"]


@pytest.mark.parametrize("day", DAYS)
@pytest.mark.parametrize("where", ["holidays = [{}]", "holidays = [\n  '2026-01-01',\n  {},\n]"])
def test_a_toml_date_of_no_day_is_told_what_yaml_and_json_are(day: str, where: str) -> None:
    text = "complaintkit = 1\n[calendars.office]\n" + where.format(day) + "\n"
    with pytest.raises(PolicyError) as refused:
        parse_text(text, "policy.toml", ".toml")
    (problem,) = refused.value.problems
    line = next(n for n, row in enumerate(text.split("\n"), 1) if day in row)
    column = text.split("\n")[line - 1].index(day) + 1
    assert (problem.location.file, problem.location.line) == ("policy.toml", line)
    assert problem.location.column == column
    assert f"{day!r} is not a usable date" in problem.message
    assert problem.hint == date_advice(day)


def test_a_toml_date_and_time_of_no_day_names_the_date() -> None:
    text = "complaintkit = 1\nat = 2026-02-30T09:00:00+08:00\n"
    with pytest.raises(PolicyError) as refused:
        parse_text(text, "policy.toml", ".toml")
    (problem,) = refused.value.problems
    assert "'2026-02-30' is not a usable date" in problem.message
    assert "February 2026 has 28 days" in problem.hint
