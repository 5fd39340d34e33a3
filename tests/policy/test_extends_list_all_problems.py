"""``extends: [good, broken]``: every file of the list has its mistakes named in one run.

Found checking policy authoring: when one parent of an ``extends`` list could not be
read, the other parents' own mistakes (a duplicate key the reader stepped over, a value
of the wrong type) went unreported until it was fixed, and a parent listed after the
broken one was not read at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

GOOD = """\
complaintkit: 1
name: good
name: twice
teams:
  desk: {label: Desk, members: lin}
"""


@pytest.mark.parametrize(
    "listed", [["./good.yaml", "./broken.yaml"], ["./broken.yaml", "./good.yaml"]]
)
def test_every_parent_of_an_extends_list_is_checked_when_one_is_unreadable(
    tmp_path: Path, listed: list[str]
) -> None:
    (tmp_path / "good.yaml").write_text(GOOD, "utf-8")
    (tmp_path / "broken.yaml").write_text("complaintkit: 1\nname: [b\n", "utf-8")
    child = tmp_path / "child.yaml"
    child.write_text(f"extends: [{', '.join(listed)}]\ndescription: [x]\n", "utf-8")
    found = {(Path(p.location.file).name, p.location.path, p.code) for p in check_policy(child)}
    names = {(name, path) for name, path, _ in found}
    assert ("good.yaml", "name") in names  # the duplicate the reader stepped over
    assert ("good.yaml", "teams.desk.members") in names  # wrong type, found by the schema
    assert ("child.yaml", "description") in names
    assert any(name == "broken.yaml" and code == "syntax" for name, _, code in found)


def test_a_broken_parent_reached_along_many_routes_is_read_once(tmp_path: Path) -> None:
    """Each level extends the next twice: read once per route, that is 2**15 reads."""
    (tmp_path / "p15.yaml").write_text("complaintkit: 1\nname: [b\n", "utf-8")
    for level in range(15):
        below = f"./p{level + 1}.yaml"
        (tmp_path / f"p{level}.yaml").write_text(f"extends: [{below}, {below}]\n", "utf-8")
    problems = check_policy(tmp_path / "p0.yaml")
    assert [Path(p.location.file).name for p in problems] == ["p15.yaml"]
