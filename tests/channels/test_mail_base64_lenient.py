# ruff: noqa: RUF001 -- Chinese test text uses full-width punctuation on purpose
"""A base64 body as mail clients read it: RFC 2045 (6.8) has a decoder ignore what is not
of the base64 alphabet, and relays and hand-rolled senders leave spaces at a line's end or
within it, or drop the ``=`` padding at the end; Thunderbird and Outlook show such a body.
The standard library notes each as a defect, and the message was refused as corrupt base64.
A body that holds other characters (``!@#``), or that ends in one letter alone, which
encodes no byte, is still corrupt."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput

TEXT = "我买的电饭煲漏水，要求退款。The lid is cracked."


def mail(body: str) -> bytes:
    return (
        "From: Zhang Wei <zhang.wei@example.cn>\r\n"
        "Subject: leak\r\n"
        "Date: Mon, 23 Nov 2026 10:00:00 +0800\r\n"
        "Message-ID: <b64-lenient@example.cn>\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n"
        f"{body}\r\n"
    ).encode()


def encoded(text: str = TEXT) -> str:
    return base64.b64encode(text.encode()).decode()


def lines(letters: str, width: int = 16) -> list[str]:
    return [letters[i : i + width] for i in range(0, len(letters), width)]


def test_spaces_at_the_end_of_lines_are_ignored() -> None:
    assert parse_mail(mail("  \r\n".join(lines(encoded())) + " ")).text == TEXT


def test_spaces_and_tabs_within_a_line_are_ignored() -> None:
    letters = encoded()
    assert parse_mail(mail(f"{letters[:8]} {letters[8:20]}\t{letters[20:]}")).text == TEXT


@pytest.mark.parametrize("text", ["退款!", "退款!!"])
def test_a_body_without_its_padding_is_read(text: str) -> None:
    unpadded = encoded(text).rstrip("=")
    assert unpadded != encoded(text)
    assert parse_mail(mail(unpadded)).text == text


def test_a_body_with_other_characters_is_still_corrupt() -> None:
    with pytest.raises(InvalidInput, match="base64 body is corrupt") as refused:
        parse_mail(mail("5oiR5Lmw!!!@@@###"))
    assert refused.value.field == "part 0 (text/plain)"


def test_a_body_ending_in_one_letter_alone_is_still_corrupt() -> None:
    with pytest.raises(InvalidInput, match="base64 body is corrupt"):
        parse_mail(mail(encoded("退款。") + "Q"))


@given(
    text=st.text(st.characters(codec="utf-8", categories=["L", "N", "P"]), min_size=1),
    width=st.integers(1, 76),
    spaces=st.sampled_from([" ", "\t", "  ", " \t"]),
    padded=st.booleans(),
)
def test_any_text_so_sent_reads_as_written(
    text: str, width: int, spaces: str, padded: bool
) -> None:
    letters = encoded(text) if padded else encoded(text).rstrip("=")
    assert parse_mail(mail(f"{spaces}\r\n".join(lines(letters, width)))).text == text.strip()
