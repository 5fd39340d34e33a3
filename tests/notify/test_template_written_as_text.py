"""A template written as its text alone (``ack: 您好已收到``, or ``ack: {zh: 您好}``) was
refused with "expected a mapping" and the hint "see docs/policies.md or the schema":
nothing said a template is written language first, then subject and body. The hint now
writes that shape out."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize(
    ("template", "at"), [("您好已收到", "templates.ack"), ("{zh: 您好}", "templates.ack.zh")]
)
def test_a_template_that_is_text_says_its_shape(tmp_path: Path, template: str, at: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(f"complaintkit: 1\nextends: {BASE}\ntemplates:\n  ack: {template}\n", "utf-8")
    (problem,) = check_policy(path)
    assert problem.location.path == at
    assert problem.location.line == 4
    assert "subject: " in problem.hint
    assert "body: " in problem.hint
