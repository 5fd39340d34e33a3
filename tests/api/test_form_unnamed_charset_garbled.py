"""A form naming no charset whose field GB18030 reads whole but only as characters no one
writes together — Big5 from a Taiwanese page (送餐非常快 as 癳繺獶盽е), Shift-JIS without
kana (遅い as 抶偄) — opened a case in those characters: the field was guessed to be
GB18030 on its bytes alone, where mail's unnamed text must read as Chinese people write it.
It is now read as mail's is: such a field is not read whole, the form is shown again
naming it, and no case opens; GBK, what a site's own form on a Chinese page sends, is read
as before."""

from __future__ import annotations

from urllib.parse import quote_from_bytes

import pytest
from raw_asgi import asgi_request

from complaintkit.api.app import create_app
from complaintkit.api.form_fields import read_fields
from complaintkit.desk import Desk

GARBLED = [("送餐非常快", "big5"), ("遅い", "shift_jis")]
URLENCODED = "application/x-www-form-urlencoded"


def _bodies(value: bytes) -> list[tuple[bytes, str]]:
    part = b'--B\r\nContent-Disposition: form-data; name="text"\r\n\r\n' + value + b"\r\n--B--\r\n"
    return [
        (b"text=" + quote_from_bytes(value).encode(), URLENCODED),
        (part, "multipart/form-data; boundary=B"),
    ]


@pytest.mark.parametrize(("words", "charset"), GARBLED, ids=["big5", "shift_jis"])
def test_such_a_field_is_not_read_whole(words: str, charset: str) -> None:
    for body, kind in _bodies(words.encode(charset)):
        unread: list[str] = []
        read_fields(body, kind, {"text"}, unread)
        assert unread == ["text"], kind


@pytest.mark.parametrize(("words", "charset"), GARBLED, ids=["big5", "shift_jis"])
def test_the_form_opens_no_case_in_characters_never_typed(words: str, charset: str) -> None:
    for body, kind in _bodies(words.encode(charset)):
        desk = Desk(storage="memory:")
        headers = [(b"content-type", kind.encode()), (b"accept", b"text/html")]
        status, _, _ = asgi_request(create_app(desk), "POST", "/", headers, body)
        assert status == 422, kind
        assert list(desk.storage.case_ids()) == []


@pytest.mark.parametrize(
    "words", ["外卖送晚了态度很差", "退款", "朱镕基"], ids=["sentence", "word", "name"]
)
def test_gbk_naming_no_charset_is_read_as_before(words: str) -> None:
    for body, kind in _bodies(words.encode("gbk")):
        values, _ = read_fields(body, kind, {"text"})
        assert values == {"text": words}, kind
