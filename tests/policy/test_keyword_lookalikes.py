"""Keywords find words typed with look-alike characters: a full-width letter amid
half-width ones (an input method switched mid-word), a curly apostrophe or a prime for
``'``, a typographic hyphen for ``-``, in the text or in the keyword. Each pair reads
alike on screen, so the one a policy lists and the one a customer typed match."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.policy.facts import Facts
from complaintkit.policy.found_words import spelt_in
from complaintkit.policy.keywords import Keyword, KeywordIndexBuilder, KeywordSet, normalise_keyword
from complaintkit.policy.matchtext import match_form


def build(*keywords: str, exclude: tuple[str, ...] = ()) -> KeywordSet:
    builder = KeywordIndexBuilder()
    phrases = tuple(normalise_keyword(p) for p in exclude)
    keyword_set = builder.add(
        [Keyword(normalise_keyword(k), exclude=phrases) for k in keywords], ("c.text",)
    )
    builder.build()
    return keyword_set


def found(keyword_set: KeywordSet, sample: str) -> bool:
    return keyword_set.matches(Facts({"c": {"text": sample}}))


def wide(char: str) -> str:
    return chr(ord(char) + 0xFEE0)


@pytest.mark.parametrize(
    ("keyword", "sample"),
    [
        ("late", "the parcel was la\uff54e"),  # one full-width t
        ("late", "\uff2c\uff41te delivery"),
        ("late", "\uff4c\uff41\uff54\uff45"),
        ("12315", "\uff112315"),
        ("la\uff54e", "it was late"),  # the keyword typed mixed
        ("e-mail", "my e\uff0dmail"),
        ("didn't", "I didn\u2019t get it"),  # right single quotation mark
        ("didn't", "I didn\u2018t get it"),
        ("didn't", "I didn\u2032t get it"),  # prime
        ("didn't", "I didn\u02bct get it"),  # modifier letter apostrophe
        ("didn't", "I didn\uff07t get it"),  # full-width apostrophe
        ("didn\u2019t", "I didn't get it"),
        ("can\u2018t", "I can\u2019t log in"),
        ("e-mail", "my e\u2010mail"),  # hyphen
        ("e-mail", "my e\u2011mail"),  # non-breaking hyphen
        ("e-mail", "my e\u2212mail"),  # minus sign
        ("退款", "我要退款\uff01"),
        ("退款!", "我要退款\uff01"),
        ("退款\uff01", "我要退款!"),
    ],
)
def test_a_look_alike_character_matches_as_its_plain_form(keyword: str, sample: str) -> None:
    assert found(build(keyword), sample)


@pytest.mark.parametrize(
    ("keyword", "sample"),
    [
        ("late", "choco\uff4cate"),
        ("late", "chocola\uff54e"),
        ("12315", "\uff112315\uff16"),
        ("didn", "didn\u2019t"[:4] + "e"),  # a letter after: no word end
    ],
)
def test_mixed_widths_keep_word_boundaries(keyword: str, sample: str) -> None:
    assert not found(build(keyword), sample)


def test_an_except_phrase_typed_with_a_curly_apostrophe_still_excludes() -> None:
    keyword_set = build("refund", exclude=("don't refund",))
    assert not found(keyword_set, "please don\u2019t refund")
    assert found(keyword_set, "please don\u2019t refund, refund")


def test_explain_shows_the_word_as_the_text_spells_it() -> None:
    keyword = Keyword(normalise_keyword("didn't"))
    assert spelt_in(keyword, "I didn\u2019t get it") == "didn\u2019t"
    assert spelt_in(Keyword(normalise_keyword("late")), "was la\uff54e!") == "la\uff54e"


_PLAIN = "abz09'-"
_LOOKALIKES = {
    "'": ["'", "\u2018", "\u2019", "\u2032", "\u02bc", "\uff07"],
    "-": ["-", "\u2010", "\u2011", "\u2212", "\uff0d"],
}


def _typings(word: str) -> st.SearchStrategy[str]:
    """``word`` with each character typed as itself, full-width or a look-alike."""
    return st.tuples(*(st.sampled_from([c, wide(c), *_LOOKALIKES.get(c, [])]) for c in word)).map(
        "".join
    )


@given(
    st.text(st.sampled_from(_PLAIN), min_size=1, max_size=6).filter(lambda w: w[0].isalnum()),
    st.data(),
)
def test_a_word_typed_any_way_is_found_between_separators(word: str, data: st.DataObject) -> None:
    typed = data.draw(_typings(word))
    before = data.draw(st.sampled_from(["", " ", "\u3000", "\uff0c", "退款", "(", "\n"]))
    after = data.draw(st.sampled_from(["", " ", "\uff01", "。", "了", ")", "."]))
    # a separator must not continue the word's own punctuation ending
    assert found(build(word), before + typed + after) is found(build(word), before + word + after)
    assert found(build(typed), before + word + after) is found(build(word), before + word + after)


@given(st.text(max_size=30))
def test_the_matched_form_is_stable(text: str) -> None:
    once = match_form(text)
    assert match_form(once) == once


_SEPARATORS = st.text(
    st.one_of(
        st.characters(categories=["P", "Zs", "Sm", "Sc", "Sk", "So", "Cc"]),
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    ),
    max_size=3,
)


@given(
    st.text(st.sampled_from("abcXYZ019变质退款"), min_size=1, max_size=6),
    _SEPARATORS,
    _SEPARATORS,
)
def test_a_keyword_is_found_between_any_separators(keyword: str, before: str, after: str) -> None:
    assert found(build(keyword), before + keyword + after)
