"""Keywords match text typed in a Chinese input method's full-width mode (U+FF01…U+FF5E)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.policy.facts import Facts
from complaintkit.policy.keywords import Keyword, KeywordIndexBuilder, KeywordSet, normalise_keyword


def wide(text: str) -> str:
    """``text`` as full-width mode types it: ASCII forms U+FF01…U+FF5E, U+3000 for a space."""
    return "".join(
        "\u3000" if c == " " else chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text
    )


def build(*keywords: str) -> KeywordSet:
    builder = KeywordIndexBuilder()
    keyword_set = builder.add([normalise_keyword(k) for k in keywords], ("c.text",))
    builder.build()
    return keyword_set


def found(keyword_set: KeywordSet, sample: str) -> bool:
    return keyword_set.matches(Facts({"c": {"text": sample}}))


@pytest.mark.parametrize(
    ("keyword", "sample", "expected"),
    [
        ("12315", "收银员态度不好\uff0c我已经打了" + wide("12315"), True),
        ("spoiled", "The milk was " + wide("spoiled"), True),
        ("spoiled", wide("SPOILED!"), True),
        ("food poisoning", wide("food poisoning") + " after dinner", True),
        ("late", wide("chocolate"), False),
        ("late", wide("lately"), False),
        (wide("12315"), "打了12315投诉", True),
        ("变质", "牛奶变质了", True),
    ],
)
def test_full_width_text_and_keywords_match_their_ascii_forms(
    keyword: str, sample: str, expected: bool
) -> None:
    assert found(build(keyword), sample) is expected


_ASCII = st.sampled_from("abz019 .-")


@given(
    st.text(_ASCII, min_size=1, max_size=4).filter(str.strip),
    st.text(st.sampled_from("abz019 .-变质"), max_size=24),
)
def test_typing_in_full_width_mode_finds_what_ascii_finds(keyword: str, sample: str) -> None:
    keyword_set = build(keyword)
    assert found(keyword_set, wide(sample)) is found(keyword_set, sample)


@given(st.text(_ASCII, min_size=1, max_size=8).filter(str.strip))
def test_a_keyword_written_full_width_is_its_ascii_form(keyword: str) -> None:
    assert normalise_keyword(wide(keyword)) == normalise_keyword(keyword)


def build_except(keyword: str, *phrases: str) -> KeywordSet:
    builder = KeywordIndexBuilder()
    normal = tuple(normalise_keyword(p) for p in phrases)
    keyword_set = builder.add([Keyword(normalise_keyword(keyword), exclude=normal)], ("c.text",))
    builder.build()
    return keyword_set


@pytest.mark.parametrize(
    ("keyword", "phrase", "sample"),
    [
        ("投诉", "12315投诉", "我已经打了" + wide("12315") + "投诉"),
        ("凉", "coke凉", wide("COKE") + "凉"),
    ],
)
def test_an_except_phrase_typed_full_width_still_excludes_a_chinese_keyword(
    keyword: str, phrase: str, sample: str
) -> None:
    assert not found(build_except(keyword, phrase), sample)


_MIXED = st.sampled_from("ab1 变质")


@given(
    st.text(_MIXED, min_size=1, max_size=3).filter(str.strip),
    st.text(_MIXED, max_size=3),
    st.text(_MIXED, max_size=3),
    st.text(_MIXED, max_size=4),
    st.text(_MIXED, max_size=4),
)
def test_typing_in_full_width_mode_keeps_what_except_excludes(
    keyword: str, before: str, after: str, left: str, right: str
) -> None:
    phrase = before + keyword + after
    if normalise_keyword(phrase) == normalise_keyword(keyword):
        return
    keyword_set = build_except(keyword, phrase)
    sample = left + phrase + right
    assert found(keyword_set, wide(sample)) is found(keyword_set, sample)


@pytest.mark.parametrize(
    ("keyword", "sample"),
    [
        ("late", "choco" + wide("late")),  # a word typed half in each width is one word
        ("late", wide("choco") + "late"),
        ("a", "0" + wide("a")),
        ("e-mail", "a" + wide("e-mail")),
        ("12315", wide("12315") + "6"),
    ],
)
def test_a_letter_of_the_other_width_is_no_word_boundary(keyword: str, sample: str) -> None:
    assert not found(build(keyword), sample)
