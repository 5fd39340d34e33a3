# ruff: noqa: RUF002 -- the docstring shows the commas an author types
"""Tags typed with a Chinese input method's comma: ``tags: [食品安全，紧急]`` (U+FF0C), or
``、``, is one tag to YAML, and the policy loaded with a tag 食品安全，紧急 that reports and
rows asking for 食品安全 never find. It is an error at the comma, naming the tags meant, as
keywords, members and ``in`` items so typed are."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize("comma", ["\uff0c", "\u3001"])
def test_tags_typed_with_a_chinese_comma_are_named_at_it(tmp_path: Path, comma: str) -> None:
    path = tmp_path / "p.yaml"
    line = f"      then: {{severity: critical, tags: [recall, 食品安全{comma}紧急]}}\n"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nclassification:\n  rules:\n"
        f"    - id: mould\n      when: {{keywords: [发霉]}}\n{line}",
        "utf-8",
    )
    (problem,) = [p for p in check_policy(path) if p.severity == "error"]
    assert problem.code == "full-width"
    assert problem.location.path == "classification.rules[1].then.tags[1]"
    assert (problem.location.line, problem.location.column) == (7, line.index(comma) + 1)
    assert "食品安全, 紧急" in problem.hint
