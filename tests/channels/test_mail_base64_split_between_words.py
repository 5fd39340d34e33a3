"""A subject whose base64 a mailer cut into encoded words anywhere, not at the four letters
that make three bytes (``=?utf-8?B?5aSW5Y2W6YCB5?= =?utf-8?B?pma5LqG?=``), was refused as
not valid UTF-8, or, cut before its last padding, stored with a character lost (外卖送晚�).
RFC 2047 joins adjacent encoded words: the letters of a run cut inside the base64 are
read together."""

from __future__ import annotations

import base64
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels import Rejected
from complaintkit.channels.mail import MailChannel
from complaintkit.model.complaint import Complaint

TEXTS = {
    "utf-8": "外卖送晚了一个小时",
    "gbk": "饭菜全洒了",
    "gb18030": "骑手态度恶劣😡",
    "big5": "外賣送得太慢了",
    "iso-8859-1": "Le café était froid",
}


def message(subject: str) -> bytes:
    return (
        f"From: Jane <jane@example.com>\r\nTo: help@shop.example\r\n"
        "Date: Mon, 23 Nov 2026 09:00:00 +0800\r\nMessage-ID: <b64cut@example.com>\r\n"
        f"Subject: {subject}\r\n\r\n送来的饭是凉的\r\n"
    ).encode()


def read(raw: bytes) -> Complaint | Rejected:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cut.eml"
        path.write_bytes(raw)
        (item,) = MailChannel().read(str(path))
    return item


def cut_letters(charset: str, cuts: list[int], gap: str) -> str:
    letters = base64.b64encode(TEXTS[charset].encode(charset)).decode("ascii")
    points = sorted({1 + cut % (len(letters) - 1) for cut in cuts})
    pieces = [letters[a:b] for a, b in zip([0, *points], [*points, len(letters)], strict=True)]
    return gap.join(f"=?{charset}?B?{piece}?=" for piece in pieces)


@given(
    st.sampled_from(sorted(TEXTS)),
    st.lists(st.integers(0, 1000), min_size=1, max_size=3),
    st.sampled_from([" ", "\r\n ", "\r\n\t"]),
)
def test_a_subject_whose_base64_is_cut_anywhere_between_words_reads_whole(
    charset: str, cuts: list[int], gap: str
) -> None:
    item = read(message(cut_letters(charset, cuts, gap)))
    assert isinstance(item, Complaint), item
    assert item.subject == TEXTS[charset]


def test_words_each_whole_without_padding_read_each_as_written() -> None:
    """A mailer that leaves out the padding of words holding whole characters: their
    letters joined would read as other bytes, so each is read on its own."""
    word = "=?utf-8?B?w6k?="  # é, unpadded
    item = read(message(f"{word} {word}"))
    assert isinstance(item, Complaint), item
    assert item.subject == "éé"


def test_a_word_cut_short_at_the_end_still_reads_as_far_as_it_goes() -> None:
    item = read(message("=?utf-8?B?5oqV6K?="))
    assert isinstance(item, Complaint), item
    assert item.subject == "投\ufffd"
