"""A calendar's ``hours`` written as a number (``hours: 2026.1``, ``1e3``, ``.5``, ``-0``, a
number of 26 digits, NaN) or as one interval without its weekdays was told ``expected a
mapping of weekdays to intervals, or '24x7' … (got 2026.1)`` with an empty hint line, and
``true`` as Python's ``True``; NaN and infinity were told to write a finite number, which
``hours`` refuses too. Each is now told, at ``hours``, to write each working day's
intervals or 24x7, with the value as the file has it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _hours(folder: Path, written: str, suffix: str = ".yaml") -> list[Problem]:
    (folder / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    policy = folder / f"p{suffix}"
    if suffix == ".json":
        text = (
            '{"complaintkit": 1, "extends": "./base.yaml", "calendars": {"office": '
            f'{{"timezone": "Asia/Shanghai",\n "hours": {written}}}}}}}\n'
        )
    elif suffix == ".toml":
        text = (
            'complaintkit = 1\nextends = "./base.yaml"\n[calendars.office]\n'
            f'timezone = "Asia/Shanghai"\nhours = {written}\n'
        )
    else:
        text = (
            "complaintkit: 1\nextends: ./base.yaml\ncalendars:\n  office:\n"
            f"    timezone: Asia/Shanghai\n    hours: {written}\n"
        )
    policy.write_text(text, "utf-8")
    return check_policy(policy)


def _told_at_hours(problems: list[Problem]) -> Problem:
    (problem,) = problems
    assert problem.location.path == "calendars.office.hours"
    assert problem.location.line in (2, 5, 6)  # JSON, TOML, YAML
    assert "24x7" in problem.hint
    assert "mon-fri" in problem.hint
    assert "09:00-18:00" in problem.hint
    return problem


@pytest.mark.parametrize(
    "written",
    ["2026.1", "1e3", ".5", "-0", "24", "99999999999999999999999999", "true", "[1]", "9-18"],
)
def test_hours_of_another_kind_are_told_what_to_write(tmp_path: Path, written: str) -> None:
    problem = _told_at_hours(_hours(tmp_path, written))
    assert "True" not in problem.message


@pytest.mark.parametrize("written", [".nan", ".inf", "-.inf", "1.0e+400"])
def test_hours_that_are_no_number_at_all_are_told_to_write_hours(
    tmp_path: Path, written: str
) -> None:
    problem = _told_at_hours(_hours(tmp_path, written))
    assert "finite" not in problem.hint


def test_one_interval_without_its_weekdays_is_told_to_put_them_first(tmp_path: Path) -> None:
    problem = _told_at_hours(_hours(tmp_path, "'09:00-18:00'"))
    assert "{mon-fri: ['09:00-18:00']}" in problem.hint


@pytest.mark.parametrize(
    ("suffix", "written"),
    [(".json", "2026.1"), (".json", "true"), (".toml", "2026.1"), (".toml", "nan")],
)
def test_json_and_toml_hours_are_told_too(tmp_path: Path, suffix: str, written: str) -> None:
    problem = _told_at_hours(_hours(tmp_path, written, suffix))
    assert "True" not in problem.message


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.one_of(
        st.integers(min_value=-(10**30), max_value=10**30),
        st.floats(allow_nan=False, allow_infinity=False),
    )
)
def test_any_number_for_hours_is_told_what_to_write(tmp_path: Path, number: float) -> None:
    _told_at_hours(_hours(tmp_path, repr(number)))
