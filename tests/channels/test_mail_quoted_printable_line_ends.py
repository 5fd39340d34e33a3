# ruff: noqa: RUF001 -- Chinese test text uses full-width punctuation on purpose
"""A quoted-printable body whose lines end in a CR alone, as old Mac mail programs end
them (an mbox of them is read, see docs/intake.md): the standard library's decoder takes
``=`` before a lone CR for a broken escape and drops the rest of the body, so a complaint
was kept with its first line only, and no word said of the rest. A soft line break is
``=`` at a line's end however the line ends."""

from __future__ import annotations

import quopri

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels.mail_message import parse_mail

TEXT = "我买的电饭煲漏水，要求退款。The lid is cracked and the cable is burnt."


def mail(body: bytes, end: bytes) -> bytes:
    head = (
        "From: Zhang Wei <zhang.wei@example.cn>",
        "Subject: leak",
        "Date: Mon, 23 Nov 2026 10:00:00 +0800",
        "Message-ID: <qp-cr@example.cn>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: quoted-printable",
    )
    return end.join(line.encode() for line in head) + end + end + body + end


def encoded(text: str, end: bytes) -> bytes:
    """``text`` in quoted-printable, its lines (soft breaks too) ending in ``end``."""
    written = quopri.encodestring(text.encode())
    return written.replace(b"\n", end)


@pytest.mark.parametrize("end", [b"\r", b"\n", b"\r\n"], ids=["CR", "LF", "CRLF"])
def test_a_soft_line_break_joins_the_line_however_it_ends(end: bytes) -> None:
    body = encoded(TEXT, end)
    assert b"=" + end in body  # the encoder wrapped the long line
    assert parse_mail(mail(body, end)).text == TEXT


def test_a_character_split_by_a_soft_break_after_a_cr_is_whole() -> None:
    assert (
        parse_mail(mail(b"=E6=BC=\r=8F=E6=B0=B4\rsecond line", b"\r")).text == "漏水\rsecond line"
    )


@given(
    text=st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"])).filter(str.strip),
    end=st.sampled_from([b"\r", b"\n", b"\r\n"]),
)
def test_any_line_so_sent_reads_whole(text: str, end: bytes) -> None:
    assert parse_mail(mail(encoded(text, end), end)).text == text.strip()


def test_raw_8bit_bytes_in_a_quoted_printable_body_are_read_in_its_charset() -> None:
    raw = mail("漏=\r水=3D ok".encode("gbk"), b"\r").replace(b"utf-8", b"gbk")
    assert parse_mail(raw).text == "漏水= ok"
