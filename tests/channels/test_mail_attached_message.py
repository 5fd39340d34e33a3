"""A message attached to a complaint as a file (``message/rfc822`` with ``Content-Disposition:
attachment``, a letter forwarded as ``reply.eml``) is an attachment: its text was read as
the customer's own, so the shop's "no refund" became words of the complaint, it was not
noted among the attachments, and a part inside it that could not be read refused the
customer's whole message. A message forwarded inline is read as before."""

from __future__ import annotations

import pytest

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput

HEAD = (
    b"From: Zhang Wei <zhang.wei@example.cn>\r\nMessage-ID: <fw-1@example.cn>\r\n"
    b"Date: Mon, 23 Nov 2026 09:30:00 +0800\r\nSubject: refund\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
)
OWN = b"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee the letter attached; I want a refund.\r\n"
LETTER = (
    b"From: care@shop.example\r\nSubject: your order\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
)


def attached(letter_body: bytes, disposition: bytes = b'attachment; filename="reply.eml"') -> bytes:
    return (
        b"--b\r\nContent-Type: message/rfc822\r\nContent-Disposition: "
        + disposition
        + b"\r\n\r\n"
        + LETTER
        + letter_body
        + b"\r\n"
    )


def test_an_attached_message_is_noted_not_read_as_the_complaint() -> None:
    complaint = parse_mail(HEAD + OWN + attached(b"We will not refund.") + b"--b--\r\n")
    assert complaint.text == "See the letter attached; I want a refund."
    (note,) = complaint.attributes["attachments"]
    assert (note["filename"], note["content_type"]) == ("reply.eml", "message/rfc822")
    assert note["size"] == len(b"We will not refund.")


def test_an_unreadable_part_inside_it_costs_the_complaint_nothing() -> None:
    complaint = parse_mail(HEAD + OWN + attached(b"\xd6\xd0\xce\xc4 no refund.") + b"--b--\r\n")
    assert complaint.text == "See the letter attached; I want a refund."


def test_parts_after_it_keep_their_numbers() -> None:
    bad = b"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\xd6\xd0\xce\xc4\r\n"
    with pytest.raises(InvalidInput) as refused:
        parse_mail(HEAD + OWN + attached(b"ok") + bad + b"--b--\r\n")
    assert refused.value.field == "part 4 (text/plain)"


def test_a_message_forwarded_inline_is_still_read() -> None:
    raw = HEAD + OWN + attached(b"We will not refund.", b"inline") + b"--b--\r\n"
    assert parse_mail(raw).text.endswith("We will not refund.")
