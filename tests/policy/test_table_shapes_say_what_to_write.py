"""A classification or routing table whose ``rules``, a row's ``then`` or the ``default`` is
another shape (``then: category=product``, ``rules: 5``, ``default: [other]``) was told
"expected a mapping" with the hint "see docs/policies.md or the schema", or the schema's
one-line description: nothing to write. The hint now shows the shape written out."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
_ROW = "    - id: a\n      when: {field: complaint.text, contains: x}\n      then: {category: product}\n"


@pytest.mark.parametrize(
    ("body", "line", "written"),
    [
        (
            "classification:\n  rules:\n" + _ROW.replace("{category: product}", "category=product"),
            7,
            "then: {",
        ),
        ("classification:\n  rules: 5\n", 4, "rules:"),
        ("classification:\n  default: [other]\n", 4, "default: {"),
        ("routing:\n  rules:\n    - {id: r, then: team=desk}\n", 5, "then: {"),
    ],
)
def test_the_hint_writes_the_shape_out(tmp_path: Path, body: str, line: int, written: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(f"complaintkit: 1\nextends: {BASE}\n{body}", "utf-8")
    (problem,) = check_policy(path)
    assert (problem.location.file, problem.location.line) == (str(path), line)
    assert problem.location.column is not None
    assert problem.hint.startswith("write ")
    assert written in problem.hint
