# ruff: noqa: RUF001 -- the full-width characters are what the author typed
"""Punctuation a Chinese input method types in full-width mode, in a JSON or TOML policy.

The YAML reader names such a character where it breaks the file; the JSON and TOML readers
were told the parser's expectation at the right column ('a key is not followed by ':' before
its value') without naming the character there, which looks like the one expected. The
message now names it and the ASCII character to type.
"""

from __future__ import annotations

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.source import parse_text


@pytest.mark.parametrize(
    ("suffix", "text", "column", "meant"),
    [
        (".json", '{"complaintkit"：1}', 16, ":"),
        (".json", '{"complaintkit": 1，"name": "x"}', 19, ","),
        (".json", '{"complaintkit": 1, "name": “x”}', 29, '"'),
        (".json", '{"complaintkit": 1,\u3000"name": "x"}', 20, " "),
        (".json", '{"complaintkit": １}', 18, "1"),
        (".toml", "complaintkit ＝ 1\n", 14, "="),
        (".toml", "complaintkit = 1\nname = “x”\n", 8, '"'),
    ],
)
def test_a_full_width_character_breaking_json_or_toml_is_named(
    suffix: str, text: str, column: int, meant: str
) -> None:
    with pytest.raises(PolicyError) as refused:
        parse_text(text, f"p{suffix}", suffix)
    (problem,) = refused.value.problems
    assert (problem.code, problem.location.column) == ("syntax", column)
    line = text.split("\n")[(problem.location.line or 1) - 1]
    typed = line[column - 1]
    assert f"'{typed}' (U+{ord(typed):04X})" in problem.message
    assert ("a space" if meant == " " else f"'{meant}'") in problem.message


@pytest.mark.parametrize(
    ("suffix", "text", "column"),
    [
        (".json", '{"complaintkit": 1,\u200b"name": "x"}', 20),
        (".toml", 'complaintkit = 1\n[categories.pro\u200bduct]\nlabel = "x"\n', 16),
    ],
)
def test_an_invisible_character_breaking_json_or_toml_is_named(
    suffix: str, text: str, column: int
) -> None:
    """It was 'a key is not in double quotes…' or 'TOML cannot read the text at this
    position' at a place that shows nothing wrong."""
    with pytest.raises(PolicyError) as refused:
        parse_text(text, f"p{suffix}", suffix)
    (problem,) = refused.value.problems
    assert (problem.code, problem.location.column) == ("syntax", column)
    assert "U+200B" in problem.message
    assert "delete it" in problem.message
