"""Slips a Chinese author makes that an independent check of policy authoring found: each
is named where it is written, in words, with what to write instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.source import parse_text

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


@pytest.mark.parametrize(
    ("written", "meant"),
    [("“变质”", "变质"), ("\u2018变质\u2019", "变质"), ("「变质」", "变质"), ("『变质』", "变质")],
)
def test_a_value_in_chinese_quotation_marks_is_an_error_at_it(written: str, meant: str) -> None:
    """The input method types “” for ", and YAML keeps them as text: a keyword “变质”
    would never match a complaint saying 变质."""
    source = parse_text(f"when: {{keywords: [异物, {written}]}}\n", "p.yaml")
    (problem,) = source.problems
    assert (problem.location.line, problem.location.column) == (1, 23)
    assert problem.location.path == "when.keywords[1]"
    assert written in problem.message
    assert f'"{meant}"' in problem.hint


def test_chinese_quotation_marks_inside_text_are_text() -> None:
    text = 'a: 顾客说“变质”了\nb: "“变质”"\nc: “双11”活动\nd: 「a」和「b」x\n'
    source = parse_text(text, "p.yaml")
    assert source.problems == ()
    assert source.data["b"] == "“变质”"


def test_a_key_in_chinese_quotation_marks_is_an_error_at_it() -> None:
    source = parse_text("“version”: x\n", "p.yaml")
    assert [(p.location.line, p.location.column) for p in source.problems] == [(1, 1)]
