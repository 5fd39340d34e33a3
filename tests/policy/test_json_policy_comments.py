"""A comment in a JSON policy (``// …``, ``/* … */`` or ``# …``, as other config files
allow) is named as a comment at its line, not as a key out of quotes or a missing comma."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import PolicyError
from complaintkit.policy.source import parse_text

LINES = ['{"complaintkit": 1,', ' "name": "shop",', ' "version": "1"', "}"]


@given(
    before=st.integers(1, len(LINES) - 1),
    comment=st.sampled_from(["// the desk's SOP", "/* 客服中心 */", "# reviewed 2026-11"]),
    trailing=st.booleans(),
)
def test_a_comment_is_named_as_such_at_its_line(before: int, comment: str, trailing: bool) -> None:
    lines = list(LINES)
    if trailing:  # after a value on its line
        lines[before - 1] = f"{lines[before - 1]} {comment}"
        line = before
    else:
        lines.insert(before, comment)
        line = before + 1
    with pytest.raises(PolicyError) as refused:
        parse_text("\n".join(lines), "policy.json", ".json")
    (problem,) = refused.value.problems
    assert problem.location.line == line
    assert "comment" in problem.message
