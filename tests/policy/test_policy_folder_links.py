"""A policy folder's files are all read: a symbolic link among them that leads nowhere is
a policy file that cannot be read, not one to step over in silence."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize("target", ["missing.yaml", "overrides.yaml"])
def test_a_broken_link_in_a_policy_folder_is_an_error_at_it(tmp_path: Path, target: str) -> None:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    os.symlink(tmp_path / target, tmp_path / "overrides.yaml")  # dangling, or a loop
    problems = [p for p in check_policy(tmp_path) if p.severity == "error"]
    assert [(p.code, Path(p.location.file).name) for p in problems] == [
        ("unreadable", "overrides.yaml")
    ]
    assert target in problems[0].message


def test_a_link_to_a_policy_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    (tmp_path / "policy").mkdir()
    os.symlink(tmp_path / "shared" / "base.yaml", tmp_path / "policy" / "base.yaml")
    assert [p for p in check_policy(tmp_path / "policy") if p.severity == "error"] == []
