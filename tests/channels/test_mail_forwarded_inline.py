"""A message forwarded inline (``message/rfc822`` shown in the body, not attached as a
file) was read into the complaint's text without its headers: the shop's answer, or the
letter a customer forwards for a relative, lost who wrote it, when and about what. Its
From, Date, Subject, To and Cc now stand before its text, as a mail program shows a
forwarded message; an HTML-only complaint keeps them too."""

from __future__ import annotations

from complaintkit.channels.mail_message import parse_mail

HEAD = (
    b"From: Zhang Wei <zhang.wei@example.cn>\r\nMessage-ID: <fw-1@example.cn>\r\n"
    b"Date: Mon, 23 Nov 2026 09:30:00 +0800\r\nSubject: refund\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
)
OWN = b"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nMy mother got this answer.\r\n"
OWN_HTML = (
    b"--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>My mother got this answer.</p>\r\n"
)


def forwarded(
    headers: bytes, body: bytes = b"We will not refund.", kind: bytes = b"text/plain"
) -> bytes:
    return (
        b"--b\r\nContent-Type: message/rfc822\r\nContent-Disposition: inline\r\n\r\n"
        + headers
        + b"Content-Type: "
        + kind
        + b"; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + body
        + b"\r\n"
    )


LETTER = (
    b"From: Shop Care <care@shop.example>\r\nDate: Fri, 20 Nov 2026 17:05:00 +0100\r\n"
    b"Subject: =?utf-8?B?5oKo55qE6K6i5Y2V?=\r\nTo: li.na@example.cn\r\n"
)


def test_a_message_forwarded_inline_keeps_who_wrote_it_and_when() -> None:
    text = parse_mail(HEAD + OWN + forwarded(LETTER) + b"--b--\r\n").text
    assert text == (
        "My mother got this answer.\n\n"
        "---------- Forwarded message ---------\n"
        "From: Shop Care <care@shop.example>\n"
        "Date: Fri, 20 Nov 2026 17:05:00 +0100\n"
        "Subject: 您的订单\n"
        "To: li.na@example.cn\n\n"
        "We will not refund."
    )


def test_without_a_disposition_too() -> None:
    raw = (
        HEAD
        + OWN
        + forwarded(LETTER).replace(b"Content-Disposition: inline\r\n", b"")
        + b"--b--\r\n"
    )
    assert "From: Shop Care <care@shop.example>" in parse_mail(raw).text


def test_an_html_complaint_keeps_them_too() -> None:
    letter = forwarded(LETTER, b"<p>We will not refund.</p>", b"text/html")
    text = parse_mail(HEAD + OWN_HTML + letter + b"--b--\r\n").text
    assert text.startswith("My mother got this answer.\n\n---------- Forwarded message")
    assert "Date: Fri, 20 Nov 2026 17:05:00 +0100" in text
    assert text.endswith("We will not refund.")


def test_raw_gbk_headers_of_the_forwarded_message_are_read() -> None:
    letter = b"From: care@shop.example\r\nSubject: " + "退款被拒".encode("gbk") + b"\r\n"
    text = parse_mail(HEAD + OWN + forwarded(letter) + b"--b--\r\n").text
    assert "Subject: 退款被拒\n" in text
