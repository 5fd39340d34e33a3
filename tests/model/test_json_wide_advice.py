"""A JSON document sent in UTF-16 or UTF-32 (PowerShell's ``Invoke-RestMethod`` with a
``-Body`` string encoded as ``[Text.Encoding]::Unicode``, a .NET client's default): an HTTP
body, a broker's message. With a byte order mark it was refused as 'is not valid UTF-8
(byte 0)', without one as 'is not JSON: Expecting property name enclosed in double quotes'
— neither said what the bytes were, though they say it plainly."""

from __future__ import annotations

import codecs
import json

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.model.jsonvalues import parse_json

DOCUMENT = json.dumps(
    {"external_id": "W-1", "customer": {"id": "c1"}, "text": "\u5305\u88f9\u7834\u640d\u4e86"},
    ensure_ascii=False,
)
MARKS = {
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}


@pytest.mark.parametrize("codec", sorted(MARKS))
@pytest.mark.parametrize("marked", [True, False])
def test_a_wide_document_is_refused_naming_its_encoding(codec: str, marked: bool) -> None:
    raw = (MARKS[codec] if marked else b"") + DOCUMENT.encode(codec)
    with pytest.raises(InvalidInput) as refused:
        parse_json(raw)
    assert refused.value.field == "body"
    assert f"it reads as {codec.upper()}: write it in UTF-8" in refused.value.message


def test_a_utf8_document_broken_otherwise_gets_no_such_advice() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_json(b'{"text": "a"')
    assert "UTF-16" not in refused.value.message
    assert "UTF-32" not in refused.value.message
