"""Mistakes a Chinese input method makes easy: full-width spaces for indentation and Chinese
text where an id goes. Each is named for what it is, at its own position."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.policy.compiled import check_policy
from complaintkit.policy.keywords import normalise_keyword
from complaintkit.policy.source import parse_text

IDEOGRAPHIC_SPACE = "\u3000"
BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def test_a_full_width_space_in_the_indentation_is_named_at_its_position() -> None:
    text = f"teams:\n{IDEOGRAPHIC_SPACE}desk: {{default_owner: x}}\n"
    source = parse_text(text, "p.yaml")
    (problem,) = source.problems
    assert problem.code == "full-width"
    assert "U+3000" in problem.message
    assert (problem.location.line, problem.location.column) == (2, 1)
    assert source.data == {"teams": {"desk": {"default_owner": "x"}}}


def test_validate_reports_only_the_full_width_space(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    path = tmp_path / "p.yaml"
    path.write_text(
        "complaintkit: 1\nextends: ./base.yaml\nteams:\n"
        f"{IDEOGRAPHIC_SPACE}{IDEOGRAPHIC_SPACE}desk: {{default_owner: x}}\n",
        "utf-8",
    )
    problems = check_policy(path)
    assert [(p.code, p.location.line, p.location.column) for p in problems] == [
        ("full-width", 4, 1)
    ]


def test_a_chinese_id_is_explained_at_the_key_with_the_label_to_use(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    path = tmp_path / "p.yaml"
    path.write_text(
        "complaintkit: 1\nextends: ./base.yaml\ncategories:\n  产品质量: {label: {zh: 产品质量}}\n"
        "teams:\n  品控部: {label: 品控, default_owner: li.na}\n",
        "utf-8",
    )
    problems = check_policy(path)
    located = [(p.location.path, p.location.line, p.location.column) for p in problems]
    assert located == [("categories.产品质量", 4, 3), ("teams.品控部", 6, 3)]
    for problem in problems:
        assert "ASCII" in problem.message
        assert "does not match" not in problem.message
        assert "label: {zh:" in problem.hint


INVISIBLE = ["\u200b", "\u00ad", "\u2060", "\ufeff"]


# a byte order mark typed raw is named where it is by the file's reading, wherever it is
# (test_stray_byte_order_mark.py); one written as an escape ("\ufeff") reaches the keyword
@pytest.mark.parametrize("mark", [mark for mark in INVISIBLE if mark != "\ufeff"])
def test_an_invisible_character_copied_into_a_keyword_is_an_error_at_it(
    tmp_path: Path, mark: str
) -> None:
    """A keyword pasted from a web page (the SOP texts are web articles) may carry a zero
    width space or a soft hyphen: it would then match only text holding that mark too."""
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    path = tmp_path / "p.yaml"
    path.write_text(
        "complaintkit: 1\nextends: ./base.yaml\nclassification:\n  rules:\n"
        f"    - {{id: food, when: {{keywords: [异物, 变{mark}质]}}, then: {{severity: critical}}}}\n"
        f"    - {{id: late, when: {{keywords: [{{text: 没送, except: [没送{mark}到]}}]}}, "
        "then: {severity: major}}\n"
        "  default: {category: product, severity: minor, priority: normal}\n",
        "utf-8",
    )
    problems = [p for p in check_policy(path) if p.severity == "error"]
    located = [(p.location.path, p.location.line) for p in problems]
    assert located == [
        ("classification.rules[1].when.keywords[1]", 5),
        ("classification.rules[2].when.keywords[0].except[0]", 6),
    ]
    for problem in problems:
        assert f"U+{ord(mark):04X}" in problem.message


@given(
    st.text(st.characters(exclude_characters=INVISIBLE), min_size=1, max_size=6),
    st.sampled_from(INVISIBLE),
    st.data(),
)
def test_no_keyword_holding_an_invisible_character_is_accepted(
    keyword: str, mark: str, data: st.DataObject
) -> None:
    at = data.draw(st.integers(0, len(keyword)))
    with pytest.raises(ValueError, match=f"U\\+{ord(mark):04X}"):
        normalise_keyword(keyword[:at] + mark + keyword[at:])
