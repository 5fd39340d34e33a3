# ruff: noqa: RUF002 -- the docstring shows what an author types
"""List items joined by a full-width semicolon (U+FF1B), which a Chinese SOP lists with as it
does with its commas: ``keywords: [发霉；长毛]``, ``in: [gold；vip]``, ``tags: [食品；安全]``.

A full-width comma or 、 there was already refused at the mark with the list meant; a
semicolon was one item to YAML and loaded silently: a keyword no complaint holds, a tier no
customer has, a tag no report asks for. It is refused the same way now."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
MARK = "\uff1b"


@pytest.mark.parametrize(
    ("when", "then", "path"),
    [
        (f"{{keywords: [发霉{MARK}长毛]}}", "{severity: major}", "when.keywords[0]"),
        (f"{{field: customer.tier, in: [gold{MARK}vip]}}", "{severity: major}", "when.in[0]"),
        ("{keywords: [发霉]}", f"{{severity: major, tags: [食品{MARK}安全]}}", "then.tags[0]"),
    ],
)
def test_items_joined_by_a_full_width_semicolon_are_named_at_it(
    tmp_path: Path, when: str, then: str, path: str
) -> None:
    policy = tmp_path / "p.yaml"
    text = (
        f"complaintkit: 1\nextends: {BASE}\nclassification:\n  rules:\n    - id: joined\n"
        f"      when: {when}\n      then: {then}\n"
    )
    policy.write_text(text, "utf-8")
    at = text.index(MARK)
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    found = [
        (p.code, p.location.path, p.location.line, p.location.column, p.hint)
        for p in check_policy(policy)
        if p.severity == "error"
    ]
    assert [f[:4] for f in found] == [
        ("full-width", f"classification.rules[1].{path}", line, column)
    ]
    assert ", " in found[0][4]


def test_members_joined_by_a_full_width_semicolon_are_named_at_it(tmp_path: Path) -> None:
    policy = tmp_path / "p.yaml"
    text = f"complaintkit: 1\nextends: {BASE}\nteams:\n  desk:\n    members: [chen.jing{MARK}amy]\n"
    policy.write_text(text, "utf-8")
    codes = [p.code for p in check_policy(policy) if p.severity == "error"]
    assert "full-width" in codes
