"""A body sent with ``charset=utf-16`` and no byte order mark was read little-endian,
Python's default, so a big-endian body (as RFC 2781 reads an unmarked one, and Java's
and .NET's big-endian encoders write it) read as ``笀∀琀攀砀琀∀`` and was refused as no
JSON. It is read in the byte order in which it reads as ASCII and common Chinese, as a
mail part so labelled is; big-endian when that does not tell."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels.http_body import body_in_utf8, complaint_from_body

NOW = datetime(2026, 11, 23, 1, tzinfo=UTC)


def _body(text: str) -> str:
    record = {"external_id": "x1", "customer": {"id": "c1"}, "text": text}
    return json.dumps(record, ensure_ascii=False)


@pytest.mark.parametrize("codec", ["utf-16-be", "utf-16-le"])
@pytest.mark.parametrize("text", ["Refund please", "退款 Refund", "漏水"])
def test_an_unmarked_utf16_body_is_read_in_its_byte_order(codec: str, text: str) -> None:
    utf8 = body_in_utf8(_body(text).encode(codec), "utf-16")
    assert complaint_from_body(utf8, "http", NOW).text == text


@settings(max_examples=40, deadline=None)
@given(st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1))
def test_chinese_in_a_big_endian_body_is_read(text: str) -> None:
    utf8 = body_in_utf8(_body(text).encode("utf-16-be"), "utf-16")
    assert complaint_from_body(utf8, "http", NOW).text == text
