"""A template written field first, ``{subject: {zh: …}, body: {zh: …}}`` (as labels are
written), was told only that 'subject' is not a language code; it now says a template is
written language first."""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import check_policy

POLICY = """\
complaintkit: 1
name: shop
version: "1"
templates:
  late: {subject: {zh: 超时}, body: {zh: "{case.id} 超时"}}
"""


def test_a_template_written_field_first_says_language_first(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY, encoding="utf-8")
    found = {p.location.path: p for p in check_policy(path) if p.severity == "error"}
    for field in ("subject", "body"):
        problem = found[f"templates.late.{field}"]
        assert "language first" in problem.hint
        assert "late: {zh: {subject: …, body: …}}" in problem.hint
