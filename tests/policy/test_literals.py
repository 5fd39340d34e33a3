"""One scan for many ``contains`` words answers exactly as ``word in text`` for each."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.policy.literals import SCAN_FROM, LiteralGroup

_ALPHABET = "ab变质 \ud800é"  # ASCII, CJK, a lone surrogate, a two-byte letter
_WORDS = st.lists(st.text(alphabet=_ALPHABET, min_size=1, max_size=4), max_size=12)


def group_of(words: list[str]) -> tuple[LiteralGroup, list[int]]:
    group = LiteralGroup()
    indexes = [group.add(word) for word in words]
    group.seal()
    return group, indexes


@given(_WORDS, st.text(alphabet=_ALPHABET, max_size=30))
def test_group_finds_exactly_the_words_the_text_contains(words: list[str], text: str) -> None:
    group, indexes = group_of(words)
    found = group(text)
    assert [i in found for i in indexes] == [word in text for word in words]


def test_a_repeated_word_shares_its_index() -> None:
    group = LiteralGroup()
    assert group.add("refund") == group.add("refund") == 0
    assert group.add("退款") == 1


def test_overlapping_words_are_all_found_by_the_scan() -> None:
    words = ["credit report", "report", "port", "rep", "退款", "款"]
    assert len(words) >= SCAN_FROM
    group, indexes = group_of(words)
    found = group("my credit report, 退款")
    assert all(i in found for i in indexes)
    assert set(group("reporter")) == {indexes[1], indexes[2], indexes[3]}
