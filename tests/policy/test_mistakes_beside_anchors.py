"""A file refused for an anchor or alias still has its other mistakes reported.

Found writing an SOP as a policy: ``drink: *f`` (an alias, refused) stopped the file's
checking there, so a duplicate row id and ``category: fod`` beside it waited for the next
run. The rest of the file is now read with each alias left out, never expanded.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.compiled import check_policy, load_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text(f"complaintkit: 1\nextends: {BASE}\n{text}", "utf-8")
    return path


def test_a_misspelt_category_beside_an_alias_is_named_in_the_same_run(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "categories:\n  food: &f {label: 食品}\n  drink: *f\n"
        "classification:\n  rules:\n    - id: late\n      when: {keywords: [过期]}\n"
        "      then: {category: fod}\n",
    )
    found = [(p.code, p.location.path) for p in check_policy(path) if p.severity == "error"]
    assert ("alias", "categories.drink") in found
    assert ("unknown-reference", "classification.rules[1].then.category") in found
    with pytest.raises(PolicyError):
        load_policy(path)  # still refused


def test_a_section_written_as_an_alias_does_not_wipe_the_parents(tmp_path: Path) -> None:
    """``teams: *nope`` is left out, not read as null: base.yaml's rows naming its teams
    are not told the policy declares none."""
    found = check_policy(_write(tmp_path, "teams: *nope\n"))
    assert [(p.code, p.location.path) for p in found] == [("alias", "teams")]


def test_an_alias_bomb_is_still_refused_without_expanding(tmp_path: Path) -> None:
    """Nine aliases of the level below at each of ten levels: 9**10 items if expanded."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    found = check_policy(_write(tmp_path, "\n".join(lines) + "\n"))
    assert [p.code for p in found if p.severity == "error"] == ["alias"] * 10
