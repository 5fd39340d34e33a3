"""A section's key written at the top of the policy is told the section it goes under.

``targets:`` dedented below ``sla:`` (an editor's or a copy's slip) was "unknown key
'targets' at the top of the policy" with the list of sections for a hint, none of which
is named targets; the hint now says to indent it under ``sla:``, or names each section
taking the key (``rules:``).
"""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _hint(tmp_path: Path, text: str, key: str) -> str:
    path = tmp_path / "p.yaml"
    path.write_text(f"complaintkit: 1\nextends: {BASE}\n{text}", "utf-8")
    (found,) = [p for p in check_policy(path) if p.location.path == key]
    assert found.message == f"unknown key {key!r} at the top of the policy"
    return found.hint


def test_a_dedented_key_is_told_its_section(tmp_path: Path) -> None:
    text = "sla:\n  calendar: office\ntargets:\n  - resolution: 3个工作日\n"
    hint = _hint(tmp_path, text, "targets")
    assert hint.startswith("targets goes under sla: indent it below sla:")


def test_a_key_of_several_sections_is_told_them_all(tmp_path: Path) -> None:
    hint = _hint(tmp_path, "routing:\n  hit_policy: first\nrules:\n  - id: x\n", "rules")
    assert hint.startswith("rules goes under one of classification, compensation, ")
    assert "routing" in hint


def test_a_misspelt_section_is_still_told_the_section(tmp_path: Path) -> None:
    hint = _hint(tmp_path, "catgories:\n  food: {label: 食品}\n", "catgories")
    assert hint.startswith("did you mean 'categories'?")
