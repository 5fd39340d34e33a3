"""An extension whose ``to:`` is no longer than the target's own ``within`` (``to: 10
business days`` on a 15-business-day clock, a row's 35 copied beside a row's 40) lengthens
nothing when its signal comes, which ``validate`` did not say: the SOP's "extend to" was a
silent no-op. It is now a warning at the extension naming the metric, the row and both
durations; a longer one, or one of another kind that may be longer, says nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
CODE = "extension-lengthens-nothing"


def _warnings(tmp_path: Path, rows: str) -> list[Problem]:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\n"
        "calendars: {office: {timezone: Asia/Shanghai, hours: {mon-fri: ['09:00-18:00']}}}\n"
        f"sla:\n  calendar: office\n  targets:\n{rows}",
        "utf-8",
    )
    problems = check_policy(path)
    assert not [p for p in problems if p.severity == "error"], problems
    return [p for p in problems if p.code == CODE]


@pytest.mark.parametrize(
    ("within", "extension"),
    [
        ("15 business days", "{upon: holding_reply, to: 10 business days}"),
        ("15 business days", "{upon: holding_reply, to: 15 business days}"),
        ("15个工作日", "{upon: holding_reply, to: 10个工作日}"),
        ("48h", "{upon: holding_reply, to: 24h}"),
        ("8 weeks", "{upon: holding_reply, to: 30 days}"),
        # calendar time within business time: a business hour or day is never shorter
        ("15 business days", "{upon: holding_reply, to: 15 days}"),
        ("20 business hours", "{upon: holding_reply, to: 12h}"),
        ("2h", "{upon: holding_reply, by: 0h}"),
    ],
)
def test_an_extension_no_longer_than_the_target_is_a_warning(
    tmp_path: Path, within: str, extension: str
) -> None:
    rows = f"    - resolution: {{within: {within}, extend: [{extension}]}}\n"
    (warning,) = _warnings(tmp_path, rows)
    assert warning.severity == "warning"
    assert warning.location.path == "sla.targets[0].resolution.extend[0]"
    assert warning.location.line == 7
    assert "resolution" in warning.message
    assert "sla.targets[0]" in warning.message
    assert within in warning.message
    assert "holding_reply" in warning.message
    assert warning.hint


def test_each_row_is_weighed_against_its_own_within(tmp_path: Path) -> None:
    rows = (
        "    - when: {field: case.priority, ==: urgent}\n"
        "      resolution: {within: 5 business days,\n"
        "                   extend: [{upon: holding_reply, to: 35 business days}]}\n"
        "    - resolution: {within: 40 business days,\n"
        "                   extend: [{upon: holding_reply, to: 35 business days}]}\n"
    )
    (warning,) = _warnings(tmp_path, rows)
    assert warning.location.path == "sla.targets[1].resolution.extend[0]"
    assert warning.location.line == 11
    assert "40 business days" in warning.message
    assert "35 business days" in warning.message
    assert "sla.targets[1]" in warning.message


@pytest.mark.parametrize(
    ("within", "extension"),
    [
        ("15 business days", "{upon: holding_reply, to: 35 business days}"),
        ("15 business days", "{upon: extension_approved, by: 15 business days}"),
        ("15日", "{upon: extension_approved, by: 15日}"),
        ("24h", "{upon: holding_reply, to: 2 days}"),  # a day may be 25 hours: not compared
        ("15 days", "{upon: holding_reply, to: 12 business days}"),  # may end later
        ("15 business days", "{upon: holding_reply, to: 20 days}"),  # may end later
        ("8 business hours", "{upon: holding_reply, to: 1 business day}"),
    ],
)
def test_an_extension_that_may_be_longer_is_not_warned_of(
    tmp_path: Path, within: str, extension: str
) -> None:
    rows = f"    - resolution: {{within: {within}, extend: [{extension}]}}\n"
    assert _warnings(tmp_path, rows) == []
