"""A hint for an unknown id offers only ids a policy can use.

Found checking policy authoring: with ``物流:`` declared among the categories (refused: ids
are ASCII), a rule's ``category: delivered`` was told to use one of "product, …, 物流", and a
comparison with ``物流a`` was asked "did you mean '物流'?" — an id the same run refuses.
"""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
#: base.yaml's categories plus one whose id is refused and one only its case tells apart.
CATEGORIES = """categories:
  物流: {label: {zh: 物流}}
  Parcel-X: {label: {en: Parcels}}
"""


def _hints(tmp_path: Path, text: str) -> dict[str, str]:
    path = tmp_path / "p.yaml"
    path.write_text(f"complaintkit: 1\nextends: {BASE}\n{CATEGORIES}{text}", "utf-8")
    return {p.location.path: p.hint for p in check_policy(path)}


def test_an_unknown_category_is_offered_only_usable_ids(tmp_path: Path) -> None:
    hints = _hints(
        tmp_path,
        """classification:
  rules:
    - id: lost
      when: {keywords: [丢件]}
      then: {category: delivered, severity: major, priority: high}
  default: {category: other, severity: minor, priority: normal}
""",
    )
    hint = hints["classification.rules[1].then.category"]  # after base.yaml's row
    assert "物流" not in hint
    assert "'delivery'" in hint
    assert "Parcel-X" in hint  # a usable id is still listed


def test_an_unknown_compared_category_is_not_matched_to_a_refused_id(tmp_path: Path) -> None:
    hints = _hints(
        tmp_path,
        """routing:
  rules:
    - id: parcels
      when: {field: case.category, ==: 物流a}
      then: {team: logistics}
  default: {team: desk}
""",
    )
    assert "物流" not in hints["routing.rules[1].when.=="].replace("物流a", "")


def test_an_id_written_in_another_case_is_offered_as_declared(tmp_path: Path) -> None:
    hints = _hints(
        tmp_path,
        """classification:
  rules:
    - id: parcels
      when: {keywords: [包裹]}
      then: {category: parcel-x, severity: major, priority: high}
  default: {category: other, severity: minor, priority: normal}
""",
    )
    assert hints["classification.rules[1].then.category"].startswith("did you mean 'Parcel-X'?")
