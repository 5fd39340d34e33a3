"""UTF-8 cut short inside its last character — a gateway or ticket system that truncates a
body or a Subject at a number of bytes — is read as the UTF-8 it is, the half character
shown as U+FFFD, never as GB18030 mojibake (漏水 cut one byte short read as 婕忔) nor
refused as bytes no charset reads."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels.mail_charsets import guessed_text
from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput

TEXTS = [
    "漏水",
    "我的订单还没到\uff0c请尽快处理",
    "配送太慢了",
    "Утюг сломан",
    "배송이 너무 늦어요",
]


def mail(body: bytes, kind: str = "text/plain", subject: bytes = b"order 1234") -> bytes:
    return (
        b"From: Li <li@example.cn>\r\nSubject: "
        + subject
        + b"\r\nDate: Mon, 23 Nov 2026 10:00:00 +0800\r\nMessage-ID: <c1@example.cn>\r\n"
        + b"MIME-Version: 1.0\r\nContent-Type: "
        + kind.encode()
        + b"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + body
    )


def cut(text: str, short: int) -> tuple[bytes, str]:
    """``text`` in UTF-8 less ``short`` bytes of its last character, and what it reads as."""
    raw = text.encode()[:-short]
    return raw, text[:-1] + "\ufffd"


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("short", [1, 2])
@pytest.mark.parametrize("kind", ["text/plain", "text/plain; charset=unknown-8bit"])
def test_an_unlabelled_body_cut_short_reads_as_utf8(text: str, short: int, kind: str) -> None:
    if short >= len(text[-1].encode()):
        pytest.skip("the character has fewer bytes")
    raw, read = cut(text, short)
    assert parse_mail(mail(raw, kind)).text == read
    assert parse_mail(mail(raw + b"\r\n", kind)).text == read


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("short", [1, 2])
def test_a_raw_subject_cut_short_reads_as_utf8(text: str, short: int) -> None:
    if short >= len(text[-1].encode()):
        pytest.skip("the character has fewer bytes")
    raw, read = cut(text, short)
    assert parse_mail(mail(b"see subject", subject=raw)).subject == read


@given(
    st.text(min_size=1).filter(lambda text: not text.isascii() and not text[-1].isascii()),
    st.integers(1, 3),
)
def test_utf8_holding_more_than_ascii_cut_short_reads_as_utf8(text: str, short: int) -> None:
    raw = text.encode()
    short = min(short, len(text[-1].encode()) - 1)
    if text[:-1].isascii():  # an ASCII line and half a character: GBK may be meant
        return
    assert guessed_text(raw[:-short]) == text[:-1] + "\ufffd"


def test_a_message_id_cut_short_is_refused_not_keyed_with_a_half_character() -> None:
    raw = mail(b"body").replace(b"<c1@example.cn>", "<c1@订单".encode()[:-1])
    with pytest.raises(InvalidInput) as refused:
        parse_mail(raw)
    assert refused.value.field == "Message-ID"


def test_ascii_and_one_byte_beyond_it_is_not_taken_for_utf8_cut_short() -> None:
    assert guessed_text(b"caf\xe9") is None  # Latin-1, unlabelled: refused as before


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("short", [1, 2])
@pytest.mark.parametrize("label", ["utf-8", "UTF8"])
def test_a_body_labelled_utf8_cut_short_reads_as_utf8(text: str, short: int, label: str) -> None:
    """It refused the message, advising the charset that read the half character as a
    whole one (`it reads as gb18030 or big5hkscs or shift_jis`)."""
    if short >= len(text[-1].encode()):
        pytest.skip("the character has fewer bytes")
    raw, read = cut(text, short)
    assert parse_mail(mail(raw + b"\r\n", f"text/plain; charset={label}")).text == read


def test_latin1_labelled_utf8_ending_in_its_one_accent_is_still_refused() -> None:
    with pytest.raises(InvalidInput):
        parse_mail(mail(b"caf\xe9", "text/plain; charset=utf-8"))
