"""A hit policy written as a Chinese SOP says it (``hit_policy: 首个``, ``唯一``, ``收集``) was
refused with 'see docs/policies.md or the schema'; the refusal now names the one to write,
as it does for a misspelt one."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize(
    ("written", "meant"),
    [("首个", "first"), ("第一个", "first"), ("唯一", "unique"), ("优先级", "priority"),
     ("收集", "collect"), ("全部", "collect")],
)  # fmt: skip
def test_a_hit_policy_in_chinese_names_the_one_to_write(
    tmp_path: Path, written: str, meant: str
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(f"complaintkit: 1\nextends: {BASE}\nrouting:\n  hit_policy: {written}\n")
    (problem,) = check_policy(path)
    assert problem.location.path == "routing.hit_policy"
    assert problem.hint.startswith(f"write {meant} ")
