"""Two classification tables of one policy may not share a row id: a case records the ids
of the rows that classified it, and a report counting rows by id would add up two rules.
Loading such a policy was silent; it is now an error at the second row, naming both tables,
as two rows of one table sharing an id are."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.compiled import check_policy, load_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
_TABLES = (
    "complaintkit: 1\n"
    f"extends: {BASE}\n"
    "classification:\n"
    "  - rules:\n"
    "      - {id: milk, when: {field: complaint.text, contains: x}, then: {category: product}}\n"
    "    default: {category: other, severity: minor, priority: normal}\n"
    "  - hit_policy: collect\n"
    "    rules:\n"
    "      - {id: spare, when: {field: complaint.text, contains: z}, then: {tags: [z]}}\n"
    "      - {id: {ID}, when: {field: complaint.text, contains: y}, then: {tags: [y]}}\n"
)


def _policy(tmp_path: Path, row_id: str) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text(_TABLES.replace("{ID}", row_id), "utf-8")
    return path


def test_a_row_id_in_two_tables_is_an_error_naming_both(tmp_path: Path) -> None:
    path = _policy(tmp_path, "milk")
    shared = [p for p in check_policy(path) if p.code == "duplicate-id"]
    assert len(shared) == 1
    (problem,) = shared
    assert problem.severity == "error"
    assert (problem.location.file, problem.location.line) == (str(path), 10)
    assert problem.location.column is not None
    assert "'milk'" in problem.message
    assert "classification[0]" in problem.message
    assert "line 5" in problem.message
    assert "classification[1]" in problem.location.path
    assert problem.hint
    with pytest.raises(PolicyError):
        load_policy(path)


def test_an_id_in_full_width_letters_is_the_same_id(tmp_path: Path) -> None:
    (problem,) = [
        p
        for p in check_policy(_policy(tmp_path, "\uff4d\uff49\uff4c\uff4b"))
        if p.code == "duplicate-id"
    ]
    assert "'milk'" in problem.message


def test_own_ids_in_each_table_load(tmp_path: Path) -> None:
    load_policy(_policy(tmp_path, "spilt"))
