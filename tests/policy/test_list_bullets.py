"""A list item begun with a bullet, as a list copied from a word processor or a web page
keeps it (``• id: vip``, ``· id: vip``, an en or em dash, the katakana middle dot of a
Chinese document): YAML reads no list item in it. It was 'a second ': ' on one line, or a
key indented under a value', naming neither the bullet nor the fix; it is now an error at
the bullet saying to write '-'."""

from __future__ import annotations

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.source import parse_text

TEXT = (
    "routing:\n  rules:\n    - id: a\n      then: {team: x}\nBULLET id: b\n      then: {team: y}\n"
)


@pytest.mark.parametrize("bullet", ["\u2022", "\u00b7", "\u25cf", "\u2013", "\u2014", "\u30fb"])
def test_a_bullet_where_a_list_item_begins_is_named_at_it(bullet: str) -> None:
    with pytest.raises(PolicyError) as refused:
        parse_text(TEXT.replace("BULLET", f"    {bullet}"), "p.yaml")
    (problem,) = refused.value.problems
    assert (problem.location.line, problem.location.column) == (5, 5)
    assert bullet in problem.message
    assert "'-'" in problem.hint


def test_a_bullet_inside_text_is_text() -> None:
    source = parse_text("body: |\n  \u2022 退款\n  \u2022 换货\nname: x\n", "p.yaml")
    assert source.problems == ()
