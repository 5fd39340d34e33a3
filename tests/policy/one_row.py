"""A policy on docs/policy/base.yaml with one classification row more, written around the
condition a test is about, and the errors checking it gives, located."""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def condition_errors(
    tmp_path: Path, condition: str, *, on: str | None = None
) -> list[tuple[str, int | None, str]]:
    """(path, line, hint) of each error of a policy whose added row's ``when`` is
    ``{condition}`` (on line 6) or, given ``on``, a block naming the field ``on`` and then
    holding ``condition`` (on line 8), as an author lays out a longer condition."""
    when = f"{{{condition}}}" if on is None else f"\n        field: {on}\n        {condition}"
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nclassification:\n  rules:\n    - id: added\n"
        f"      when: {when}\n"
        "      then: {category: product, severity: major, priority: high}\n",
        "utf-8",
    )
    return [
        (p.location.path, p.location.line, p.hint)
        for p in check_policy(path)
        if p.severity == "error"
    ]
