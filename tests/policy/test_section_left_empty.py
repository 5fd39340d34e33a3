"""A section written with nothing after it (``categories:``, which YAML reads as null) in a
policy extending another was refused at the key, and also at every row of the parent
naming a category — 'unknown category 'product' (none declared)' in base.yaml, a file the
author did not touch. Those follow from the one mistake and are counted in its hint, as
they are for a misspelt section."""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def test_a_null_vocabulary_is_one_error_in_the_child(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(f"complaintkit: 1\nextends: {BASE}\ncategories:\n", "utf-8")
    (problem,) = check_policy(path)
    assert (problem.location.file, problem.location.path) == (str(path), "categories")
    assert "follow from there being no categories" in problem.hint
