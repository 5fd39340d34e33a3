"""A JSON syntax error is named in the author's terms, not in the parser's.

Found checking policy authoring: a missing comma in a JSON policy said "malformed JSON:
Expecting ',' delimiter", the json module's words. The test asks the parser for its text
and checks it is not what the author is told.
"""

from __future__ import annotations

import json

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.source import parse_text

MALFORMED = [
    ('{"complaintkit": 1\n "name": "x"}', ["','"], 2),
    ('{"complaintkit" 1}', ["':'"], 1),
    ('{"complaintkit": 1,\n name: "x"}', ["double quotes"], 2),
    ('{"complaintkit": 1,\n "name": }', ["value"], 2),
    ('{"complaintkit": 1,\n "name": "x}', ["quote", "never closed"], 2),
    ('{"complaintkit": 1}\n{}', ["one"], 2),
    ('{"complaintkit": 1,\n "name": "a\\qb"}', ["escape"], 2),
]


@pytest.mark.parametrize(("text", "words", "line"), MALFORMED)
def test_a_json_syntax_error_is_named_in_the_authors_terms(
    text: str, words: list[str], line: int
) -> None:
    with pytest.raises(json.JSONDecodeError) as parsed:
        json.loads(text)
    with pytest.raises(PolicyError) as refused:
        parse_text(text, "policy.json", ".json")
    (problem,) = refused.value.problems
    assert problem.location.file == "policy.json"
    assert problem.location.line == line
    for word in words:
        assert word in problem.message
    assert parsed.value.msg not in problem.message
