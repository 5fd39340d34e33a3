"""An HTTP JSON body holding, between its tokens, a character that looks like a space or
like nothing — an ideographic space typed with a Chinese input method, a no-break space
pasted from a web page, a zero-width space — was refused with the parser's "Expecting
property name enclosed in double quotes: line 3 column 3", which names no character. The
422 now names it, its code point and where it is, as a JSON line's dead letter does."""

from __future__ import annotations

import json

import pytest
from raw_asgi import asgi_request

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.model.jsonvalues import parse_json

COMPLAINT = {"external_id": "S-1", "customer": {"id": "c"}, "text": "热水器漏水"}


@pytest.mark.parametrize(
    ("stray", "named"),
    [
        ("\u3000", "U+3000 IDEOGRAPHIC SPACE"),
        ("\u00a0", "U+00A0 NO-BREAK SPACE"),
        ("\u200b", "U+200B ZERO WIDTH SPACE"),
    ],
)
def test_a_pretty_printed_body_names_the_stray_character_and_its_line(
    stray: str, named: str
) -> None:
    text = json.dumps(COMPLAINT, ensure_ascii=False, indent=2)
    lines = text.splitlines()
    lines[2] = stray + lines[2]  # before "customer"
    body = "\n".join(lines).encode()
    status, _, answer = asgi_request(
        create_app(Desk(storage="memory:")),
        "POST",
        "/complaints",
        [(b"content-type", b"application/json")],
        body,
    )
    assert status == 422, answer
    said = answer.decode()
    assert named in said, said
    assert "line 3, column 1" in said, said


def test_a_one_line_document_names_the_column() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_json('{"text":\u3000"x"}')
    assert refused.value.field == "body"
    assert "U+3000" in refused.value.message
    assert "at column 9" in refused.value.message


def test_other_mistakes_keep_the_parsers_word() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_json('{"text": "x",}')
    assert refused.value.message.startswith("is not JSON: ")
    assert "U+" not in refused.value.message
