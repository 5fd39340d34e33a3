"""A policy extending itself (or its own folder) was told to extend the alphabetically
first file beside it (``aaa.yaml``); it is now told the one whose name is nearest its own
(``retail.yaml`` is pointed to ``retail-base.yaml``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize("written", ["./retail.yaml", ".", "retail.yaml"])
def test_extending_itself_is_pointed_to_the_nearest_name(tmp_path: Path, written: str) -> None:
    for name in ("aaa.yaml", "retail-base.yaml", "zzz.yaml", "store.toml"):
        (tmp_path / name).write_text(BASE.read_text("utf-8"), "utf-8")
    policy = tmp_path / "retail.yaml"
    policy.write_text(f"complaintkit: 1\nextends: '{written}'\n", "utf-8")
    (problem,) = check_policy(policy)
    assert problem.location.path == "extends"
    assert problem.hint.endswith("extends: ./retail-base.yaml")


def test_a_file_alone_is_pointed_to_a_base_file(tmp_path: Path) -> None:
    policy = tmp_path / "retail.yaml"
    policy.write_text("complaintkit: 1\nextends: .\n", "utf-8")
    (problem,) = check_policy(policy)
    assert problem.hint.endswith("extends: ./base.yaml")
