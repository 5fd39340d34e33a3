"""An empty JSON body or message (a producer that sent nothing, a ``curl -X POST`` without
``-d``): it was refused as 'is not JSON: Expecting value: line 1 column 1 (char 0)', the
parser's words for a document whose first character is wrong, which sends its reader
looking for a character that is not there. It is now refused as empty."""

from __future__ import annotations

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.model.jsonvalues import parse_json


@pytest.mark.parametrize("raw", [b"", b"   ", b"\r\n", b"\xef\xbb\xbf", "", " \t"])
def test_an_empty_document_is_refused_as_empty(raw: bytes | str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_json(raw, "message")
    assert refused.value.field == "message"
    assert refused.value.message.startswith("is empty")


def test_a_document_with_a_wrong_first_character_is_no_json() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_json(b"x")
    assert refused.value.message.startswith("is not JSON: ")
