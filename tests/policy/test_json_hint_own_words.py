"""A JSON policy's syntax error, hint included, says nothing in the json module's words.

Found in review: the message was the author's terms, but the hint still ended "(the JSON
parser said: Expecting property name enclosed in double quotes)", and the message itself
was chosen by matching the parser's words, which Python 3.13 changed for a trailing comma
("Illegal trailing comma before end of object"). What is wrong is now read from the text.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.errors import PolicyError
from complaintkit.policy.json_wording import json_meaning
from complaintkit.policy.source import parse_text

MALFORMED = [
    ('{"complaintkit": 1\n "name": "x"}', "','", 2),
    ('{"complaintkit" 1}', "':'", 1),
    ('{"complaintkit": 1,\n name: "x"}', "double quotes", 2),
    ('{"complaintkit": 1,\n "name": "x",\n}', "before a '}'", 3),
    ('{"complaintkit": 1,\n "teams": [1,\n]}', "before a ']'", 3),
    ('{"complaintkit": 1,\n "name": }', "value", 2),
    ('{"complaintkit": 1,\n "name": tru}', "value", 2),
    ('{"complaintkit": 1,\n "name": "x}', "never closed", 2),
    ('{"complaintkit": 1}\n{}', "one value", 2),
    ('{"complaintkit": 1,\n "name": "a\\qb"}', "escape", 2),
    ('{"complaintkit": 1,\n "name": "a\tb"}', "tab", 2),
    ('{"complaintkit": 1,\n "name": "x"', "where the file ends", 2),
    ('{"complaintkit": 1,\n "teams": [1 2]}', "','", 2),
]


@pytest.mark.parametrize(("text", "words", "line"), MALFORMED)
def test_neither_message_nor_hint_repeats_the_parser(text: str, words: str, line: int) -> None:
    with pytest.raises(json.JSONDecodeError) as parsed:
        json.loads(text)
    with pytest.raises(PolicyError) as refused:
        parse_text(text, "policy.json", ".json")
    (problem,) = refused.value.problems
    assert problem.location.line == line
    assert words in problem.message
    shown = f"{problem.message} {problem.hint}"
    assert parsed.value.msg not in shown
    assert "parser said" not in shown


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet='{}[]:,"\\ \n\t1atrue-x\u3001\uff1a', max_size=30))
def test_any_malformed_json_is_given_a_meaning(text: str) -> None:
    try:
        json.loads(text)
    except json.JSONDecodeError as parsed:
        stopped = parsed
    else:
        return
    meaning = json_meaning(text, stopped.pos)
    assert meaning
    assert stopped.msg not in meaning
