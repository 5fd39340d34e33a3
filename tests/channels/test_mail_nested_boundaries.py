"""A multipart part inside a message whose boundary never appears in it (or that names
none) is no multipart to the parser: it was noted as an attachment of type
``multipart/alternative`` and the words in it were dropped, while the case opened with the
rest (``see below``). The same fault at the top refuses the message; inside, it refuses it
too, naming the Content-Type, and so does a nested part whose closing boundary is missing
(the message may be cut short), as at the top."""

from __future__ import annotations

import pytest

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput

HEAD = (
    b"From: A <a@example.com>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0800\r\nSubject: s\r\n"
    b"Message-ID: <nested@example.com>\r\nMIME-Version: 1.0\r\n"
)


def mail(inner: bytes) -> bytes:
    return (
        HEAD + b'Content-Type: multipart/mixed; boundary="a"\r\n\r\n'
        b"--a\r\nContent-Type: text/plain\r\n\r\nsee below\r\n--a\r\n" + inner + b"\r\n--a--\r\n"
    )


@pytest.mark.parametrize(
    "inner",
    [
        b'Content-Type: multipart/alternative; boundary="b"\r\n\r\n'
        b"--c\r\nContent-Type: text/plain\r\n\r\nthe real complaint\r\n--c--\r\n",
        b"Content-Type: multipart/alternative\r\n\r\nthe real complaint\r\n",
        b'Content-Type: multipart/alternative; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain\r\n\r\nthe real complaint, cut",
    ],
    ids=["boundary never appears", "no boundary", "never closed"],
)
def test_a_broken_nested_multipart_refuses_the_message(inner: bytes) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(mail(inner))
    assert refused.value.field == "Content-Type"


def test_a_top_level_multipart_never_closed_says_it_may_be_cut_short() -> None:
    raw = HEAD + b'Content-Type: multipart/mixed; boundary="a"\r\n\r\n--a\r\n\r\nhello\r\n'
    with pytest.raises(InvalidInput) as refused:
        parse_mail(raw)
    assert "closing boundary" in refused.value.message


def test_a_whole_nested_multipart_is_read() -> None:
    inner = (
        b'Content-Type: multipart/alternative; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain\r\n\r\nthe real complaint\r\n--b--\r\n"
    )
    assert parse_mail(mail(inner)).text == "see below\n\nthe real complaint"
