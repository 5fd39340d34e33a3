"""A text/plain part of invisible characters alone (a byte order mark a Windows tool wrote,
a zero-width space, a direction mark) says no more than a blank one: it does not hide the
words of the HTML part beside it, as the model would refuse it as blank text and the whole
message became a dead letter no retry could take in."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput

HEAD = (
    b"From: jane@example.com\r\nDate: Mon, 23 Nov 2026 09:00:00 +0800\r\nSubject: s\r\n"
    b"Message-ID: <invisible-plain@x>\r\nMIME-Version: 1.0\r\n"
)
INVISIBLE = st.text(st.sampled_from("\ufeff\u200b\u200c\u200e\u200f\u2060\u00ad \t"), min_size=1)


def with_html(kind: str, plain: str) -> bytes:
    return (
        HEAD
        + f"Content-Type: multipart/{kind}; boundary=BB\r\n\r\n".encode()
        + b"--BB\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        + plain.encode()
        + b"\r\n--BB\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        + "<p>冰箱不制冷要求维修。</p>".encode()
        + b"\r\n--BB--\r\n"
    )


@given(kind=st.sampled_from(["alternative", "mixed"]), plain=INVISIBLE)
def test_an_invisible_plain_part_leaves_the_html_one_as_the_text(kind: str, plain: str) -> None:
    assert parse_mail(with_html(kind, plain)).text == "冰箱不制冷要求维修。"


@given(plain=INVISIBLE)
def test_a_message_of_invisible_text_alone_is_refused_as_having_none(plain: str) -> None:
    raw = HEAD + b"Content-Type: text/plain; charset=utf-8\r\n\r\n" + plain.encode() + b"\r\n"
    with pytest.raises(InvalidInput) as refused:
        parse_mail(raw)
    assert refused.value.field == "body"
