# ruff: noqa: RUF002 -- the docstring shows the commas an author types
"""A Chinese input method's comma (U+FF0C) or enumeration comma (U+3001) typed between
the entries or items of a ``{...}`` or ``[...]``.

Between two entries of a flow mapping after plain text (``{field: customer.tier，in:
gold}``) it was 'a mapping opened with '{' is not closed with '}', or two of its entries
lack a ',' between them', naming neither the character nor the fix. Between the items of
an operator's list (``in: [金卡，银卡]``, ``[金卡、银卡]``) YAML read one item, 金卡，银卡,
and the policy loaded with a condition no tier ever met. Each is an error at the comma,
saying to write ','.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.compiled import check_policy
from complaintkit.policy.source import parse_text

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
COMMA, LISTING = "\uff0c", "\u3001"


@pytest.mark.parametrize(
    ("text", "column", "character"),
    [
        (f"when: {{field: customer.tier{COMMA}in: gold}}\n", 28, COMMA),
        (f"when: {{field: customer.tier{COMMA} in: gold}}\n", 28, COMMA),
        (f"when: {{field: customer.tier, ==: gold{COMMA}x: 1}}\n", 38, COMMA),
        (f"when: {{field: customer.tier{LISTING}in: gold}}\n", 28, LISTING),
    ],
)
def test_a_full_width_comma_between_entries_is_named_at_it(
    text: str, column: int, character: str
) -> None:
    with pytest.raises(PolicyError) as refused:
        parse_text(text, "p.yaml")
    (problem,) = refused.value.problems
    assert (problem.code, problem.location.line, problem.location.column) == (
        "full-width",
        1,
        column,
    )
    assert character in problem.message
    assert "','" in problem.hint


@pytest.mark.parametrize(
    ("items", "item", "meant"),
    [
        (f"[金卡{COMMA}银卡]", "in[0]", "金卡, 银卡"),
        (f"[金卡{LISTING}银卡]", "in[0]", "金卡, 银卡"),
        (f"[vip, 金卡{COMMA} 银卡]", "in[1]", "金卡, 银卡"),
    ],
)
def test_a_full_width_comma_between_an_operator_s_items_is_named_at_it(
    tmp_path: Path, items: str, item: str, meant: str
) -> None:
    path = tmp_path / "p.yaml"
    line = f"      when: {{field: customer.tier, 'not in': {items}}}\n"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nclassification:\n  rules:\n    - id: gold\n"
        f"{line}"
        "      then: {category: product, severity: major, priority: high}\n",
        "utf-8",
    )
    (problem,) = [p for p in check_policy(path) if p.severity == "error"]
    column = next(at for at, char in enumerate(line) if char in (COMMA, LISTING)) + 1
    assert problem.code == "full-width"
    assert problem.location.path == f"classification.rules[1].when.not {item}"
    assert (problem.location.line, problem.location.column) == (6, column)
    assert meant in problem.hint


def test_a_list_item_holding_text_with_commas_elsewhere_is_read_as_written() -> None:
    source = parse_text(f"description: 先道歉{COMMA}再处理\n", "p.yaml")
    assert source.problems == ()


def test_a_full_width_comma_between_keyword_fields_is_named_at_it(tmp_path: Path) -> None:
    """``fields: [complaint.text，complaint.subject]`` was 'invalid field paths: [...]' with
    no code and the hint 'write dotted paths such as complaint.text', which they are."""
    path = tmp_path / "p.yaml"
    line = f"      when: {{keywords: [变质], fields: [complaint.text{COMMA}complaint.subject]}}\n"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nclassification:\n  rules:\n    - id: gold\n"
        f"{line}"
        "      then: {category: product, severity: major, priority: high}\n",
        "utf-8",
    )
    (problem,) = [p for p in check_policy(path) if p.severity == "error"]
    assert problem.code == "full-width"
    assert problem.location.path == "classification.rules[1].when.fields[0]"
    assert (problem.location.line, problem.location.column) == (6, line.index(COMMA) + 1)
    assert "complaint.text, complaint.subject" in problem.hint


def test_a_long_list_joined_by_chinese_commas_is_told_in_a_few_words(tmp_path: Path) -> None:
    """5,000 tiers joined by full-width commas were quoted whole in the message and the
    hint, 30,000 characters a terminal scrolls past."""
    path = tmp_path / "p.yaml"
    items = COMMA.join(["金卡"] * 5000)
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nclassification:\n  rules:\n    - id: gold\n"
        f"      when: {{field: customer.tier, in: [{items}]}}\n"
        "      then: {category: product, severity: major, priority: high}\n",
        "utf-8",
    )
    (problem,) = [p for p in check_policy(path) if p.severity == "error"]
    assert problem.code == "full-width"
    assert len(problem.message) < 200
    assert len(problem.hint) < 200
