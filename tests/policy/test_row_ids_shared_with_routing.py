"""A routing row may not share its id with a classification row: both tables decide at
intake and the case's ``classified`` event records the rows of both, so ``milk`` there
would name two rules. Two classification tables sharing an id were refused, a
classification and a routing table sharing one loaded in silence; it is now the same error
at the routing row, naming the classification row and its line. Compensation rows decide
later, in events of their own, and may reuse an id (a ``food-safety`` row for the
``food-safety`` cases)."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.compiled import check_policy, load_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
_POLICY = (
    "complaintkit: 1\n"
    f"extends: {BASE}\n"
    "classification:\n"
    "  rules:\n"
    "    - {id: milk, when: {field: complaint.text, contains: x}, then: {category: product}}\n"
    "  default: {category: other, severity: minor, priority: normal}\n"
    "routing:\n"
    "  rules:\n"
    "    - {id: {ID}, when: {field: case.category, ==: service}, then: {team: logistics}}\n"
    "  default: {team: desk}\n"
)


def _policy(tmp_path: Path, row_id: str, text: str = _POLICY) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text(text.replace("{ID}", row_id), "utf-8")
    return path


def _shared(path: Path) -> list[str]:
    return [p.message for p in check_policy(path) if p.code == "duplicate-id"]


def test_a_routing_row_with_a_classification_rows_id_is_an_error_naming_both(
    tmp_path: Path,
) -> None:
    path = _policy(tmp_path, "milk")
    (problem,) = [p for p in check_policy(path) if p.code == "duplicate-id"]
    assert problem.severity == "error"
    assert (problem.location.file, problem.location.line) == (str(path), 9)
    assert problem.location.path.startswith("routing.rules[")
    assert "'milk'" in problem.message
    assert "routing" in problem.message
    assert "classification.rules[" in problem.message
    assert "line 5" in problem.message
    assert "routing" in problem.hint
    with pytest.raises(PolicyError):
        load_policy(path)


def test_an_id_in_full_width_letters_is_the_same_id(tmp_path: Path) -> None:
    (message,) = _shared(_policy(tmp_path, "\uff4d\uff49\uff4c\uff4b"))
    assert "'milk'" in message


def test_a_routing_row_of_the_extended_policy_is_named_with_its_file(tmp_path: Path) -> None:
    """docs/policy/base.yaml routes with a row ``quality``; a child's classification row
    of that id is refused, naming the parent's file and line."""
    text = (
        f"complaintkit: 1\nextends: {BASE}\nclassification:\n  rules:\n"
        "    - {id: quality, when: {field: complaint.text, contains: x}, "
        "then: {category: product}}\n"
    )
    (message,) = _shared(_policy(tmp_path, "", text))
    assert "'quality'" in message
    assert str(BASE) in message or str(tmp_path / "p.yaml") in message


def test_own_ids_and_a_compensation_row_of_a_classification_id_load(tmp_path: Path) -> None:
    compensation = (
        "compensation:\n  currency: CNY\n  rules:\n"
        "    - {id: milk, when: {field: case.category, ==: product}, remedies: [{kind: apology}]}\n"
    )
    load_policy(_policy(tmp_path, "milk-to-quality", _POLICY + compensation))
