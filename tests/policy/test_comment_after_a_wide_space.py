"""A comment after a full-width or no-break space (``name: docs<U+3000># 名称``, the space
bar in a Chinese input method's full-width mode, or a space copied from a web page).

YAML begins a comment only after an ASCII blank, so it read the '#' and the note as part of
the value: a policy named 'docs　# 名称', a row whose id holds its remark, loaded without a
word. The space is named at its place, and the file read on as if an ASCII one were typed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy, load_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
HEAD = f"complaintkit: 1\nextends: {BASE}\n"


@pytest.mark.parametrize(
    ("space", "code"),
    [("\u3000", "full-width"), ("\u00a0", "no-break-space"), ("\u202f", "no-break-space")],
)
@pytest.mark.parametrize(
    "text",
    [
        "name: docsSPACE# 名称\n",
        "name: docsSPACESPACE\uff03 名称\n",
        "classification:\n  rules:\n    - id: r1SPACE# 第一条\n"
        "      when: {keywords: [发霉]}\n      then: {severity: major}\n",
        "teams:\n  desk: {label: x}SPACE# 客服\n",
    ],
)
def test_a_wide_space_before_a_comment_is_named_at_it(
    tmp_path: Path, text: str, space: str, code: str
) -> None:
    path = tmp_path / "p.yaml"
    written = HEAD + text.replace("SPACE", space)
    path.write_text(written, "utf-8")
    at = written.index(space)
    line, column = written.count("\n", 0, at) + 1, at - written.rfind("\n", 0, at)
    found = [(p.code, p.location.line, p.location.column) for p in check_policy(path)]
    assert (code, line, column) in found, found
    fixed = tmp_path / "fixed.yaml"
    fixed.write_text(written.replace(space, " ").replace("\uff03", "#"), "utf-8")
    load_policy(fixed)  # read on as if so


def test_a_wide_space_before_a_hash_inside_a_word_or_quotes_is_text(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(HEAD + 'name: "docs\u3000# 名称"\ndescription: 第\u00a0号#3 a#b\n', "utf-8")
    assert check_policy(path) == []


def test_a_wide_space_ending_a_line_after_a_bracket_is_named_at_it(tmp_path: Path) -> None:
    """YAML took it for the start of something more on the line: 'this line is not
    indented like the keys or list items above it'."""
    path = tmp_path / "p.yaml"
    path.write_text(HEAD + "teams:\n  desk: {label: x}\u3000\u3000\nname: y\n", "utf-8")
    assert [(p.code, p.location.line, p.location.column) for p in check_policy(path)] == [
        ("full-width", 4, 19)
    ]
