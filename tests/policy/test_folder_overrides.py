"""Files of one policy folder are peers: a value two of them set differently is a warning
naming both files (the later file still wins, as documented); values they merely add
(a category each, rows with their own ids) or set alike (``complaintkit: 1``) are not."""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import checked_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _folder(tmp_path: Path, later: str) -> Path:
    (tmp_path / "10-base.yaml").write_text(BASE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "20-more.yaml").write_text("complaintkit: 1\n" + later, encoding="utf-8")
    return tmp_path


def _overrides(tmp_path: Path, later: str) -> list[str]:
    policy, problems = checked_policy(_folder(tmp_path, later))
    assert policy is not None, problems
    return [str(p) for p in problems if p.code == "folder-override"]


def test_a_value_two_files_set_is_a_warning_naming_both(tmp_path: Path) -> None:
    [found] = _overrides(tmp_path, "teams:\n  desk: {default_owner: li.na}\n")
    assert "20-more.yaml:3:10 (at teams.desk.default_owner): warning" in found
    assert "10-base.yaml:22" in found


def test_a_row_two_files_define_is_a_warning_naming_both(tmp_path: Path) -> None:
    later = (
        "classification:\n  rules:\n    - id: spoiled\n"
        "      when: {keywords: [坏了]}\n"
        "      then: {category: product, severity: major, priority: high}\n"
    )
    [found] = _overrides(tmp_path, later)
    assert "20-more.yaml:4:7 (at classification.rules[0])" in found
    assert "spoiled" in found
    assert "10-base.yaml:27" in found


def test_additions_and_equal_values_are_not_overrides(tmp_path: Path) -> None:
    later = (
        "name: docs-base\n"
        "categories: {billing: {label: {en: Billing}}}\n"
        "classification:\n  rules:\n    - id: late\n"
        "      when: {keywords: [late]}\n"
        "      then: {category: delivery, severity: minor, priority: normal}\n"
    )
    assert _overrides(tmp_path, later) == []
