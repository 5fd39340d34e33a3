"""Files of one policy folder are peers: a value two of them set differently is a warning
naming both files (the later file still wins, as documented); values they merely add
(a category each, rows with their own ids) or set alike (``complaintkit: 1``) are not."""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import checked_policy
from complaintkit.policy.document import load_document

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


def _shape_overrides(tmp_path: Path, later: str) -> list[str]:
    """Folder-override warnings of a folder whose later file may not pass the schema."""
    document = load_document(_folder(tmp_path, later))
    return [str(p) for p in document.problems if p.code == "folder-override"]


def test_a_scalar_replacing_a_mapping_is_a_warning_naming_both(tmp_path: Path) -> None:
    [found] = _shape_overrides(tmp_path, "teams:\n  desk: Complaint desk\n")
    assert "20-more.yaml:3:3 (at teams.desk): warning" in found
    assert "10-base.yaml:22:3" in found
    assert "a mapping" in found
    assert "text" in found


def test_a_mapping_replacing_a_scalar_is_a_warning_naming_both(tmp_path: Path) -> None:
    [found] = _shape_overrides(tmp_path, "name:\n  en: docs\n")
    assert "20-more.yaml:2:1 (at name): warning" in found
    assert "10-base.yaml:6:1" in found


def test_a_list_replacing_a_mapping_or_rows_is_a_warning(tmp_path: Path) -> None:
    later = "routing: [quality, desk]\nclassification:\n  rules: {spoiled: product}\n"
    found = _shape_overrides(tmp_path, later)
    assert len(found) == 2, found
    assert "(at routing): warning" in found[0]
    assert "10-base.yaml:31:1" in found[0]
    assert "(at classification.rules): warning" in found[1]
    assert "10-base.yaml:26:3" in found[1]


def test_an_empty_mapping_over_a_mapping_changes_nothing(tmp_path: Path) -> None:
    assert _shape_overrides(tmp_path, "teams: {}\nrouting: {}\n") == []


def test_a_value_replaced_whole_is_not_compared_again_below(tmp_path: Path) -> None:
    (tmp_path / "30-last.yaml").write_text(
        "complaintkit: 1\nteams:\n  desk: {default_owner: li.na}\n", encoding="utf-8"
    )
    found = _shape_overrides(tmp_path, "teams:\n  desk: Complaint desk\n")
    assert len(found) == 2, found
    assert "30-last.yaml:3:3 (at teams.desk)" in found[1]
    assert "20-more.yaml:3:3" in found[1]
    assert "10-base.yaml" not in found[1]
