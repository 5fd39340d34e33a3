"""A target row whose first response falls due after its resolution: ``first_response:
48h`` beside ``resolution: 24h``, the two numbers swapped as an SOP table is copied.

A resolution is an answer the customer sees, so it stops the first-response clock too:
the first-response target could never be the one a case missed, and its warnings and
letters promised a reply two days out for a complaint due to be solved in one. It loaded
without a word; it is now a warning at the first response naming the resolution.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _warnings(tmp_path: Path, row: str) -> list[Problem]:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\n"
        "calendars: {office: {timezone: Asia/Shanghai, hours: {mon-fri: ['09:00-18:00']}}}\n"
        f"sla:\n  targets:\n    - {row}\n",
        "utf-8",
    )
    problems = check_policy(path)
    assert not [p for p in problems if p.severity == "error"], problems
    return [p for p in problems if p.code == "response-after-resolution"]


@pytest.mark.parametrize(
    "row",
    [
        "{first_response: 48h, resolution: 24h}",
        "{first_response: 5 business days, resolution: 3 business days, calendar: office}",
        "{resolution: 1 day, first_response: 2 days}",
    ],
)
def test_a_first_response_due_after_the_resolution_is_a_warning(tmp_path: Path, row: str) -> None:
    (warning,) = _warnings(tmp_path, row)
    assert warning.severity == "warning"
    assert warning.location.path == "sla.targets[0].first_response"
    assert warning.location.line == 6
    assert "resolution" in warning.message
    assert "swap" in warning.hint


@pytest.mark.parametrize(
    "row",
    [
        "{first_response: 24h, resolution: 48h}",
        "{first_response: 24h, resolution: 24h}",
        "{first_response: 2 days, resolution: 40h}",  # a day is 23 to 25 hours
        "{first_response: 3 business days, resolution: 2 days, calendar: office}",
        "{first_response: {within: 48h, calendar: office}, resolution: 24h}",
    ],
)
def test_targets_in_order_or_not_comparable_pass(tmp_path: Path, row: str) -> None:
    assert _warnings(tmp_path, row) == []
