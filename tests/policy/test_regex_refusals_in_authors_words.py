"""A regex the engine refuses is named in the author's terms, at the pattern's place.

Found checking policy authoring: ``regex: "foo(bar"`` was reported as "does not compile:
missing ): foo(bar", the engine's own words. The message now says what is wrong (a group
never closed, a range that runs backwards) and where in the pattern; the engine's text is
at most a detail of the hint. These tests never read the engine's text: they ask the
engine for it and check it is not what the author is told.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import re2

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"

#: (pattern, words the message must hold, character of the pattern it must name)
REFUSED = [
    ("foo(bar", ["(", "never closed"], 4),
    ("a)", [")", "never opened"], 2),
    ("[abc", ["[", "never closed"], 1),
    ("a[z-a]", ["z-a", "backwards"], 3),
    ("*a", ["*", "nothing before it"], 1),
    ("a**", ["**", "repeat"], 2),
    ("a{2,1}", ["{2,1}", "count"], 2),
    ("a{1001}", ["{1001}", "1000"], 2),
    ("x\\", ["backslash", "end"], 2),
    ("(?#note)", ["(?#", "group"], 1),
    ("\\p{Bogus}", ["\\p{Bogus}", "class"], 1),
    ("[[:foo:]]", ["[:foo:]", "class"], 2),
    ("x\\q", ["\\q", "escape"], 2),
]


def _engine_says(pattern: str) -> str:
    with pytest.raises(re2.error) as refused:
        re2.compile(pattern, re2.Options())
    reason = refused.value.args[0]
    return reason.decode() if isinstance(reason, bytes) else str(reason)


def _problem(tmp_path: Path, pattern: str) -> Problem:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    policy = tmp_path / "policy.yaml"
    quoted = pattern.replace("\\", "\\\\").replace('"', '\\"')
    policy.write_text(
        "complaintkit: 1\nextends: ./base.yaml\nclassification:\n  rules:\n"
        "    - id: spoiled\n      when: {keywords: [x]}\n      then: {category: product}\n"
        "    - id: order\n"
        f'      when: {{field: complaint.text, regex: "{quoted}"}}\n'
        "      then: {category: product}\n",
        "utf-8",
    )
    (problem,) = [p for p in check_policy(policy) if p.severity == "error"]
    return problem


@pytest.mark.parametrize(("pattern", "words", "at"), REFUSED)
def test_a_refused_regex_is_named_in_the_authors_terms(
    tmp_path: Path, pattern: str, words: list[str], at: int
) -> None:
    problem = _problem(tmp_path, pattern)
    assert Path(problem.location.file).name == "policy.yaml"
    assert problem.location.line == 9
    assert problem.location.path == "classification.rules[1].when.regex"
    for word in words:
        assert word in problem.message
    assert f"character {at} " in problem.message
    assert _engine_says(pattern) not in problem.message
