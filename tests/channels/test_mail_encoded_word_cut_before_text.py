"""An encoded word cut short inside a character that is not the header's last word.

A Subject's last encoded word cut inside a character is read as far as it goes, the half
character as U+FFFD (test_mail_encoded_word_cut_short). The same word with another word
or text after it — a mailer that cut the subject into words at bytes and lost a byte, a
gateway that truncated one word of several, a display name cut before the address —
refused the whole message ("holds an encoded word that is not valid utf-8"): a customer's
complaint became a dead letter for the sake of half a character of its subject. Such a
word is now read as far as it goes wherever it stands.
"""

from __future__ import annotations

import base64

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput

HEAD = "Message-ID: <c1@example.cn>\r\nDate: Mon, 23 Nov 2026 09:30:00 +0800\r\n"


def mail(subject: bytes, sender: bytes = b"a@example.cn") -> bytes:
    return (
        HEAD.encode()
        + b"From: "
        + sender
        + b"\r\nSubject: "
        + subject
        + b"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nbody\r\n"
    )


def b_word(data: bytes, label: str = "utf-8") -> bytes:
    return f"=?{label}?B?{base64.b64encode(data).decode()}?=".encode()


@pytest.mark.parametrize(
    ("subject", "read"),
    [
        (b_word("投诉外卖".encode()[:11]) + b" " + b_word("加急".encode()), "投诉外\ufffd加急"),
        (b_word("投诉外卖".encode()[:11]) + b" (urgent)", "投诉外\ufffd (urgent)"),
        (b"=?utf-8?Q?=E6=8A=95=E8=AF?= =?utf-8?Q?ok?=", "投\ufffdok"),
        (b_word("投诉".encode("gbk")[:3], "gbk") + b" late", "投\ufffd late"),
        (b"=?utf-8?B?5ryP5r?= =?x-unknown?Q?abc?=", "漏\ufffdabc"),
    ],
)
def test_a_word_cut_short_before_other_text_is_read_as_far_as_it_goes(
    subject: bytes, read: str
) -> None:
    assert parse_mail(mail(subject)).subject == read


def test_a_senders_name_cut_short_before_the_address_is_read() -> None:
    complaint = parse_mail(mail(b"s", sender=b"=?utf-8?B?5ryP5r?= <a@b.c>"))
    assert complaint.customer.name == "漏\ufffd"
    assert complaint.customer.id == "a@b.c"


def test_a_word_with_a_wrong_byte_before_its_end_before_other_text_is_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(mail(b_word(b"\xe6\x8a" + "投诉".encode()) + b" late"))
    assert refused.value.field == "Subject"


@settings(max_examples=100, deadline=None)
@given(
    first=st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Z"]), min_size=1),
    second=st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Z"])),
    data=st.data(),
)
def test_every_word_keeps_what_came_before_its_cut(
    first: str, second: str, data: st.DataObject
) -> None:
    """The second word starts with an ASCII letter, which completes no character."""
    raw = first.encode()
    cut = data.draw(st.integers(1, len(raw)))
    subject = b_word(raw[:cut]) + b" " + b_word(("x" + second).encode())
    kept = raw[:cut].decode("utf-8", errors="ignore")
    try:
        read = parse_mail(mail(subject)).subject
    except InvalidInput:
        assert kept.isascii()  # ASCII alone before a half character is no cut UTF-8
        return
    assert read.startswith(kept), (read, kept)
    assert read.endswith("x" + second), read
