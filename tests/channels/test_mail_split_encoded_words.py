"""A subject (or a sender's name) in encoded words that split a character between two of
them — mailers cut the bytes into words of equal length, not at characters — was stored
garbled when its charset was GBK, GB2312, GB18030 or Big5: 外卖送晚了 in two GBK words
became 外�羲屯砹�, a case with no word of refusal (UTF-8 ones read right). RFC 2047
ignores the white space between adjacent encoded words, so the run of them in one charset
is one text: it is read as one."""

from __future__ import annotations

import base64
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels import Rejected
from complaintkit.channels.mail import MailChannel
from complaintkit.channels.mail_encoded_words import joined_words
from complaintkit.model.complaint import Complaint

TEXTS = {
    "gbk": "外卖送晚了一个小时",
    "gb2312": "饭菜全洒了",
    "gb18030": "骑手态度恶劣😡",
    "big5": "外賣送得太慢了",
    "utf-8": "外卖送晚了",
}


def word(charset: str, data: bytes, encoding: str) -> str:
    if encoding == "B":
        return f"=?{charset}?B?{base64.b64encode(data).decode()}?="
    return f"=?{charset}?Q?{''.join(f'={b:02X}' for b in data)}?="


def message(subject: str, name: str = "Jane") -> bytes:
    return (
        f"From: {name} <jane@example.com>\r\nTo: help@shop.example\r\n"
        "Date: Mon, 23 Nov 2026 09:00:00 +0800\r\nMessage-ID: <split@example.com>\r\n"
        f"Subject: {subject}\r\n\r\n送来的饭是凉的\r\n"
    ).encode()


def read(raw: bytes) -> Complaint | Rejected:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "split.eml"
        path.write_bytes(raw)
        (item,) = MailChannel().read(str(path))
    return item


def split(charset: str, cut: int, encoding: str, gap: str) -> str:
    data = TEXTS[charset].encode(charset)
    cut = 1 + cut % (len(data) - 1)
    return word(charset, data[:cut], encoding) + gap + word(charset, data[cut:], encoding)


@given(
    st.sampled_from(sorted(TEXTS)),
    st.integers(0, 100),
    st.sampled_from("BQ"),
    st.sampled_from([" ", "\r\n ", "\r\n\t", "  "]),
)
def test_a_subject_split_anywhere_between_encoded_words_reads_whole(
    charset: str, cut: int, encoding: str, gap: str
) -> None:
    item = read(message(split(charset, cut, encoding, gap)))
    assert isinstance(item, Complaint), item
    assert item.subject == TEXTS[charset]


@pytest.mark.parametrize("charset", ["gbk", "big5"])
def test_a_sender_name_split_between_encoded_words_reads_whole(charset: str) -> None:
    item = read(message("x", name=split(charset, 2, "B", " ")))
    assert isinstance(item, Complaint), item
    assert item.customer.name == TEXTS[charset]
    assert item.customer.contact == "jane@example.com"


def test_words_in_two_charsets_are_not_joined() -> None:
    """The first word, cut inside 卖, is read as far as it goes, and the second alone."""
    halves = split("utf-8", 3, "B", " ").split(" ")
    mixed = halves[0] + " " + word("gbk", "送晚了".encode("gbk"), "B")
    item = read(message(mixed))
    assert isinstance(item, Complaint), item
    assert item.subject == "外\ufffd送晚了"


def test_words_whole_on_their_own_are_left_as_written() -> None:
    whole = word("gbk", "外卖".encode("gbk"), "B") + " " + word("gbk", "晚了".encode("gbk"), "Q")
    assert joined_words(whole) == whole
