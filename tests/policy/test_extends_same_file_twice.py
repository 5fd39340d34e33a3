"""One policy named twice in one ``extends:`` list — as written twice, by two relative
paths (``./base.yaml`` and ``rules/../base.yaml``), or through a symbolic link — was taken
without a word, though the second adds nothing and is most often a slip for another
file. It is now a warning at the second naming, saying where the first is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy, load_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _twice(policy: Path) -> list[Problem]:
    return [p for p in check_policy(policy) if p.code == "extends-twice"]


@pytest.mark.parametrize(
    "second", ["./base.yaml", "base.yaml", "rules/../base.yaml", "./link.yaml", "ABS"]
)
def test_a_policy_extended_twice_is_named_at_the_second(tmp_path: Path, second: str) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    os.symlink("base.yaml", tmp_path / "link.yaml")
    second = str(tmp_path / "base.yaml") if second == "ABS" else second
    child = tmp_path / "child.yaml"
    child.write_text(f"complaintkit: 1\nextends:\n  - ./base.yaml\n  - {second}\n", "utf-8")
    (problem,) = _twice(child)
    assert (problem.severity, problem.location.line, problem.location.path) == (
        "warning",
        4,
        "extends[1]",
    )
    assert f"{child}:3" in problem.message
    assert load_policy(child).catalog is not None  # the policy still loads, as it merges


def test_policies_extended_once_each_are_no_warning(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    (tmp_path / "a.yaml").write_text("complaintkit: 1\nextends: ./base.yaml\n", "utf-8")
    (tmp_path / "b.yaml").write_text("complaintkit: 1\nextends: ./base.yaml\n", "utf-8")
    child = tmp_path / "child.yaml"  # base.yaml along two routes: each route names it once
    child.write_text("complaintkit: 1\nextends: [./a.yaml, ./b.yaml]\n", "utf-8")
    assert _twice(child) == []
