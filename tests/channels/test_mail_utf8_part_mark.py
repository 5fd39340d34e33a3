"""A text part in UTF-8 that starts with UTF-8's byte order mark (Windows scripts and
Notepad write one) kept it as U+FEFF before the customer's first word, an invisible
character no one wrote, whether the part was labelled ``utf-8``, unlabelled or
``unknown-8bit``, base64 or raw. The mark is no text: it is left out, as files read
as UTF-8 leave it, and as a UTF-16 part's mark is."""

from __future__ import annotations

import base64
import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels.mail_message import parse_mail


def _mail(data: bytes, label: str | None, transfer: str) -> bytes:
    content_type = "" if label is None else f"Content-Type: text/plain; charset={label}\r\n"
    body = base64.b64encode(data) if transfer == "base64" else data
    return (
        b"From: a@example.cn\r\nMessage-ID: <mark@example.cn>\r\n"
        b"Date: Mon, 23 Nov 2026 09:30:00 +0800\r\nSubject: s\r\n"
        + f"{content_type}Content-Transfer-Encoding: {transfer}\r\n\r\n".encode()
        + body
        + b"\r\n"
    )


@pytest.mark.parametrize("transfer", ["base64", "8bit"])
@pytest.mark.parametrize("label", ["utf-8", "UTF8", None, "unknown-8bit"])
def test_a_utf8_part_behind_its_mark_is_read_without_it(label: str | None, transfer: str) -> None:
    text = "退款 please"
    assert parse_mail(_mail(codecs.BOM_UTF8 + text.encode(), label, transfer)).text == text


@settings(max_examples=40, deadline=None)
@given(st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1))
def test_the_text_after_the_mark_is_kept_whole(text: str) -> None:
    assert parse_mail(_mail(codecs.BOM_UTF8 + text.encode(), "utf-8", "base64")).text == text
