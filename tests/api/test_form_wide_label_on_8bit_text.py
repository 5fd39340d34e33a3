"""A form's part labelled ``charset=utf-16`` (or UTF-32) whose bytes are 8-bit text — a
script naming .NET's default encoding over the UTF-8 it sends — was read as UTF-16 and
opened a case of Hangul and private-use characters no one wrote (漏水了呀 as 볦뒰뫤…).
Mail refuses such a part; the form now does too: the field is not text in its charset,
and the form asks again (422) with nothing stored. UTF-16 text so labelled is read."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.api.form_fields import read_fields

WORDS = "漏水了呀 三天没人管"


def _multipart(label: str, payload: bytes) -> bytes:
    return (
        b'--B\r\nContent-Disposition: form-data; name="text"\r\n'
        + f"Content-Type: text/plain; charset={label}\r\n\r\n".encode()
        + payload
        + b"\r\n--B--\r\n"
    )


def _read(label: str, payload: bytes) -> tuple[dict[str, str], list[str]]:
    unread: list[str] = []
    values, _ = read_fields(
        _multipart(label, payload), "multipart/form-data; boundary=B", {"text"}, unread
    )
    return values, unread


@pytest.mark.parametrize("label", ["utf-16", "utf-16le", "utf-16be", "utf-32", "ucs-2"])
@pytest.mark.parametrize("written_in", ["utf-8", "gbk"])
def test_eight_bit_text_labelled_wide_is_not_taken(label: str, written_in: str) -> None:
    payload = WORDS.encode(written_in)
    _, unread = _read(label, payload + b"!" * (len(payload) % 2))  # an even number of bytes
    assert unread == ["text"]


@settings(max_examples=100, deadline=None)
@given(st.text(st.characters(exclude_categories=["Cs", "Cc"]), min_size=1, max_size=20))
def test_utf16_text_so_labelled_is_read(text: str) -> None:
    values, unread = _read("utf-16", text.encode("utf-16"))
    assert unread == []
    assert values.get("text", "").strip() == text.strip() or not text.strip()


def test_chinese_in_utf16_without_a_nul_is_read() -> None:
    """漏水 in UTF-16-LE is 0F 6F 34 6C: no NUL, and read as UTF-8 a control character."""
    values, unread = _read("utf-16le", "漏水".encode("utf-16-le"))
    assert (values, unread) == ({"text": "漏水"}, [])
