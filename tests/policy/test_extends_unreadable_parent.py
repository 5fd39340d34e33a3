"""A policy that extends one that cannot be read still has its own mistakes named.

Found checking policy authoring: a child with ``extends: ./broken.yaml`` (malformed
YAML) and ``name: 5`` got the parent's YAML error only; fixing it revealed the child's
own errors in the next run. As for a folder with an unreadable file
(``test_folder_unreadable_file``), each readable file of the chain is checked for what
it alone gets wrong.
"""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import check_policy

CHILD = """\
extends: ./middle.yaml
name: 5
teams:
  desk: {label: Desk, members: lin, default_owner: lin}
"""


def _chain(tmp_path: Path) -> Path:
    (tmp_path / "broken.yaml").write_text("complaintkit: 1\ncategories: [broken\n", "utf-8")
    (tmp_path / "middle.yaml").write_text("extends: ./broken.yaml\ndescription: [x]\n", "utf-8")
    (tmp_path / "child.yaml").write_text(CHILD, "utf-8")
    return tmp_path / "child.yaml"


def test_the_parents_error_and_each_files_own_errors_come_in_one_run(tmp_path: Path) -> None:
    problems = check_policy(_chain(tmp_path))
    found = {(Path(p.location.file).name, p.location.path) for p in problems}
    assert ("child.yaml", "name") in found
    assert ("child.yaml", "teams.desk.members") in found
    assert ("middle.yaml", "description") in found
    assert any(name == "broken.yaml" for name, _ in found)
    assert all(p.severity == "error" for p in problems)


def test_what_the_unreadable_parent_would_supply_is_not_reported(tmp_path: Path) -> None:
    """The required sections may be in the parent that could not be read."""
    child = _chain(tmp_path)
    child.write_text("extends: ./broken.yaml\nname: Shop\n", "utf-8")
    problems = check_policy(child)
    assert {Path(p.location.file).name for p in problems} == {"broken.yaml"}


def test_a_missing_parent_is_reported_with_the_childs_own_errors(tmp_path: Path) -> None:
    child = tmp_path / "child.yaml"
    child.write_text("extends: ./nowhere.yaml\nname: 5\n", "utf-8")
    problems = check_policy(child)
    assert {p.location.path for p in problems} == {"extends", "name"}


def test_what_the_reader_stepped_over_in_the_child_is_kept(tmp_path: Path) -> None:
    """A value the reader could not use (a number too long to build) is named too."""
    child = _chain(tmp_path)
    child.write_text(
        "extends: ./broken.yaml\nname: Shop\ncomplaintkit: " + "9" * 5000 + "\n", "utf-8"
    )
    problems = check_policy(child)
    assert any(p.location.file == str(child) and p.code == "bad-value" for p in problems)
