"""An encoded word with no text (``=?utf-8?B??=``, ``=?gbk?Q??=``, a base64 one of padding
alone, ``=?utf-8?B?=?=``) says nothing: mailers write one where a header's bytes ran out
at a word's end. RFC 2047 ignores the space between adjacent encoded words, so it is read
as nothing wherever it stands — in a run of words that split a character or base64 letters
between them too, which are read together across it — never kept raw in the header's text."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels.mail_message import parse_mail

EMPTY = ["=?utf-8?B??=", "=?utf-8?Q??=", "=?gbk?B??=", "=?UTF-8?b?=?=", "=?utf-8?B?==?="]


def _subject(subject: str) -> str:
    return parse_mail(
        b"From: a@example.cn\r\nMessage-ID: <e1@example.cn>\r\n"
        b"Date: Mon, 23 Nov 2026 09:30:00 +0800\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\nSubject: "
        + subject.encode("ascii")
        + b"\r\n\r\nbody"
    ).subject


@pytest.mark.parametrize("empty", EMPTY)
@pytest.mark.parametrize(
    ("written", "text"),
    [
        ("=?utf-8?B?5ryP5rC0?= {}", "漏水"),
        ("=?utf-8?B?5ryP5rC0?= {} tail", "漏水 tail"),
        ("head {}", "head"),
        ("=?utf-8?B?5ryP5r?= {} =?utf-8?B?C0?=", "漏水"),  # letters cut between words
        ("=?utf-8?B?5ryP5q?= {} =?utf-8?B?sLQ=?=", "漏水"),  # a character split
        ("=?gbk?B?wqk=?= {} =?gbk?B?y64=?=", "漏水"),
    ],
)
def test_an_empty_encoded_word_is_read_as_nothing(written: str, text: str, empty: str) -> None:
    assert _subject(written.format(empty)) == text


def test_an_empty_encoded_word_in_an_unknown_charset_costs_nothing() -> None:
    assert _subject("=?utf-8?B?5ryP5rC0?= =?x-nonesuch?B??=") == "漏水"


@settings(max_examples=80, deadline=None)
@given(
    st.text(st.sampled_from("漏水外卖送得太慢了退款abc é"), min_size=1, max_size=12).filter(
        str.strip
    ),
    st.data(),
)
def test_empty_words_anywhere_in_a_run_change_nothing(text: str, data: st.DataObject) -> None:
    raw = text.encode("utf-8")
    cuts = sorted(
        set(data.draw(st.lists(st.integers(1, len(raw) - 1), max_size=3)) if len(raw) > 1 else [])
    )
    pieces = [raw[a:b] for a, b in zip([0, *cuts], [*cuts, len(raw)], strict=True)]
    words = [f"=?utf-8?B?{base64.b64encode(piece).decode()}?=" for piece in pieces]
    at = data.draw(st.integers(0, len(words)))
    empty = data.draw(st.sampled_from(EMPTY))
    assert _subject(" ".join([*words[:at], empty, *words[at:]])) == _subject(" ".join(words))
