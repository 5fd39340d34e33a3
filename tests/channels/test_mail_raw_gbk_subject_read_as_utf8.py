# ruff: noqa: RUF001, RUF002 -- full-width Chinese punctuation on purpose
"""A raw (not encoded-word) Subject in GBK beside a body labelled GB2312 or GBK is the
sender's GBK, even where its bytes happen to be valid UTF-8 too: 谢谢 in GBK is UTF-8's
лл, 太黏， a rare ideograph of plane 2. Read as UTF-8 it was stored as such mojibake. A
raw UTF-8 Subject holding Chinese, as UTF-8 writes it in three bytes a character, stays
UTF-8 under the same label."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels.mail_message import parse_mail

BODY = "外卖送得太慢了，请退款。"


def _mail(subject: bytes, charset: str) -> bytes:
    head = (
        "From: a@example.cn\r\nMessage-ID: <s1@example.cn>\r\n"
        "Date: Mon, 23 Nov 2026 09:30:00 +0800\r\n"
        f"Content-Type: text/plain; charset={charset}\r\n"
    ).encode()
    return head + b"Subject: " + subject + b"\r\n\r\n" + BODY.encode("gbk")


#: GBK subjects whose bytes are valid UTF-8 (found in the waimai reviews).
VALID_UTF8_GBK = ("谢谢", "小时", "一直", "准时", "芝士", "太黏，", "黏不", "瘾，", "谢谢师")


@pytest.mark.parametrize("charset", ["gb2312", "GBK", "gb18030", '"x-gbk"'])
@pytest.mark.parametrize("subject", VALID_UTF8_GBK)
def test_a_raw_gbk_subject_that_is_valid_utf8_is_read_as_gbk(subject: str, charset: str) -> None:
    raw = subject.encode("gbk")
    raw.decode("utf-8")  # the case in point
    complaint = parse_mail(_mail(raw, charset))
    assert complaint.subject == subject
    assert complaint.text == BODY


@pytest.mark.parametrize("subject", ["退款", "外卖送得太慢了", "😀 差评", "café"])
def test_a_raw_utf8_subject_beside_a_gbk_body_stays_utf8(subject: str) -> None:
    assert parse_mail(_mail(subject.encode("utf-8"), "gb2312")).subject == subject


_SIMPLIFIED = "谢谢小时一直准时芝士也没水没态度味道外卖送得太慢了饭菜都凉了包裹损坏请退款"


@settings(max_examples=60, deadline=None)
@given(st.text(st.sampled_from(_SIMPLIFIED), min_size=2, max_size=12))
def test_raw_gbk_subjects_under_a_gbk_label_are_read_as_written(subject: str) -> None:
    assert parse_mail(_mail(subject.encode("gbk"), "gbk")).subject == subject
