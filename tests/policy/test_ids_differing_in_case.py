"""Two ids of one vocabulary that differ only in case (``Product:`` in a child beside its
parent's ``product:``) are two categories: the child meant to change the parent's and
added one no row names. ``validate`` warns at the later one, naming the other."""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def test_an_id_differing_only_in_case_is_warned_of(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\ncategories:\n  Product: {{label: P}}\n", "utf-8"
    )
    (problem,) = check_policy(path)
    assert (problem.severity, problem.code) == ("warning", "id-case")
    assert problem.location.path == "categories.Product"
    assert "'product'" in problem.message


def test_ids_of_different_vocabularies_may_share_a_spelling(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\npriorities:\n  Critical: {{label: C}}\n", "utf-8"
    )
    assert [p.code for p in check_policy(path)] == []
