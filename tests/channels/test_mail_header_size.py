"""A header the complaint is made of is refused past ``MAX_HEADER_BYTES`` before it is
parsed: the standard library parses encoded words in time that grows with the square of
their number, and a 600 kB Subject of 50,000 of them held the intake for 84 seconds —
even one that decodes to a few characters (empty encoded words, folded blank lines)."""

from __future__ import annotations

import pytest

from complaintkit.channels.mail_headers import MAX_HEADER_BYTES
from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput

HEAD = "Message-ID: <m8@x>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0800\r\n"
EMPTY_WORDS = " ".join(["=?utf-8?q??="] * 4_000)  # nothing, 52 kB long
FOLDED = "a" + "\r\n " * 20_000 + "b"


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("Subject", f"Subject: {EMPTY_WORDS}"),
        ("Subject", f"Subject: {FOLDED}"),
        ("From", f"From: {EMPTY_WORDS} <a@example.com>"),
        ("Message-ID", f"Message-ID: <{'x' * 40_000}@x>"),
    ],
)
def test_a_huge_header_is_refused_naming_it_and_the_limit(name: str, header: str) -> None:
    head = HEAD if name != "Message-ID" else "Date: Mon, 23 Nov 2026 09:00:00 +0800\r\n"
    sender = "" if name == "From" else "From: a@example.com\r\n"
    raw = f"{head}{sender}{header}\r\n\r\nbody\r\n".encode()
    with pytest.raises(InvalidInput) as caught:
        parse_mail(raw)
    assert caught.value.field == name
    assert f"{MAX_HEADER_BYTES:,}" in caught.value.message


def test_a_long_chinese_subject_in_encoded_words_is_read() -> None:
    """A thousand characters (the longest subject), each in Q encoding: about 12 kB."""
    words = "=?utf-8?q?" + "".join(f"={b:02X}" for b in "漏".encode()) + "?="
    subject = " ".join([words] * 1_000)
    raw = f"{HEAD}From: a@example.com\r\nSubject: {subject}\r\n\r\nbody\r\n".encode()
    assert parse_mail(raw).subject == "漏" * 1_000
