"""A mail message written in the Yijing hexagrams (䷀, inside the run of code points Chinese
characters were counted in) or in the unassigned points ending the compatibility
ideographs, without a Chinese character, was tagged ``zh`` and its writer answered in
Chinese: the mail channel had its own, wider range than ``model.language``, which the status
page's fix narrowed. One range now, ``HAN_CHARACTERS``."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest

from complaintkit.channels.mail import MailChannel
from complaintkit.model.complaint import Complaint


def _read(tmp_path: Path, subject: str, text: str) -> Complaint:
    message = EmailMessage()
    message["From"] = "Lee <lee@example.com>"
    message["Message-ID"] = "<m1@example.com>"
    message["Date"] = "Mon, 23 Nov 2026 09:00:00 +0800"
    message["Subject"] = subject
    message.set_content(text)
    path = tmp_path / "m.eml"
    path.write_bytes(bytes(message))
    (item,) = MailChannel().read(str(path))
    assert isinstance(item, Complaint), item
    return item


@pytest.mark.parametrize("text", ["䷀䷁ ䷿", "\ufa6e\ufadf"])
def test_symbols_in_the_han_blocks_tag_no_chinese(tmp_path: Path, text: str) -> None:
    assert _read(tmp_path, "Hexagrams", text).language is None


@pytest.mark.parametrize("text", ["㐀", "一", "鿿", "\ufa6d", "\ufad9", "退款"])
def test_chinese_characters_at_the_blocks_edges_do(tmp_path: Path, text: str) -> None:
    assert _read(tmp_path, "Refund", f"Please {text}").language == "zh"
