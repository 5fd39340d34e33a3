"""A mail from a Russian customer whose one text part is 8-bit bytes under the charset label
its client chose, for the tests of text read under a label it was not written in."""

from __future__ import annotations


def eight_bit_mail(body: bytes, label: str, subject: bytes = b"order 1234") -> bytes:
    """The mail with ``body`` as sent, labelled ``charset=label``."""
    return (
        b"From: Ivan <ivan@example.ru>\r\nSubject: "
        + subject
        + b"\r\nDate: Mon, 23 Nov 2026 10:00:00 +0300\r\nMessage-ID: <r1@example.ru>\r\n"
        + f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset={label}\r\n".encode()
        + b"Content-Transfer-Encoding: 8bit\r\n\r\n"
        + body
        + b"\r\n"
    )
