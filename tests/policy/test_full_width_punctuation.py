"""Punctuation a Chinese input method types in full width, and tabs, where YAML needs ASCII
spaces and punctuation: a policy that fails to parse because of one says so at the
character, not only at the place the parser gave up."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import PolicyError
from complaintkit.policy import yaml_errors
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


class _Sliced(str):
    """A line that counts the characters every slice of it (and of its slices) copies."""

    copied: ClassVar[list[int]] = [0]

    def __getitem__(self, key: object) -> str:
        part = _Sliced(str.__getitem__(self, key))  # type: ignore[index]
        self.copied[0] += len(part)
        return part


def test_a_long_line_the_parser_gave_up_on_is_looked_at_once() -> None:
    """A line of 20,000 characters the YAML parser gave up on (a key with no colon, a flow
    list of keywords with a slip in it) took 14 s to name, 100,000 characters six minutes:
    each column's prefix was copied and matched again to look for full-width punctuation,
    n²/2 characters. The line is read through once."""
    line = "keywords: [" + ", ".join(f"word{n}" for n in range(2_500)) + f"{COMMA} x]"
    _Sliced.copied[0] = 0
    found = yaml_errors._full_width(
        [_Sliced(line)], True, SimpleNamespace(line=0, column=len(line) - 1)
    )
    assert found is None or found[2] == COMMA
    assert _Sliced.copied[0] <= 3 * len(line)


#: What the scan looked for before, as the patterns it matched each column's prefix with.
OPENS_VALUE = re.compile(r"(?:.*(?::|-)[ \t]+|.*[,\[{][ \t]*|[ \t]*)[\uff3b\uff5b\u3010]$")
AFTER_CLOSE = re.compile(r".*[\]}\"'][ \t]*[\uff0c\uff1a\uff3d\uff5d\u3001\u3011]$")


@given(
    text=st.text(
        st.sampled_from(" \t:-,[]{}\"'ax\uff3b\uff5b\u3010\uff0c\uff1a\uff3d\uff5d\u3001\u3011")
    ),
    in_flow=st.booleans(),
)
def test_the_one_pass_scan_finds_what_each_prefix_matched(text: str, in_flow: bool) -> None:
    expected = [
        (column, char)
        for column, char in enumerate(text)
        if OPENS_VALUE.match(text[: column + 1])
        or (in_flow and AFTER_CLOSE.match(text[: column + 1]))
    ]
    assert list(yaml_errors._slips(text, in_flow)) == expected
