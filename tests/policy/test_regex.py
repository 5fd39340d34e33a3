"""A group of patterns answers exactly as each pattern's own search would."""

from __future__ import annotations

import re

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


@pytest.mark.parametrize("pattern", [r"(a)(b)\2", r"(a)\9", r"(?P<n>a)\k<n>", r"(?P<n>a)(?P=n)"])
def test_every_back_reference_is_refused_saying_so(pattern: str) -> None:
    # only \1 and (?P=…) said so; \2…\9 and \k<name> were only 'invalid escape sequence'
    with pytest.raises(ValueError, match="back-references are not supported"):
        compile_bounded(pattern)


@pytest.mark.parametrize(
    ("pattern", "advice"),
    [
        (r"[\u4e00-\u9fff]+", r"\x{4e00}"),  # Python's and JavaScript's code point escape
        (r"done\Z", r"\z"),  # Python's end of text
    ],
)
def test_an_escape_of_other_engines_names_the_re2_spelling(pattern: str, advice: str) -> None:
    with pytest.raises(ValueError, match=re.escape(advice)):
        compile_bounded(pattern)


def test_a_count_without_a_lower_bound_is_refused_not_read_as_text() -> None:
    """Python reads a{,5} as a{0,5}; RE2 as the five characters 'a{,5}', so the pattern
    compiled and silently matched only that text."""
    with pytest.raises(ValueError, match=r"\{0,5\}"):
        compile_bounded("退款{,5}")
    assert compile_bounded(r"a\{,5}").search("a{,5}") is not None
