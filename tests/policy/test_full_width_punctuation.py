"""Punctuation a Chinese input method types in full width, and tabs, where YAML needs ASCII
spaces and punctuation: a policy that fails to parse because of one says so at the
character, not only at the place the parser gave up."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.compiled import check_policy
from complaintkit.policy.source import parse_text

COLON, COMMA, BRACE = "\uff1a", "\uff0c", "\uff5b"  # full width


def _only_problem(text: str) -> tuple[str, int | None, int | None, str]:
    with pytest.raises(PolicyError) as info:
        parse_text(text, "p.yaml")
    (problem,) = info.value.problems
    return problem.message, problem.location.line, problem.location.column, problem.code


@pytest.mark.parametrize(
    ("text", "line", "column", "character"),
    [
        # a Chinese key's colon typed in full width, then an indented mapping below it
        (f"categories:\n  其他{COLON}\n    label: 其他\n", 2, 5, COLON),
        (f"teams:\n  客服{COLON}\n    default_owner: amy\n", 2, 5, COLON),
        # a full-width comma between the entries of a flow mapping
        (f"categories: {{product: {{label: P}}{COMMA} other: {{label: O}}}}\n", 1, 33, COMMA),
        (f"when: {BRACE}keywords: [x]}}\n", 1, 7, BRACE),
    ],
)
def test_a_full_width_character_that_breaks_the_yaml_is_named_at_it(
    text: str, line: int, column: int, character: str
) -> None:
    message, found_line, found_column, code = _only_problem(text)
    assert (found_line, found_column, code) == (line, column, "full-width")
    assert character in message


def test_full_width_colons_inside_text_stay_text() -> None:
    text = f"description: |\n  处理原则{COLON}先道歉\nname: 客服{COLON}张三\n"
    source = parse_text(text, "p.yaml")
    assert source.problems == ()
    assert source.data == {"description": f"处理原则{COLON}先道歉\n", "name": f"客服{COLON}张三"}


def test_a_tab_in_the_indentation_is_named_at_it() -> None:
    message, line, column, code = _only_problem("routing:\n  rules: []\n\tdefault: {}\n")
    assert (line, column, code) == (3, 1, "syntax")
    assert "tab" in message


def test_validate_names_the_chinese_key_s_full_width_colon(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(f"complaintkit: 1\ncategories:\n  其他{COLON}\n    label: 其他\n", "utf-8")
    (problem,) = check_policy(path)
    assert (problem.code, problem.location.line, problem.location.column) == ("full-width", 3, 5)


@pytest.mark.parametrize(
    "text",
    [
        f"a: 你好{COMMA}谢谢\nb: [1, 2\nc: 3\n",
        f"a:\n  - 你好{COMMA}谢谢\n  b: 1\n",
        f"a: {{x: 你好{COMMA}谢谢, y: [1}}\n",
    ],
)
def test_full_width_text_beside_another_mistake_is_not_blamed(text: str) -> None:
    message, _, _, code = _only_problem(text)
    assert code == "syntax"
    assert COMMA not in message
