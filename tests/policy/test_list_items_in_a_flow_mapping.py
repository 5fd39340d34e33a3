"""``{field: tier, in: 金卡, 银卡}``: the items after the first are keys of their own.

Inside ``{…}`` YAML splits on every comma, so ``in: 金卡, 银卡`` is ``in: 金卡`` and a key
``银卡`` with no value. The hint wrote back only the first item (``[金卡]``), a list that
would silently drop 银卡; it now writes every item the author listed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _problems(tmp_path: Path, section: str) -> list[Problem]:
    path = tmp_path / "p.yaml"
    path.write_text(f"complaintkit: 1\nextends: {BASE}\n{section}", "utf-8")
    return check_policy(path)


@pytest.mark.parametrize(
    ("condition", "hint"),
    [
        ("{field: customer.tier, in: 金卡, 银卡}", "write it as a list: [金卡, 银卡]"),
        (
            "{field: customer.tier, in: 金卡, 银卡, 钻石卡}",
            "write it as a list: [金卡, 银卡, 钻石卡]",
        ),
        ("{keywords: 变质, 发霉}", "write it as a list: [变质, 发霉]"),
    ],
)
def test_items_after_a_comma_in_a_flow_mapping_are_in_the_hint(
    tmp_path: Path, condition: str, hint: str
) -> None:
    section = (
        "routing:\n  rules:\n    - id: vip\n"
        f"      when: {condition}\n      then: {{team: quality}}\n  default: {{team: desk}}\n"
    )
    (found,) = [p for p in _problems(tmp_path, section) if p.code == "schema.type"]
    assert found.hint.startswith(hint)
    assert "{" in found.hint  # says why: each item after a comma is a key in {…}


def test_members_after_a_comma_are_in_the_hint(tmp_path: Path) -> None:
    section = "teams:\n  vip: {label: VIP组, default_owner: 王芳, members: 王芳, 张伟}\n"
    (found,) = [p for p in _problems(tmp_path, section) if p.code == "schema.type"]
    assert found.location.path == "teams.vip.members"
    assert found.hint.startswith("write it as a list: [王芳, 张伟]")


def test_a_key_with_no_value_before_the_text_is_no_item(tmp_path: Path) -> None:
    """Only keys written after the text, each with no value, are its items."""
    section = (
        "routing:\n  rules:\n    - id: vip\n"
        "      when: {field: customer.tier, in: 金卡, 银卡: x}\n"
        "      then: {team: quality}\n  default: {team: desk}\n"
    )
    (found,) = [p for p in _problems(tmp_path, section) if p.code == "schema.type"]
    assert found.hint == "write it as a list: [金卡]"
