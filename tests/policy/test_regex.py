"""A group of patterns answers exactly as each pattern's own search would."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.policy.regex import PatternGroup, compile_bounded

PATTERNS = [
    "refund|退款",
    r"订单号\d{6}",
    r"^\d*\d*\d*\d*$",
    "(?i)Late",
    "^$",
    r"\bfee\b",
    "a.*b",
    "[^a]",
]


@pytest.fixture(scope="module")
def group() -> PatternGroup:
    built = PatternGroup()
    assert [built.add(p) for p in PATTERNS] == list(range(len(PATTERNS)))
    built.seal()
    return built


@given(text=st.text(alphabet="ab1 退款订单号feLATE\n", max_size=30))
def test_group_matches_exactly_the_patterns_search_matches(group: PatternGroup, text: str) -> None:
    expected = [compile_bounded(p).search(text) is not None for p in PATTERNS]
    found = group(text)
    assert [i in found for i in range(len(PATTERNS))] == expected


def test_group_reads_the_whole_text(group: PatternGroup) -> None:
    assert 1 in group("x" * 50_000 + "订单号123456")
    assert 2 in group("1" * 10_000)
    assert 2 not in group("1" * 10_000 + "x")
