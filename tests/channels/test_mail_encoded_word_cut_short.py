"""A Subject whose encoded word was cut short — by a gateway truncating the header at a
number of bytes, inside a character or inside the word's base64 — refused the whole
message ('holds an encoded word that is not valid utf-8', or, for base64 cut to a letter
that encodes no byte, 'could not be read: HeaderParseError'), and a word cut before its
closing ``?=`` was kept as its base64 letters. The subject is now read as far as it goes,
the half character as U+FFFD, as a body cut short is; a word with a byte wrong before
its end is still refused."""

from __future__ import annotations

import base64
import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels.mail import MailChannel
from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint

SUBJECT = "投诉外卖"


def mail(subject: bytes) -> bytes:
    return (
        b"From: a@example.cn\r\nMessage-ID: <c1@example.cn>\r\n"
        b"Date: Mon, 23 Nov 2026 09:30:00 +0800\r\nSubject: "
        + subject
        + b"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nbody\r\n"
    )


def b_word(data: bytes, label: str = "utf-8", letters: int | None = None) -> bytes:
    encoded = base64.b64encode(data).decode().rstrip("=")
    return f"=?{label}?B?{encoded[:letters]}?=".encode()


@pytest.mark.parametrize(
    ("subject", "read"),
    [
        (b_word(SUBJECT.encode()[:11]), "投诉外\ufffd"),  # cut inside 卖
        (b"=?utf-8?Q?=E6=8A=95=E8=AF?=", "投\ufffd"),
        (b"Re: " + b_word(SUBJECT.encode()[:4]), "Re: 投\ufffd"),
        (b_word(SUBJECT.encode("gbk")[:5], "gbk"), "投诉\ufffd"),
        (b_word(SUBJECT.encode(), letters=13), "投诉外"),  # a letter encoding no byte
        (b"=?utf-8?B?5oqV6K+J", "投诉"),  # the word's end cut off too
        (b"=?utf-8?B?5oqV6K+J5a?", "投诉\ufffd"),
    ],
)
def test_a_subject_cut_short_is_read_as_far_as_it_goes(subject: bytes, read: str) -> None:
    assert parse_mail(mail(subject)).subject == read


def test_a_word_cut_short_in_a_mailbox_is_a_case(tmp_path: Path) -> None:
    source = tmp_path / "a.eml"
    source.write_bytes(mail(b_word(SUBJECT.encode(), letters=13)))
    (complaint,) = MailChannel().read(str(source))
    assert isinstance(complaint, Complaint)
    assert complaint.subject == "投诉外"


def test_a_word_with_a_wrong_byte_before_its_end_is_still_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(mail(b_word(b"\xe6\x8a" + SUBJECT.encode())))
    assert refused.value.field == "Subject"


def test_a_word_of_stray_letters_is_refused_naming_the_subject() -> None:
    """Not 'could not be read: HeaderParseError' from the standard library."""
    with pytest.raises(InvalidInput) as refused:
        parse_mail(mail(b"=?utf-8?B?5oqV!6?="))
    assert refused.value.field == "Subject"


@settings(max_examples=150, deadline=None)
@given(
    st.text(st.characters(exclude_categories=["Cc", "Cs", "Zl", "Zp"]), min_size=1, max_size=20),
    st.data(),
)
def test_a_cut_subject_keeps_what_came_before_the_cut(text: str, data: st.DataObject) -> None:
    raw = text.encode()
    cut = data.draw(st.integers(1, len(raw)))
    try:
        read = parse_mail(mail(b_word(raw[:cut]))).subject
    except InvalidInput:
        return  # a subject of control characters, say
    before = "".join(raw[:cut].decode("utf-8", errors="ignore").split())  # spaces folded
    assert "".join(read.rstrip("\ufffd").split()) == before


def test_a_message_id_that_looks_like_a_word_cut_short_is_kept_as_written() -> None:
    """The Message-ID is the idempotency key: never mended."""
    raw = mail(b"s").replace(b"<c1@example.cn>", b"<=?utf-8?Q?abc@example.cn>")
    assert parse_mail(raw).external_id == "=?utf-8?Q?abc@example.cn"


@pytest.mark.parametrize(
    "subject",
    [b"=?base64?Q?=68=65=6C=6C=6F?=", b"=?base64?B?AHg=?=", b"=?zlib?B?5oqV6K?="],
)
def test_a_word_labelled_with_no_charset_is_refused_naming_the_subject(subject: bytes) -> None:
    """Not 'could not be read: LookupError' (or binascii's Error) from the mending."""
    with pytest.raises(InvalidInput) as refused:
        parse_mail(mail(subject))
    assert refused.value.field == "Subject"


def test_a_utf16_word_wanting_its_mark_is_no_traceback() -> None:
    """Read or refused (InvalidInput), never the codec's own UnicodeError."""
    with contextlib.suppress(InvalidInput):
        parse_mail(mail(b"=?utf-16?B?0KPRgtGO0LMg0Q==?="))
