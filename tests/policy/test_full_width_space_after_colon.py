"""A full-width space (U+3000, what the space bar types while a Chinese input method is in
full-width mode) after a key's colon or a list item's dash.

In the indentation it was already named. After ``name:`` it was 'a line here has a key with
no ':' after it' on the next line; after a list's ``-``, 'a second ': ' on one line, or a
key indented under a value'; after ``field:`` inside ``{...}``, an unknown condition key
'field:<U+3000>complaint.amount'. None named the character. Each is an error at it, saying
to type an ASCII space, and the rest of the file is read as if one were typed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
SPACE = "\u3000"
ROW = "    - id: vip\n      when: {{field: customer.tier, ==: vip}}\n      then: {{team: qualty}}\n"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    - id: vip", f"    -{SPACE}id: vip"),
        ("      when: {", f"      when:{SPACE}{{"),
        ("{field: customer", f"{{field:{SPACE}customer"),
        ("then: {team", f"then:{SPACE}{SPACE}{{team"),
    ],
)
def test_a_full_width_space_after_a_colon_or_dash_is_named_at_it(
    tmp_path: Path, old: str, new: str
) -> None:
    row = ROW.format()
    assert old in row
    text = f"complaintkit: 1\nextends: {BASE}\nrouting:\n  rules:\n" + row.replace(old, new)
    path = tmp_path / "p.yaml"
    path.write_text(text, "utf-8")
    at = text.index(SPACE)
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    found = [p for p in check_policy(path) if p.severity == "error"]
    spaces = [p for p in found if p.code == "full-width"]
    assert [(p.location.line, p.location.column) for p in spaces] == [(line, column)]
    assert "U+3000" in spaces[0].message
    assert "space" in spaces[0].hint
    # read on with an ASCII space: the misspelt team is named in the same run
    assert sorted(p.code for p in found) == ["full-width", "unknown-reference"]


def test_a_full_width_space_inside_text_is_text(tmp_path: Path) -> None:
    text = f"complaintkit: 1\nextends: {BASE}\ndescription: 客服{SPACE}处理规范\n"
    path = tmp_path / "p.yaml"
    path.write_text(text, "utf-8")
    assert check_policy(path) == []
