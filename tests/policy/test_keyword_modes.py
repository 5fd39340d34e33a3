# ruff: noqa: RUF001 -- Chinese complaint text uses full-width punctuation on purpose
"""Keyword match modes (word, prefix, substring) and exclusions, per rule or per keyword."""

from __future__ import annotations

from typing import Any

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.conditions import compile_condition
from complaintkit.policy.facts import Facts


def matches(condition: dict[str, Any], text: str) -> bool:
    compiled = compile_condition(condition)
    return compiled(Facts({"complaint": {"text": text}}))


@pytest.mark.parametrize(
    ("text", "word", "prefix", "substring"),
    [
        ("this is fraud", True, True, True),
        ("they acted fraudulently", False, True, True),
        ("antifraud team", False, False, True),
        ("I disputed the charge", False, True, True),
    ],
)
def test_match_modes_per_rule(text: str, word: bool, prefix: bool, substring: bool) -> None:
    words = ["fraud", "dispute"]
    assert matches({"keywords": words}, text) is word
    assert matches({"keywords": words, "match": "prefix"}, text) is prefix
    assert matches({"keywords": words, "match": "substring"}, text) is substring


def test_a_mode_per_keyword_overrides_the_rule() -> None:
    condition = {"keywords": [{"text": "fraud", "match": "prefix"}, "late"]}
    assert matches(condition, "fraudulent charge")
    assert not matches(condition, "chocolate")


@pytest.mark.parametrize(
    ("keyword", "excluded", "text", "expected"),
    [
        ("没送", ["没送到"], "快递还没送", True),
        ("没送", ["没送到"], "快递没送到", False),
        ("没送", ["没送到"], "没送到，昨天也没送", True),  # the second one counts
        ("凉", ["凉皮"], "菜是凉的", True),
        ("凉", ["凉皮"], "凉皮很好吃", False),
        ("酸", ["心酸"], "牛奶是酸的", True),
        ("酸", ["心酸"], "等了三天，心酸了", False),
    ],
)
def test_exclusions_without_regex(
    keyword: str, excluded: list[str], text: str, expected: bool
) -> None:
    assert matches({"keywords": [keyword], "except": excluded}, text) is expected
    per_keyword = {"keywords": [{"text": keyword, "except": excluded}]}
    assert matches(per_keyword, text) is expected


def test_an_unknown_mode_is_a_located_error() -> None:
    with pytest.raises(PolicyError) as info:
        compile_condition({"keywords": ["fraud"], "match": "fuzzy"})
    (problem,) = info.value.problems
    assert problem.code == "bad-match"
    assert "prefix" in problem.hint


def test_explain_describes_mode_and_exclusions() -> None:
    compiled = compile_condition({"keywords": ["没送"], "except": ["没送到"], "match": "prefix"})
    assert "没送 (prefix) except in 没送到" in compiled.describe()


@pytest.mark.parametrize(
    ("condition", "path"),
    [
        ({"keywords": [{"text": "凉", "except": ["热菜"]}]}, "when.keywords[0].except[0]"),
        ({"keywords": [{"text": "late", "except": ["Late"]}]}, "when.keywords[0].except[0]"),
        ({"keywords": ["凉", "酸"], "except": ["凉皮", "没送到"]}, "when.except[1]"),
    ],
)
def test_an_exclusion_that_cannot_work_as_meant_is_an_error(
    condition: dict[str, Any], path: str
) -> None:
    # 热菜 holds no 凉, so it excluded nothing; 'Late' is the keyword itself, so late never
    # counted; 没送到 holds none of the condition's keywords
    with pytest.raises(PolicyError) as refused:
        compile_condition(condition)
    assert [p.location.path for p in refused.value.problems] == [path]


def test_an_exclusion_holding_its_keyword_is_fine() -> None:
    compile_condition({"keywords": ["凉", "酸"], "except": ["凉皮", "心酸"]})
    compile_condition({"keywords": [{"text": "凉", "except": ["凉皮", "凉菜"]}]})


@pytest.mark.parametrize(
    ("condition", "path"),
    [
        ({"keywords": ["凉"], "except": ["凉皮", "   "]}, "when.except[1]"),
        ({"keywords": [{"text": "凉", "except": ["   "]}]}, "when.keywords[0].except[0]"),
        ({"keywords": ["凉"], "except": "   "}, "when.except"),
    ],
)
def test_a_blank_exclusion_is_named_by_its_place_in_the_list(
    condition: dict[str, Any], path: str
) -> None:
    with pytest.raises(PolicyError) as refused:
        compile_condition(condition)
    assert [p.location.path for p in refused.value.problems] == [path]
