"""The Yijing hexagrams (U+4DC0 to U+4DFF, ䷀) sit inside the run of code points Chinese
characters were counted in, and unassigned points end the compatibility ideographs: a text of
such symbols alone, no word in it, was taken for Chinese and its writer answered in Chinese
rather than in the reader's language (hypothesis found ䷀ in
tests/api/test_status_page_wordless_text.py). Only Chinese characters count."""

from __future__ import annotations

import pytest

from complaintkit.model.language import language_of, written_language


@pytest.mark.parametrize("text", ["䷀", "䷀䷁ ䷿", "\ufa6e", "\ufadf"])
def test_symbols_in_the_han_blocks_are_no_chinese(text: str) -> None:
    assert written_language(text) is None
    assert language_of(None, text, "en") == "en"


@pytest.mark.parametrize("text", ["㐀", "一", "鿿", "\ufa6d", "\ufad9", "好"])
def test_chinese_characters_at_the_blocks_edges_are(text: str) -> None:
    assert written_language(text) == "zh"
