"""Base64 encoded words each whole but left unpadded, as some mailers write them, whose
bytes split a character between them (UTF-16's two bytes of ç, one in each word): their
letters run together are other bytes (``ow`` + ``AOcA`` as A3 00 0E 70), which read in
UTF-16 too, as a character no one wrote (£瀎 for £ç). The words' own bytes, joined, are
what the sender wrote; letters cut inside a group of four are still read together."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels.mail_message import parse_mail


def _subject(subject: str) -> str:
    return parse_mail(
        b"From: a@example.cn\r\nMessage-ID: <u1@example.cn>\r\n"
        b"Date: Mon, 23 Nov 2026 09:30:00 +0800\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\nSubject: "
        + subject.encode("ascii")
        + b"\r\n\r\nbody"
    ).subject


def _words(pieces: list[bytes], charset: str) -> str:
    return " ".join(
        f"=?{charset}?B?{base64.b64encode(piece).decode().rstrip('=')}?=" for piece in pieces
    )


def test_unpadded_utf16_words_splitting_a_character_read_as_written() -> None:
    assert _subject("=?utf-16-le?B?ow?= =?utf-16-le?B?AOcA?=") == "£ç"


@pytest.mark.parametrize("charset", ["utf-16-le", "utf-16-be", "utf-8", "gb18030"])
def test_unpadded_words_cut_anywhere_read_as_written(charset: str) -> None:
    raw = "£ç 漏水了 café".encode(charset)
    for cut in range(1, len(raw)):
        assert _subject(_words([raw[:cut], raw[cut:]], charset)) == "£ç 漏水了 café"


@settings(max_examples=80, deadline=None)
@given(
    # with a Latin letter, whose UTF-16 holds a NUL (a word of Chinese alone may not)
    st.text(st.sampled_from("£çé漏水了退款 ab"), min_size=1, max_size=10).filter(
        lambda text: any(c in text for c in "£çéab")
    ),
    st.sampled_from(["utf-16-le", "utf-16-be", "utf-8"]),
    st.data(),
)
def test_unpadded_words_read_as_the_text(text: str, charset: str, data: st.DataObject) -> None:
    raw = text.encode(charset)
    cut = data.draw(st.integers(1, max(1, len(raw) - 1)))
    pieces = [piece for piece in (raw[:cut], raw[cut:]) if piece]
    assert _subject(_words(pieces, charset)) == " ".join(text.split())
