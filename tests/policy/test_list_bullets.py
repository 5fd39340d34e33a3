"""A list item begun with a bullet, as a list copied from a word processor or a web page
keeps it (``• id: vip``, ``· id: vip``, an en or em dash, the katakana middle dot of a
Chinese document): YAML reads no list item in it. It was 'a second ': ' on one line, or a
key indented under a value', naming neither the bullet nor the fix, and where YAML did not
fail the bullet was read as text (one member '• amy • bob', a key '• zh'). Each is now an
error at the bullet saying to write '-' (or delete it before a key), and the file is read
on as meant."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy, load_policy
from complaintkit.policy.source import parse_text

TEXT = (
    "routing:\n  rules:\n    - id: a\n      then: {team: x}\nBULLET id: b\n      then: {team: y}\n"
)


@pytest.mark.parametrize("bullet", ["\u2022", "\u00b7", "\u25cf", "\u2013", "\u2014", "\u30fb"])
def test_a_bullet_where_a_list_item_begins_is_named_at_it(bullet: str) -> None:
    source = parse_text(TEXT.replace("BULLET", f"    {bullet}"), "p.yaml")
    (problem,) = source.problems  # and the file is read on as if '-' were typed
    assert [row["id"] for row in source.data["routing"]["rules"]] == ["a", "b"]
    assert (problem.location.line, problem.location.column) == (5, 5)
    assert bullet in problem.message
    assert "'-'" in problem.hint


def test_a_bullet_inside_text_is_text() -> None:
    source = parse_text("body: |\n  \u2022 退款\n  \u2022 换货\nname: x\n", "p.yaml")
    assert source.problems == ()


BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
HEAD = f"complaintkit: 1\nextends: {BASE}\n"


def _errors(tmp_path: Path, text: str) -> list[tuple[str, int | None, int | None]]:
    path = tmp_path / "p.yaml"
    path.write_text(HEAD + text, "utf-8")
    return [
        (p.code, p.location.line, p.location.column)
        for p in check_policy(path)
        if p.severity == "error"
    ]


@pytest.mark.parametrize("bullet", ["\u2022", "\u25cf", "\u25aa", "\u00b7", "\u2013"])
def test_bulleted_lines_yaml_reads_as_one_text_are_each_named(tmp_path: Path, bullet: str) -> None:
    """``members:`` then a line per name, each bulleted: YAML reads one text, '• amy • bob',
    and the policy was told 'expected a list (got '• amy • bob')'."""
    text = f"teams:\n  desk:\n    label: x\n    members:\n      {bullet} chen.jing\n      {bullet} amy\n"
    assert _errors(tmp_path, text) == [("bullet", 7, 7), ("bullet", 8, 7)]


def test_a_bulleted_keyword_list_loads_as_the_list_meant_once_fixed(tmp_path: Path) -> None:
    text = (
        "classification:\n  rules:\n    - id: mould\n      when:\n        keywords:\n"
        "          \u25cf 发霉\n          \u25cf 长毛\n"
        "      then: {category: product, severity: major, priority: high}\n"
    )
    assert _errors(tmp_path, text) == [("bullet", 8, 11), ("bullet", 9, 11)]
    fixed = tmp_path / "fixed.yaml"
    fixed.write_text(HEAD + text.replace("\u25cf", "-"), "utf-8")
    rules = load_policy(fixed).data["classification"]["rules"]
    assert rules[-1]["when"]["keywords"] == ["发霉", "长毛"]


@pytest.mark.parametrize(
    "text",
    [
        "\u2022 name: x\n",  # before a top-level key: YAML reads the key '• name'
        "teams:\n  desk:\n    label: x\n    members: [a]\n    \u25aa default_owner: a\n",
        "teams:\n  desk:\n    label:\n      \u00b7 zh: 客服\n",
    ],
)
def test_a_bullet_before_a_key_is_named_at_it_alone(tmp_path: Path, text: str) -> None:
    found = _errors(tmp_path, text)
    line = (
        HEAD.count("\n")
        + text.split("\n").index(
            next(row for row in text.split("\n") if row.lstrip()[:1] in "\u2022\u25aa\u00b7")
        )
        + 1
    )
    assert found[0][:2] == ("bullet", line), found
    assert all(code == "bullet" for code, *_ in found), found


@pytest.mark.parametrize(
    "text",
    [
        "label: \u2022 客服\n",  # a value beginning with a bullet is text
        'body: "第一行\n  \u2022 第二行"\n',  # inside a quotation over lines
        "body: >\n  \u2022 a\n  \u2022 b\nname: x\n",
        "name: a\u2022b\n",
    ],
)
def test_a_bullet_in_text_is_text(text: str) -> None:
    assert parse_text(text, "p.yaml").problems == ()


def test_a_key_after_a_bullet_taken_out_is_named_where_it_is(tmp_path: Path) -> None:
    text = "teams:\n  desk:\n    label: x\n    \u2022  defualt_owner: a\n"
    found = _errors(tmp_path, text)
    line = HEAD.count("\n") + 4
    assert ("bullet", line, 5) in found
    assert ("schema.additionalProperties", line, 8) in found, found
