"""A part whose charset is written in single quotes (``charset='gb2312'``, as scripts
building the header by hand write it) or followed by a no-break space was read as naming
no charset: the standard library takes ``'gb2312'`` for RFC 2231's
``charset'language'value`` with no value, and gives no charset holding a byte over 127.
Its GBK bytes were then read as UTF-8, which they often are too: a case opened saying
``©ˮ`` for 漏水. The charset is read as written, without its quotes and spaces, in mail
as in a form's parts."""

from __future__ import annotations

import pytest

from complaintkit.api.form_fields import read_form
from complaintkit.channels.mail_message import parse_mail

WORDS = "漏水"  # C2 A9 CB AE in GBK: valid UTF-8 too, read so as ©ˮ
WRITTEN = [b"'gb2312'", b"'gbk'", b'" gbk "', b"gbk\xa0"]


@pytest.mark.parametrize("charset", WRITTEN)
def test_a_mail_part_is_read_in_its_charset_however_it_is_quoted(charset: bytes) -> None:
    mail = (
        b"From: a@example.cn\r\nMessage-ID: <q1@example.cn>\r\n"
        b"Date: Mon, 23 Nov 2026 09:30:00 +0800\r\nSubject: s\r\n"
        b"Content-Type: text/plain; charset=" + charset + b"\r\n\r\n" + WORDS.encode("gbk")
    )
    assert parse_mail(mail).text == WORDS


@pytest.mark.parametrize("charset", WRITTEN)
def test_a_form_part_is_read_in_its_charset_however_it_is_quoted(charset: bytes) -> None:
    body = (
        b'--B\r\nContent-Disposition: form-data; name="text"\r\n'
        b"Content-Type: text/plain; charset="
        + charset
        + b"\r\n\r\n"
        + WORDS.encode("gbk")
        + b"\r\n--B--\r\n"
    )
    assert read_form(body, "multipart/form-data; boundary=B", {"text"}) == {"text": WORDS}
