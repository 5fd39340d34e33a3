# ruff: noqa: RUF001, RUF002 -- the tests write the brackets an input method types
"""A flow list or mapping closed with the full-width bracket an input method types
(``keywords: [发霉］``, ``【``…``】``, ``{…｝``): the error was 'a list opened with '[' is not
closed with ']'' at the character after it (or where the file ends), naming neither the
bracket typed nor the fix, which an opening full-width bracket already got."""

from __future__ import annotations

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.source import parse_text


@pytest.mark.parametrize(
    ("text", "bracket", "meant"),
    [
        ("when: {keywords: [发霉］}\nname: x\n", "］", "]"),
        ("when: {keywords: [发霉, 长毛】}\nname: x\n", "】", "]"),
        ("members: [chen.jing, amy］\n", "］", "]"),
        ("members: [chen.jing, amy］  \n\n", "］", "]"),
        ("label: {zh: 客服｝\nname: x\n", "｝", "}"),
    ],
)
def test_a_full_width_closing_bracket_is_named_at_it(text: str, bracket: str, meant: str) -> None:
    with pytest.raises(PolicyError) as refused:
        parse_text(text, "p.yaml")
    (problem,) = refused.value.problems
    at = text.index(bracket)
    assert (problem.location.line, problem.location.column) == (1, at + 1)
    assert bracket in problem.message
    assert f"'{meant}'" in problem.hint
