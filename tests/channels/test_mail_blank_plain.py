"""A blank text/plain part does not hide the words of an HTML one: some mailers send an
empty plain alternative beside the HTML the customer wrote."""

from __future__ import annotations

from complaintkit.channels.mail_message import parse_mail

HEAD = (
    b"From: jane@example.com\r\nDate: Mon, 23 Nov 2026 09:00:00 +0800\r\nSubject: s\r\n"
    b"Message-ID: <blank-plain@x>\r\nMIME-Version: 1.0\r\n"
)


def message(kind: str, plain: bytes) -> bytes:
    return (
        HEAD
        + f"Content-Type: multipart/{kind}; boundary=BB\r\n\r\n".encode()
        + b"--BB\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        + plain
        + b"\r\n--BB\r\nContent-Type: text/html; charset=gbk\r\n\r\n"
        + "<p>冰箱不制冷要求维修。</p>".encode("gbk")
        + b"\r\n--BB--\r\n"
    )


def test_a_blank_plain_alternative_leaves_the_html_one_as_the_text() -> None:
    for kind in ("alternative", "mixed"):
        for blank in (b"", b"\r\n \t\r\n"):
            assert parse_mail(message(kind, blank)).text == "冰箱不制冷要求维修。"


def test_a_plain_part_with_words_is_still_the_text() -> None:
    assert parse_mail(message("alternative", b"fridge broken")).text == "fridge broken"
