"""A YAML syntax error is named in the author's terms, not in the parser's.

Found checking policy authoring: a key without its colon was reported as "malformed YAML:
could not find expected ':' (while scanning a simple key)". The message now says what is
wrong in a policy's terms (a key without ':', a list never closed); the parser's words are
at most a detail of the hint. These tests never read the parser's text: they ask both
parsers (LibYAML and pure Python) for it and check it is not what the author is told.
"""

from __future__ import annotations

import pytest
import yaml

from complaintkit.errors import PolicyError, Problem
from complaintkit.policy.source import parse_text

#: (policy text, words the message must hold, line it must name)
MALFORMED = [
    ('complaintkit: 1\nname: "shop\n', ["quote", "never closed"], 2),
    ("complaintkit: 1\nname: [b\nversion: 1\n", ["[", "]"], 3),
    ("complaintkit: 1\ncategories:\n  a: {label: x\n  b: 1\n", ["{", "}"], 4),
    ("complaintkit: 1\nname shop\nversion: 1\n", ["':'", "key"], 3),
    ("complaintkit: 1\nname: a: b\n", ["': '", "quote"], 2),
    ("complaintkit: 1\ncategories:\n  a: 1\n b: 2\n", ["indent"], 4),
    ("complaintkit: 1\nname: x\n- a\n", ["indent"], 3),
    ("complaintkit: 1\nname: `x`\n", ["`", "quotes"], 2),
    ('complaintkit: 1\nname: "a\\qb"\n', ["escape", "\\\\"], 2),
    ("%FOO\ncomplaintkit: 1\n", ["%", "directive"], 1),
    ("complaintkit: 1\n---\nname: x\n", ["---", "one document"], 2),
    ("complaintkit: 1\nname: !x!y z\n", ["!", "tag"], 2),
    ("complaintkit: 1\nname: x\nv: ]\n", ["]", "quotes"], 3),
    ("a: |x\n  y\n", ["|", "next lines"], 1),
    # a '[' or '{' with nothing after it before the file ends: never closed, no stray character
    ("complaintkit: 1\nname: [\n", ["[", "]", "never closed"], 2),
    ("complaintkit: 1\nname: {\n", ["{", "}", "never closed"], 2),
    ("complaintkit: 1\nname: {a: [\n", ["never closed"], 2),
]


def _parsers_say(text: str) -> list[str]:
    """What each YAML parser says about ``text``, in its own words."""
    said = []
    for loader in {yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)}:
        with pytest.raises(yaml.YAMLError) as refused:
            yaml.load(text, Loader=loader)
        said += [
            str(part)
            for part in (
                getattr(refused.value, "problem", None),
                getattr(refused.value, "context", None),
            )
            if part
        ]
    return said


def _problem(text: str) -> Problem:
    with pytest.raises(PolicyError) as refused:
        parse_text(text, "policy.yaml")
    (problem,) = refused.value.problems
    return problem


@pytest.mark.parametrize(("text", "words", "line"), MALFORMED)
def test_a_yaml_syntax_error_is_named_in_the_authors_terms(
    text: str, words: list[str], line: int
) -> None:
    problem = _problem(text)
    assert problem.location.file == "policy.yaml"
    assert problem.location.line == line
    for word in words:
        assert word in problem.message
    for said in _parsers_say(text):
        assert said not in problem.message
