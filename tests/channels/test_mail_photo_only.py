"""A complaint sent as attachments alone (a photo from a phone's share sheet, a letter as a
PDF): a case would keep only the attachments' names, so the message stays a dead letter,
kept whole — and its reason now names what it held, for whoever reads it."""

from __future__ import annotations

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput


def mail(parts: str) -> bytes:
    return (
        "From: liu@example.com\r\n"
        "To: support@shop.example\r\n"
        "Subject: =?gb2312?B?w+aw/Leiw7nByw==?=\r\n"
        "Date: Mon, 23 Nov 2026 10:00:00 +0800\r\n"
        "Message-ID: <photo-1@example.com>\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="XX"\r\n\r\n'
        f"{parts}"
        "--XX--\r\n"
    ).encode()


PHOTO = (
    "--XX\r\n"
    'Content-Type: image/jpeg; name="IMG_0001.jpg"\r\n'
    "Content-Transfer-Encoding: base64\r\n\r\n"
    "/9j/4AAQSkZJRg==\r\n"
)


def refusal(raw: bytes) -> InvalidInput:
    try:
        parse_mail(raw)
    except InvalidInput as exc:
        return exc
    raise AssertionError("taken in")


def test_attachments_alone_are_named_in_the_reason() -> None:
    refused = refusal(mail(PHOTO))
    assert refused.field == "body"
    assert "only attachments: IMG_0001.jpg (image/jpeg)" in refused.message


def test_many_attachments_are_named_five_and_counted() -> None:
    photos = "".join(PHOTO.replace("IMG_0001", f"IMG_{n:04d}") for n in range(8))
    refused = refusal(mail(photos))
    assert "IMG_0004.jpg" in refused.message
    assert "IMG_0005.jpg" not in refused.message
    assert "and 3 more" in refused.message


def test_a_text_part_beside_the_photo_is_the_complaint() -> None:
    text = "--XX\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe jar was cracked.\r\n"
    complaint = parse_mail(mail(text + PHOTO))
    assert complaint.text == "The jar was cracked."
    assert complaint.subject == "面包发霉了"
    assert [a["filename"] for a in complaint.attributes["attachments"]] == ["IMG_0001.jpg"]
