"""A message from a Russian sender whose raw 8-bit Subject is short (Жалоба, Утюг сломан)
and whose unlabelled body is Russian — in KOI8-R and Windows-1251 both, or one in each, as
a mail program and the script around it may write — reads its subject as the Russian it
is. Under 16 letters a subject alone is too short to tell from GBK, so it was read as
GB18030 (Жалоба in KOI8-R as 隽滔铝) or refused the message; the body says what the
message is written in, and the subject's own letters which of the two charsets."""

from __future__ import annotations

import pytest

from complaintkit.channels.mail_message import parse_mail

SUBJECTS = ["Жалоба", "Утюг сломан", "Жалоба на заказ", "ЖАЛОБА", "Re: Брак"]
BODY = "Здравствуйте! Утюг пришел сломанный, прошу вернуть деньги за заказ. Спасибо."
CHARSETS = ["koi8-r", "cp1251"]


def mail(body: bytes, subject: bytes, kind: str) -> bytes:
    return (
        b"From: Ivan <ivan@example.ru>\r\nSubject: "
        + subject
        + b"\r\nDate: Mon, 23 Nov 2026 10:00:00 +0300\r\nMessage-ID: <r1@example.ru>\r\n"
        + b"MIME-Version: 1.0\r\nContent-Type: "
        + kind.encode()
        + b"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + body
        + b"\r\n"
    )


@pytest.mark.parametrize("subject", SUBJECTS)
@pytest.mark.parametrize("subject_in", CHARSETS)
@pytest.mark.parametrize("body_in", CHARSETS)
@pytest.mark.parametrize("kind", ["text/plain", "text/plain; charset=unknown-8bit"])
def test_a_short_raw_subject_reads_as_russian_beside_a_russian_body(
    subject: str, subject_in: str, body_in: str, kind: str
) -> None:
    complaint = parse_mail(mail(BODY.encode(body_in), subject.encode(subject_in), kind))
    assert complaint.subject == subject
    assert complaint.text.strip() == BODY


@pytest.mark.parametrize("subject", ["外卖太慢", "退款", "质量问题"])
def test_a_short_gbk_subject_beside_a_chinese_body_stays_chinese(subject: str) -> None:
    body = "我买的电热水壶漏水了\uff0c请尽快处理退款。".encode("gbk")
    complaint = parse_mail(mail(body, subject.encode("gbk"), "text/plain"))
    assert complaint.subject == subject
