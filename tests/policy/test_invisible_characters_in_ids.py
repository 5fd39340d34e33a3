"""A zero width space (U+200B), word joiner (U+2060) or zero width (non-)joiner (U+200C,
U+200D) inside an id, a key or another one-word value, as text copied from a web page, a
chat or a word processor brings it.

Such an id looks like another and is not it: a row id ``r<U+200B>1`` loaded beside ``r1``,
an owner no one is was accepted, and a team or category naming one was told 'unknown team'
about a name that reads as the right one. Each is an error at the character, and the policy
is read on without it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.policy.compiled import check_policy, load_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
BASE_TEXT = BASE.read_text("utf-8")
MARKS = ["\u200b", "\u200c", "\u200d", "\u2060"]


def _errors(path: Path) -> list[tuple[str, str, int | None, int | None]]:
    return [
        (p.code, p.location.path, p.location.line, p.location.column)
        for p in check_policy(path)
        if p.severity == "error"
    ]


@pytest.mark.parametrize("mark", MARKS)
@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("- id: spoiled", "- id: spo|iled", "classification.rules[0].id"),
        ("{team: quality}", "{team: qual|ity}", "routing.rules[0].then.team"),
        ("category: other,", "category: ot|her,", "classification.default.category"),
        ("default_owner: li.na", "default_owner: li|.na", "teams.quality.default_owner"),
        ("  quality: {label", "  qual|ity: {label", "teams.quality"),
        ("name: docs-base", "na|me: docs-base", "name"),
    ],
)
def test_an_invisible_character_in_an_id_or_key_is_an_error_at_it(
    tmp_path: Path, mark: str, old: str, new: str, path: str
) -> None:
    policy = tmp_path / "p.yaml"
    assert BASE_TEXT.count(old) == 1
    text = BASE_TEXT.replace(old, new.replace("|", mark))
    policy.write_text(text, "utf-8")
    at = text.index(mark)
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    assert _errors(policy) == [("invisible-character", path, line, column)]
    (problem,) = check_policy(policy)
    assert f"U+{ord(mark):04X}" in problem.message
    assert "delete" in problem.hint


def test_two_row_ids_that_look_the_same_are_named_as_one_id_twice(tmp_path: Path) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text(
        f"complaintkit: 1\nextends: {BASE}\nclassification:\n  rules:\n"
        "    - id: late\n      when: {keywords: [迟到]}\n      then: {severity: major}\n"
        "    - id: la\u200bte\n      when: {keywords: [晚到]}\n      then: {severity: major}\n",
        "utf-8",
    )
    codes = sorted(code for code, *_ in _errors(policy))
    assert codes == ["duplicate-id", "invisible-character"]  # the id it then is, twice


def test_an_invisible_character_in_a_json_policy_s_id_is_an_error_at_it(tmp_path: Path) -> None:
    data = yaml.safe_load(BASE_TEXT)
    data["routing"]["default"]["team"] = "de\u200bsk"
    text = json.dumps(data, ensure_ascii=False, indent=1)
    policy = tmp_path / "p.json"
    policy.write_text(text, "utf-8")
    at = text.index("\u200b")
    line = text.count("\n", 0, at) + 1
    column = at - text.rfind("\n", 0, at)
    assert _errors(policy) == [("invisible-character", "routing.default.team", line, column)]


@pytest.mark.parametrize(
    "label",
    [
        "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # a family emoji: joined by U+200D
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian, with its non-joiner
        "\u0915\u094d\u200d\u0937",  # Devanagari, a half form
    ],
)
def test_a_joiner_inside_a_word_of_a_script_that_joins_is_text(tmp_path: Path, label: str) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text(BASE_TEXT.replace("{zh: 其他, en: Other}", f"{{zh: 其他, en: {label}}}"))
    load_policy(policy)


_IDS = ["spoiled", "quality", "desk", "chen.jing", "product", "critical", "urgent"]


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(_IDS), st.sampled_from(MARKS), st.data())
def test_a_mark_anywhere_in_an_id_is_named_at_its_column(
    tmp_path_factory: pytest.TempPathFactory, word: str, mark: str, data: st.DataObject
) -> None:
    at = data.draw(st.integers(1, len(word) - 1))
    spots = [  # where it is written as an id or key (not inside a label or a comment)
        i
        for i in range(len(BASE_TEXT))
        if BASE_TEXT.startswith(word, i)
        and BASE_TEXT[i - 2 : i] in (": ", "  ", ", ")
        and BASE_TEXT[i + len(word)] in ":,}]\n"
    ]
    spot = data.draw(st.sampled_from(spots))
    offset = spot + at
    text = BASE_TEXT[:offset] + mark + BASE_TEXT[offset:]
    policy = tmp_path_factory.mktemp("zw") / "p.yaml"
    policy.write_text(text, "utf-8")
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    found = [
        (p.location.line, p.location.column)
        for p in check_policy(policy)
        if p.code == "invisible-character"
    ]
    assert found == [(line, column)]


@pytest.mark.parametrize("blank", ["\u00a0", "\u3000", "\u202f"])
@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("- id: spoiled", "- id: spoiled|", "classification.rules[0].id"),
        ("default_owner: li.na}", "default_owner: li.na|}", "teams.quality.default_owner"),
        ("{team: quality}", "{team: quality|}", "routing.rules[0].then.team"),
    ],
)
def test_a_blank_that_is_no_space_around_an_id_is_an_error_at_it(
    tmp_path: Path, blank: str, old: str, new: str, path: str
) -> None:
    """A row id ``spoiled`` then a no-break space (or a full-width space) loaded as an id
    that looks like spoiled and is not; YAML strips only ASCII blanks from a plain value."""
    policy = tmp_path / "p.yaml"
    assert BASE_TEXT.count(old) == 1
    text = BASE_TEXT.replace(old, new.replace("|", blank))
    policy.write_text(text, "utf-8")
    at = text.index(blank)
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    assert _errors(policy) == [("invisible-character", path, line, column)]


def test_a_long_value_holding_marks_is_shown_in_a_few_words(tmp_path: Path) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text(BASE_TEXT.replace("- id: spoiled", "- id: " + "s\u200b" * 30), "utf-8")
    (problem,) = check_policy(policy)
    assert problem.code == "invisible-character"
    assert len(problem.message) < 200


@pytest.mark.parametrize(
    "items", ["[gold,\n        |    vip]", "[gold, | vip]", "[gold, vip| ]", "[gold,\n  vip|\n  ]"]
)
def test_a_mark_beside_the_blanks_around_a_list_item_is_named(tmp_path: Path, items: str) -> None:
    """YAML strips the blanks around a plain item, but not past a mark: the item was
    'vip' with the mark and the blanks, text of more than one word, and loaded silently."""
    policy = tmp_path / "p.yaml"
    text = (
        f"complaintkit: 1\nextends: {BASE}\nrouting:\n  rules:\n    - id: vip\n"
        f"      when: {{field: customer.tier, in: {items.replace('|', MARKS[0])}}}\n"
        "      then: {team: quality}\n"
    )
    policy.write_text(text, "utf-8")
    at = text.index(MARKS[0])
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    path = "routing.rules[1].when.in[1]"
    assert _errors(policy) == [("invisible-character", path, line, column)]


@pytest.mark.parametrize("lead", ["\t", " ", "\t "])
@pytest.mark.parametrize("blank", ["\u00a0", "\u3000"])
def test_a_blank_after_a_quoted_key_s_tab_or_space_is_named_not_raised(
    tmp_path: Path, lead: str, blank: str
) -> None:
    """A quoted key starting with a tab or space then a no-break space (``"\\t\\u00a00"``,
    found by fuzzing a tests file's name) raised IndexError: its first mark was looked for
    past the key's end. The blank after the ASCII ones is the mark named."""
    policy = tmp_path / "p.yaml"
    key = f"{lead}{blank}quality"
    text = BASE_TEXT.replace("  quality: {label", f"  {json.dumps(key)}: {{label", 1)
    policy.write_text(text, "utf-8")
    errors = _errors(policy)
    assert ("invisible-character", "teams.quality") in [(code, path) for code, path, _, _ in errors]


@pytest.mark.parametrize("mark", MARKS)
@pytest.mark.parametrize("quote", ['"', "'"])
def test_an_invisible_character_before_an_opening_quote_is_an_error_at_it(
    tmp_path: Path, mark: str, quote: str
) -> None:
    """YAML reads ``en: <U+200B>"Product line"`` as a plain value with the quotes in it, a
    label a customer would be shown quoted: an error at the mark, read as meant."""
    policy = tmp_path / "p.yaml"
    old = "{zh: 产品, en: Product}"
    assert BASE_TEXT.count(old) == 1
    text = BASE_TEXT.replace(old, f"{{zh: 产品, en: {mark}{quote}Product line{quote}}}")
    policy.write_text(text, "utf-8")
    at = text.index(mark)
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    path = "categories.product.label.en"
    assert _errors(policy) == [("invisible-character", path, line, column)]
    (problem,) = check_policy(policy)
    assert "quote" in problem.message
    assert "delete" in problem.hint
