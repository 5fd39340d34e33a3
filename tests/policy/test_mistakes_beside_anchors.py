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
    refused = [p.code for p in found if p.code in ("alias", "anchor")]
    assert refused == ["anchor"] + ["alias"] * 9


def test_mistakes_under_an_anchor_are_named(tmp_path: Path) -> None:
    """An anchored value is read in full (only its alias would be left out): a misspelt
    key and an unknown category under ``&name`` are named beside the anchor."""
    path = _write(
        tmp_path,
        "categories:\n  food: &f {label: 食品, lable: x}\n"
        "classification:\n  rules: &r\n    - id: late\n      when: {keywords: [过期]}\n"
        "      then: {category: fod}\n",
    )
    found = [(p.code, p.location.path) for p in check_policy(path) if p.severity == "error"]
    assert ("anchor", "categories.food") in found
    assert ("anchor", "classification.rules") in found
    assert any(path == "categories.food.lable" for _, path in found)
    assert ("unknown-reference", "classification.rules[1].then.category") in found


def test_an_anchor_and_an_alias_on_one_line_are_named_at_the_alias(tmp_path: Path) -> None:
    """``members: &m [*x, li.na]``: the alias is read as nothing, so the line is named
    where it stands, and the anchored list and the mapping around it are still checked."""
    path = _write(
        tmp_path,
        "teams:\n  quality: {label: 品控部, default_owner: li.na, members: &m [*x, li.na]}\n"
        "  desk: {label: 客服中心, defualt_owner: chen.jing}\n",
    )
    found = [(p.code, p.location.path) for p in check_policy(path) if p.severity == "error"]
    assert ("alias", "teams.quality.members[0]") in found
    assert all(code != "anchor" for code, _ in found)
    assert any(path == "teams.desk.defualt_owner" for _, path in found)


def test_an_anchor_the_second_reading_cannot_compose_is_still_refused(tmp_path: Path) -> None:
    """``&a`` and a tab before the file's first key: libyaml's scan reads it (an anchor,
    refused), the pure-Python reader composing the rest stops at the tab with a
    ScannerError, which escaped ``load_policy`` as a traceback (found by
    test_a_policy_text_with_stray_characters_fails_only_with_policy_errors)."""
    path = tmp_path / "p.yaml"
    path.write_text(f"&a\t# an SOP\ncomplaintkit: 1\nextends: {BASE}\n", "utf-8")
    with pytest.raises(PolicyError) as refused:
        load_policy(path)
    assert [p.code for p in refused.value.problems] == ["anchor"]
    assert [p.code for p in check_policy(path)] == ["anchor"]


def test_mistakes_beside_a_merge_key_are_named(tmp_path: Path) -> None:
    """``<<: {label: VIP}`` was refused at the mapping holding it, so what else the
    mapping held (a misspelt default_owner) went unchecked; it is refused at the key."""
    path = _write(
        tmp_path,
        "teams:\n  vip:\n    <<: {label: VIP}\n    defualt_owner: amy\n    label: VIP组\n",
    )
    found = [(p.code, p.location.path) for p in check_policy(path) if p.severity == "error"]
    assert ("alias", "teams.vip.<<") in found
    assert any(path == "teams.vip.defualt_owner" for _, path in found)
