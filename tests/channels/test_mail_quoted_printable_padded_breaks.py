"""A quoted-printable soft line break followed by spaces or a tab (``=  `` at a line's end):
RFC 2045 (6.7, rule 3) has decoders delete white space at a line's end, which transport
agents add, so the ``=`` still ends the line. The standard library's decoder kept ``= ``
and the line break in the text, and a character the break split (``=E6=BC= `` then
``=8F``) made the part invalid UTF-8: the whole message was refused."""

from __future__ import annotations

import pytest

from complaintkit.channels.mail_message import parse_mail


def mail(body: str) -> bytes:
    return (
        "From: Zhang Wei <zhang.wei@example.cn>\r\n"
        "Subject: leak\r\n"
        "Date: Mon, 23 Nov 2026 10:00:00 +0800\r\n"
        "Message-ID: <qp-pad@example.cn>\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        f"{body}\r\n"
    ).encode()


@pytest.mark.parametrize("padding", [" ", "\t", "  \t "])
@pytest.mark.parametrize("end", ["\r\n", "\n", "\r"], ids=["CRLF", "LF", "CR"])
def test_a_padded_soft_break_splitting_a_character_joins_it(padding: str, end: str) -> None:
    assert parse_mail(mail(f"=E6=BC={padding}{end}=8F=E6=B0=B4")).text == "漏水"


def test_a_padded_soft_break_joins_two_words_of_a_line() -> None:
    assert parse_mail(mail("The lid is crac= \r\nked.")).text == "The lid is cracked."


def test_an_equals_sign_written_as_such_stays() -> None:
    assert parse_mail(mail("1 + 1 =3D 2")).text == "1 + 1 = 2"
