"""A duplicate key in a file that also holds an anchor or alias, a tab in the indentation
or another syntax error was not reported: the reader stopped at that error before the
nodes were built, where duplicates were looked for. Both are now named in one run, the
duplicate found by a scan of the parser's events (which never expands an alias)."""

from __future__ import annotations

import pytest

from complaintkit.errors import PolicyError, Problem
from complaintkit.policy.source import parse_text


def _refused(text: str) -> list[Problem]:
    with pytest.raises(PolicyError) as raised:
        parse_text(text, "p.yaml")
    return list(raised.value.problems)


def _duplicates(problems: list[Problem]) -> list[tuple[int | None, int | None, str]]:
    return [
        (p.location.line, p.location.column, p.location.path)
        for p in problems
        if p.code == "duplicate-key"
    ]


def test_a_duplicate_beside_an_alias_is_named_with_it() -> None:
    text = (
        "complaintkit: 1\nname: a\nname: b\nteams:\n  desk: &d {label: X, label: Y}\n  other: *d\n"
    )
    problems = _refused(text)
    assert _duplicates(problems) == [(3, 1, "name"), (5, 23, "teams.desk.label")]
    assert any(p.code == "alias" for p in problems)
    assert "first at line 2" in next(p.message for p in problems if p.code == "duplicate-key")


def test_a_duplicate_before_a_tab_is_named_with_the_tab() -> None:
    problems = _refused("name: a\nname: b\nteams:\n\tdesk: {label: X}\n")
    assert _duplicates(problems) == [(2, 1, "name")]
    assert len(problems) == 2


def test_a_duplicate_before_an_unclosed_bracket_is_named_with_it() -> None:
    problems = _refused("routing:\n  default: {team: a}\n  default: {team: b\n")
    assert _duplicates(problems) == [(3, 3, "routing.default")]


def test_the_same_key_in_different_mappings_is_no_duplicate() -> None:
    text = (
        "rules:\n"
        "  - {id: a, then: {team: x}}\n"
        "  - id: b\n"
        "    then: {team: y}\n"
        "  - &r {id: c}\n"
        "? [k, k]\n"
        ": {k: 1}\n"
        "k: 2\n"
    )
    assert _duplicates(_refused(text)) == []


def test_a_duplicate_of_a_key_only_another_quoting_spells_is_named() -> None:
    problems = _refused("a: &x 1\n'a': 2\nb: *x\n")
    assert _duplicates(problems) == [(2, 1, "a")]


def test_a_duplicate_after_a_syntax_error_is_named_from_the_next_top_level_key() -> None:
    text = (
        "complaintkit: 1\n"
        "name: a\n"
        "teams: {desk: {label: X}\n"  # not closed: the parser stops here
        "name: b\n"  # the line it stops at: still read for keys
        "routing:\n"
        "  default: {team: a}\n"
        "  default: {team: b}\n"
        "teams: {}\n"
    )
    problems = _refused(text)
    assert _duplicates(problems) == [(4, 1, "name"), (7, 3, "routing.default"), (8, 1, "teams")]
    assert any(p.code == "syntax" for p in problems)


def test_checking_resumes_past_each_syntax_error_in_turn() -> None:
    text = "a: [1\nb: 1\nb: 2\nc: {x\nd: 1\nd: 2\n"
    assert [line for line, _, _ in _duplicates(_refused(text))] == [3, 6]


def test_a_syntax_error_in_the_last_section_finds_nothing_more() -> None:
    text = "a: 1\nb:\n  c: [1\n  c: 2\n"
    assert _duplicates(_refused(text)) == []
