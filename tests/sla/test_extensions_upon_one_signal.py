"""Two extensions of one target upon the same signal (SAMR's 经批准延长十五个工作日 written
twice, meaning "may be extended twice") both apply the first time the signal comes, the
second lengthening the period at once, and a second signal extends nothing: ``validate``
said nothing. It is now a warning at the later extension naming the earlier one."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
CODE = "extension-upon-twice"


def _warnings(tmp_path: Path, extend: str) -> list[Problem]:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\n"
        "sla:\n  targets:\n    - when: {field: case.priority, ==: urgent}\n"
        "      resolution: {within: 5 days}\n"
        f"    - resolution: {{within: 15 days, extend: {extend}}}\n",
        "utf-8",
    )
    problems = check_policy(path)
    assert not [p for p in problems if p.severity == "error"], problems
    return [p for p in problems if p.code == CODE]


@pytest.mark.parametrize(
    "extend",
    [
        "[{upon: approved_more, by: 15 days}, {upon: approved_more, by: 15 days}]",
        "[{upon: holding_reply, to: 35 days}, {upon: holding_reply, to: 40 days}]",
    ],
)
def test_a_second_extension_upon_one_signal_is_a_warning(tmp_path: Path, extend: str) -> None:
    (warning,) = _warnings(tmp_path, extend)
    assert warning.severity == "warning"
    assert warning.location.path == "sla.targets[1].resolution.extend[1]"
    assert warning.location.line == 7
    assert "extend[0]" in warning.message
    assert "resolution" in warning.message
    assert warning.hint


def test_extensions_upon_different_signals_say_nothing(tmp_path: Path) -> None:
    extend = "[{upon: holding_reply, to: 35 days}, {upon: approved_more, by: 15 days}]"
    assert _warnings(tmp_path, extend) == []
