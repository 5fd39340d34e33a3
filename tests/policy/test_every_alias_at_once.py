"""Anchors and aliases are refused without expanding them, and one run names every one of
them, with the other slips the file's scan found, not only the first."""

from __future__ import annotations

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.source import parse_text


def test_each_anchor_and_alias_is_named_at_its_own_line_and_section() -> None:
    text = (
        "complaintkit: 1\n"
        "teams:\n"
        "  desk: &d {label: Desk, default_owner: amy}\n"
        "  qa: *d\n"
        "categories:\n"
        "  other: &o {label: Other}\n"
    )
    with pytest.raises(PolicyError) as info:
        parse_text(text, "p.yaml")
    found = [(p.code, p.location.line, p.location.path) for p in info.value.problems]
    assert found == [
        ("anchor", 3, "teams.desk"),
        ("alias", 4, "teams.qa"),
        ("anchor", 6, "categories.other"),
    ]


def test_a_full_width_colon_beside_an_anchor_is_named_too() -> None:
    text = "complaintkit: 1\nname\uff1a shop\nteams:\n  desk: &d {label: Desk}\n"
    with pytest.raises(PolicyError) as info:
        parse_text(text, "p.yaml")
    assert [(p.code, p.location.line) for p in info.value.problems] == [
        ("full-width", 2),
        ("anchor", 4),
    ]


def test_a_line_of_many_aliases_is_one_problem() -> None:
    text = "a: &a [x]\nb: [*a, *a, *a, *a]\nc: [*a, *a]\n"
    with pytest.raises(PolicyError) as info:
        parse_text(text, "bomb.yaml")
    assert [p.location.line for p in info.value.problems] == [1, 2, 3]
