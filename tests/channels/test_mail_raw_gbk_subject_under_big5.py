"""A raw (not encoded-word) Subject is the sender's mail program's bytes, not the body's: a
Chinese client sends it in GBK while the body it quotes is labelled Big5. Big5 reads most
GBK bytes whole, as characters no one writes together (外卖送得太慢了 as 俋闖冞腕怮鞣賸), so
such a Subject is read as the GB18030 it is where, so read, it is Chinese as people write
it; a Big5 Subject under a Big5 label stays Big5."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels.mail_message import parse_mail

BODY = "我的包裹在運送途中損壞了\uff0c請退款。"


def _mail(subject: bytes, body: bytes = BODY.encode("big5"), charset: str = "big5") -> bytes:
    head = (
        "From: a@example.cn\r\nMessage-ID: <s1@example.cn>\r\n"
        "Date: Mon, 23 Nov 2026 09:30:00 +0800\r\n"
        f"Content-Type: text/plain; charset={charset}\r\n"
    ).encode()
    return head + b"Subject: " + subject + b"\r\n\r\n" + body


def test_a_raw_gbk_subject_under_a_big5_body_is_read_as_gbk() -> None:
    complaint = parse_mail(_mail("外卖送得太慢了".encode("gbk")))
    assert complaint.subject == "外卖送得太慢了"
    assert complaint.text == BODY


def test_a_short_raw_gbk_subject_under_a_big5_body_is_read_as_gbk() -> None:
    assert parse_mail(_mail("退款".encode("gbk"))).subject == "退款"


def test_a_raw_big5_subject_under_a_big5_body_stays_big5() -> None:
    for subject in ("外賣送得太慢了", "退款", "投訴", "服務", "送餐非常快", "請退款"):
        assert parse_mail(_mail(subject.encode("big5"))).subject == subject


#: Simplified Chinese people write, as complaints' subjects do.
_SIMPLIFIED = "外卖送得太慢了饭菜都凉了包裹损坏请退款客服态度很差投诉商家质量问题漏水破损"


@settings(max_examples=60, deadline=None)
@given(st.text(st.sampled_from(_SIMPLIFIED), min_size=2, max_size=20))
def test_raw_gbk_subjects_under_big5_are_read_as_written(subject: str) -> None:
    raw = subject.encode("gbk")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        assert parse_mail(_mail(raw)).subject == subject
