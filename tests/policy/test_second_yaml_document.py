"""A policy file is one YAML document: a second one (``---`` then the policy again, as two
files pasted into one) is one error at the marker. Its keys belong to another document,
so none is told it is a duplicate of the first document's key ("remove one of them; the
later one would silently win" — neither is read)."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize(
    "second",
    [
        "complaintkit: 1\n",
        "complaintkit: 1\nextends: ./base.yaml\nname: shop\n",
        "name: shop\nteams: {desk: {label: D}}\n",
    ],
)
def test_a_second_document_is_one_error_and_no_duplicate(tmp_path: Path, second: str) -> None:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    path = tmp_path / "p.yaml"
    path.write_text(f"complaintkit: 1\nextends: ./base.yaml\nname: shop\n---\n{second}", "utf-8")
    problems = check_policy(path)
    assert [p.code for p in problems if p.code == "duplicate-key"] == []
    (found,) = problems
    assert found.location.line == 4
    assert "one document" in found.message


def test_a_duplicate_in_the_first_document_is_still_named(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    path = tmp_path / "p.yaml"
    path.write_text(
        "complaintkit: 1\nextends: ./base.yaml\nname: a\nname: b\n---\nname: c\n", "utf-8"
    )
    duplicates = [p for p in check_policy(path) if p.code == "duplicate-key"]
    assert [(p.location.line, p.location.path) for p in duplicates] == [(4, "name")]
