"""A text part whose bytes are in another charset than its label says is refused, not
taken in garbled, where the garbling shows: Big5 labelled GB2312 (Outlook's default for
Chinese) reads as GB18030 with private-use characters among the words, and GBK or
Shift-JIS labelled ISO-8859-1 with C1 control characters, which no text holds. The reason
names the part, the character and a charset that reads the bytes cleanly. A part
correctly labelled, or an alternative that reads, is taken in as before."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels.mail_message import parse_mail
from complaintkit.errors import InvalidInput

WORDS = "我的包裹在運送途中損壞了\uff0c請退款。"


def _mail(body: bytes, charset: str, subject: bytes = b"late") -> bytes:
    head = (
        "From: a@example.cn\r\nMessage-ID: <w1@example.cn>\r\n"
        "Date: Mon, 23 Nov 2026 09:30:00 +0800\r\n"
        f"Content-Type: text/plain; charset={charset}\r\n"
    ).encode()
    return head + b"Subject: " + subject + b"\r\n\r\n" + body


@pytest.mark.parametrize(
    ("written_in", "label", "reads_as"),
    [
        ("big5", "gb2312", "big5"),
        ("big5", "gbk", "big5"),
        ("gbk", "iso-8859-1", "gb18030"),
        ("shift_jis", "iso-8859-1", "shift_jis"),
    ],
)
def test_a_body_in_another_charset_than_its_label_is_refused(
    written_in: str, label: str, reads_as: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(_mail(WORDS.encode(written_in), label))
    assert refused.value.field == "part 0 (text/plain)"
    assert label in refused.value.message
    assert reads_as in refused.value.message


@pytest.mark.parametrize("charset", ["big5", "gb2312", "gbk", "gb18030", "utf-8"])
def test_a_body_in_its_labelled_charset_is_read(charset: str) -> None:
    text = "我的包裹在运送途中损坏了" if charset == "gb2312" else WORDS
    assert parse_mail(_mail(text.encode(charset), charset)).text == text


def test_a_private_use_character_in_utf_8_is_text() -> None:
    """An icon font's glyph in UTF-8 is as the sender wrote it, not a wrong label."""
    text = "see the \ue019 icon"
    assert parse_mail(_mail(text.encode(), "utf-8")).text == text


def test_an_unlabelled_big5_body_is_not_guessed_to_be_gb18030() -> None:
    with pytest.raises(InvalidInput):
        parse_mail(_mail(WORDS.encode("big5"), "unknown-8bit"))


def test_a_raw_big5_subject_under_a_gb2312_label_is_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_mail(_mail(b"ok", "gb2312", subject=WORDS.encode("big5")))
    assert refused.value.field == "Subject"


@given(st.text(st.characters(codec="gbk", categories=["Lo"]), min_size=1, max_size=40))
def test_gbk_text_labelled_gb2312_is_read(text: str) -> None:
    """The superset read of GB2312 stays: real GBK under its usual label is taken in."""
    assert parse_mail(_mail(text.encode("gbk"), "gb2312")).text == text
