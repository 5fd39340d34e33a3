# ruff: noqa: RUF002 -- the docstring shows the mark an author types
"""A comment begun with the full-width number sign (U+FF03), what ``#`` types while a
Chinese input method is in full-width mode.

YAML sees no comment in it: ``- id: r1  ＃ 第一条`` loaded a row whose id is 'r1  ＃ 第一条',
``name: t ＃ 名称`` a name holding the remark, and a line of its own was 'a line here has a
key with no ':' after it' on the line below. Each is an error at the mark, saying to type
'#', and the file is read on as if it were typed. A ＃ inside quotes, inside a block of
text (``|``) or joined to the text before it (第＃3号) is text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.compiled import check_policy
from complaintkit.policy.source import parse_text

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
HASH = "\uff03"
BASE_TEXT = BASE.read_text("utf-8")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    - id: spoiled\n", f"    - id: spoiled  {HASH} 第一条\n"),
        ("name: docs-base\n", f"name: docs-base {HASH} 名称\n"),
        ("severities:\n", f"{HASH} 严重程度\nseverities:\n"),
        ("severities:\n", f"severities:   {HASH}严重程度\n"),
        ("  major: {label", f"  {HASH} 较重\n  major: {{label"),
    ],
)
def test_a_full_width_comment_mark_is_named_at_it(tmp_path: Path, old: str, new: str) -> None:
    assert BASE_TEXT.count(old) == 1
    text = BASE_TEXT.replace(old, new)
    path = tmp_path / "p.yaml"
    path.write_text(text, "utf-8")
    at = text.index(HASH)
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    (problem,) = check_policy(path)
    assert (problem.code, problem.location.line, problem.location.column) == (
        "full-width",
        line,
        column,
    )
    assert "'#'" in problem.hint


@pytest.mark.parametrize(
    "text",
    [
        f'name: "a {HASH} b"\n',
        f"name: 'a {HASH} b'\n",
        f"name: 第{HASH}3号\n",
        f"body: |\n  订单 {HASH}3\n  {HASH} 不是注释\nname: x\n",
        f"a:\n  - body: >-\n      x {HASH} y\n  - z\n",
        f"name: a # 注释 {HASH} 也是注释\n",
    ],
)
def test_a_full_width_number_sign_in_text_is_text(text: str) -> None:
    assert parse_text(text, "p.yaml").problems == ()


@pytest.mark.parametrize(
    "text",
    [
        # an apostrophe inside plain text opens no quotation
        f"name: Jo's desk  {HASH} 备注\n",
        f"a: [Jo's, b]  {HASH} 备注\n",
        f"a: {{x: it's}}  {HASH} 备注\n",
        f"- O'Brien  {HASH} 备注\n",
        # quotations that end where YAML ends them
        f"name: 'it''s'  {HASH} 备注\n",
        f'name: "say \\"hi\\""  {HASH} 备注\n',
        f"name: 'a'  {HASH} it's\n",
        f'name: "第一行\n  第二行"  {HASH} 备注\n',
    ],
)
def test_a_comment_mark_after_quotes_and_apostrophes_is_named(text: str) -> None:
    try:
        problems = parse_text(text, "p.yaml").problems
    except PolicyError as refused:
        problems = refused.problems
    at = text.index(HASH)
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    assert [(p.code, p.location.line, p.location.column) for p in problems] == [
        ("full-width", line, column)
    ]


@pytest.mark.parametrize(
    "text",
    [
        f'name: "第一行\n  {HASH} 第二行"\n',
        f"name: '第一行\n  {HASH} 第二行'\n",
        f'name: "a \\" {HASH} b"\n',
    ],
)
def test_a_full_width_number_sign_inside_quotes_over_lines_is_text(text: str) -> None:
    assert parse_text(text, "p.yaml").problems == ()
