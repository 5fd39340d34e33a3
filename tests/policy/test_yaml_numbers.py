"""The hint for a YAML number that is not what its digits say names the value to quote."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

POLICY = """complaintkit: 1
name: shop
categories: {other: {label: Other}}
severities: {minor: {label: Minor}}
priorities: {normal: {label: Normal}}
teams: {desk: {label: Desk, default_owner: chen.jing}}
classification: {rules: [], default: {category: other, severity: minor, priority: normal}}
routing: {rules: [], default: {team: desk}}
"""


@pytest.mark.parametrize("written", ["9:30", "0x1F", "012345", "0b101"])
def test_the_hint_quotes_the_value_as_written(tmp_path: Path, written: str) -> None:
    """The hint said `quote it if it is text ("012345")` whatever was written: for an
    opening time 9:30 it showed another value to quote."""
    policy = tmp_path / "shop.yaml"
    policy.write_text(POLICY + f"description: {written}\n", "utf-8")
    (problem,) = check_policy(policy)
    assert f'("{written}")' in problem.hint
