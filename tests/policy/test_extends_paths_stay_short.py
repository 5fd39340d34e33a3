"""A policy extending ``../shared/base.yaml`` that itself extends ``../common/x.yaml`` was
read at ``retail/../shared/../common/x.yaml``: each ``extends`` through a parent folder
added its own steps to the path every later file was named by, so an error in a policy
ten levels down was reported at a path of twenty steps, and a cycle named each file
longer than the one before. A file is named by the shortest path that reaches it."""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _ladder(tmp_path: Path, levels: int) -> Path:
    """``d<levels>/p.yaml`` extending ``../d<levels-1>/p.yaml`` … down to ``d0/p.yaml``."""
    for level in range(levels + 1):
        (tmp_path / f"d{level}").mkdir()
    (tmp_path / "d0" / "p.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    for level in range(1, levels + 1):
        (tmp_path / f"d{level}" / "p.yaml").write_text(
            f"complaintkit: 1\nextends: ../d{level - 1}/p.yaml\nname: p{level}\n", "utf-8"
        )
    return tmp_path / f"d{levels}" / "p.yaml"


def test_a_mistake_far_down_is_located_at_its_files_own_path(tmp_path: Path) -> None:
    top = _ladder(tmp_path, 6)
    bottom = tmp_path / "d0" / "p.yaml"
    bottom.write_text(bottom.read_text("utf-8") + "bogus: 1\n", "utf-8")
    (problem,) = check_policy(top)
    assert problem.location.file == str(bottom)
    assert problem.location.path == "bogus"


def test_a_cycle_names_each_file_by_its_own_path(tmp_path: Path) -> None:
    top = _ladder(tmp_path, 6)
    (tmp_path / "d1" / "p.yaml").write_text(
        "complaintkit: 1\nextends: ../d6/p.yaml\nname: p1\n", "utf-8"
    )
    (problem,) = check_policy(top)
    assert problem.location.file == str(tmp_path / "d1" / "p.yaml")
    assert ".." not in problem.message
    named = [str(tmp_path / f"d{level}" / "p.yaml") for level in (6, 5, 4, 3, 2, 1, 6)]
    assert " -> ".join(named) in problem.message


def test_a_missing_parent_is_looked_for_at_its_own_path(tmp_path: Path) -> None:
    top = _ladder(tmp_path, 3)
    (tmp_path / "d0" / "p.yaml").unlink()
    (problem,) = check_policy(top)
    assert problem.location.file == str(tmp_path / "d1" / "p.yaml")
    assert f"looked for {tmp_path / 'd0' / 'p.yaml'}" in problem.message


def test_a_parent_reached_through_a_linked_folder_is_still_found(tmp_path: Path) -> None:
    """``link/../base.yaml`` is the link target's neighbour, not ``base.yaml`` beside the
    link: folding its steps away would name another file, or none."""
    (tmp_path / "real" / "sub").mkdir(parents=True)
    (tmp_path / "real" / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "real" / "sub", target_is_directory=True)
    top = tmp_path / "link" / "p.yaml"
    top.write_text("complaintkit: 1\nextends: ../base.yaml\nname: linked\n", "utf-8")
    assert check_policy(top) == []
