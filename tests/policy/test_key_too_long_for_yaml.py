"""A key longer than YAML reads (1,024 characters: a paragraph pasted where a key goes, or a
key and its text run together) was 'a line here has a key with no ':' after it', about a
key that has one, at the colon; in a ``{...}`` that a '}' is missing. It is now named at
the key, saying how long it is and that YAML reads keys of at most 1,024 characters."""

from __future__ import annotations

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.source import parse_text

KEY = "关键" * 600


@pytest.mark.parametrize(
    ("text", "column"),
    [
        (f"name: x\n{KEY}: 1\n", 1),
        (f"name: x\nteams:\n  {KEY}: {{label: x}}\n", 3),
        (f"name: x\nteams: {{desk: 1, {KEY}: 1}}\n", 18),
        (f"name: x\nrows:\n  - {KEY}: 1\n", 5),
    ],
)
def test_a_key_too_long_for_yaml_is_named_at_it(text: str, column: int) -> None:
    with pytest.raises(PolicyError) as refused:
        parse_text(text, "p.yaml")
    (problem,) = refused.value.problems
    line = text.count("\n", 0, text.index(KEY)) + 1
    assert (problem.location.line, problem.location.column) == (line, column)
    assert "1,200 characters" in problem.message
    assert "1,024" in problem.message
