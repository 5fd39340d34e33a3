"""A part labelled ``utf-7`` whose ASCII text holds a bare ``+`` (``2+2=4``, ``C++``, ``+5
euro``: senders that label plain ASCII so write it unescaped) reads as written, where a
strict decoder refused the message; ``+-`` is a plus sign and a real UTF-7 run is read."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels.mail_message import parse_mail
from complaintkit.channels.utf7_text import utf7_text
from complaintkit.errors import InvalidInput


def _mail(body: bytes) -> bytes:
    return (
        b"From: Li Wei <li@example.cn>\r\nMessage-ID: <u7@example.cn>\r\n"
        b"Date: Mon, 23 Nov 2026 09:30:00 +0800\r\nSubject: price\r\n"
        b"Content-Type: text/plain; charset=utf-7\r\n\r\n" + body
    )


@pytest.mark.parametrize(
    ("body", "text"),
    [
        (b"Price +5 euro, 2+2=4, C++ rocks", "Price +5 euro, 2+2=4, C++ rocks"),
        (b"Call +44 20 7946 0000 please", "Call +44 20 7946 0000 please"),
        (b"A+-B and C++ and +ZeVnLIqe-", "A+B and C++ and 日本語"),
        (b"ends in a plus+", "ends in a plus+"),
        (b"x + y\r\nsum+\r\n", "x + y\r\nsum+"),
        (b"+2D3eAA- broke", "\U0001f600 broke"),
    ],
)
def test_a_bare_plus_reads_as_a_plus(body: bytes, text: str) -> None:
    assert parse_mail(_mail(body)).text == text


def test_eight_bit_bytes_are_still_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(_mail("2+2 漏水".encode()))
    assert refused.value.field == "part 0 (text/plain)"


@given(st.text(st.characters(exclude_categories=("Cc", "Cs")) | st.sampled_from("\r\n\t")))
def test_what_utf7_encodes_reads_back(text: str) -> None:
    assert utf7_text(text.encode("utf-7")) == text


def test_a_body_of_pluses_reads_as_written() -> None:
    assert utf7_text(b"C" + b"+" * 100_000) == "C" + "+" * 100_000
