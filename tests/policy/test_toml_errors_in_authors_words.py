"""A TOML syntax error is named in the author's terms, not in the parser's.

Found checking policy authoring: ``name "x"`` said "malformed TOML: Expected '=' after a
key in a key/value pair", tomllib's words. The test asks the parser for its text and
checks it is not what the author is told.
"""

from __future__ import annotations

import tomllib

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.source import parse_text

MALFORMED = [
    ('complaintkit = 1\nname "x"\n', ["'='", "key"]),
    ("complaintkit = 1\nname = [1, 2\n", ["[", "]"]),
    ('complaintkit = 1\nname = "x\n', ["quote", "never closed"]),
    ("complaintkit = 1\ncomplaintkit = 2\n", ["twice"]),
    ("complaintkit = 1 name = 2\n", ["line"]),
    ("complaintkit = 1\nname = {a = 1\n", ["{", "}"]),
    ("[t]\n[t]\n", ["twice"]),
    ('complaintkit = 1\nname = "\\q"\n', ["backslash"]),
    ("complaintkit = 1\nname = \n", ["value"]),
]


@pytest.mark.parametrize(("text", "words"), MALFORMED)
def test_a_toml_syntax_error_is_named_in_the_authors_terms(text: str, words: list[str]) -> None:
    with pytest.raises(tomllib.TOMLDecodeError) as parsed:
        tomllib.loads(text)
    said = str(parsed.value).split(" (at ")[0]
    with pytest.raises(PolicyError) as refused:
        parse_text(text, "policy.toml", ".toml")
    (problem,) = refused.value.problems
    assert problem.location.file == "policy.toml"
    assert problem.location.line is not None
    for word in words:
        assert word in problem.message
    assert said not in problem.message
