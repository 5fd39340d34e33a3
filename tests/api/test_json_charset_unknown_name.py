"""A JSON body declaring a charset whose name is no ASCII (``charset=\\xff``, a byte a
header may carry, read as Latin-1) and no charset Python knows: refused (422 naming
``Content-Type``, saying a body is read as UTF-8), never a 500, and kept as a dead letter
with the charset declared, as any body declaring a charset other than UTF-8."""

from __future__ import annotations

import json

import pytest
from raw_asgi import asgi_request

from complaintkit.api.app import create_app
from complaintkit.desk import Desk

BODY = json.dumps(
    {"external_id": "X-1", "customer": {"id": "u1"}, "text": "漏水了"}, ensure_ascii=False
).encode()


@pytest.mark.parametrize(
    "declared",
    [
        b"application/json; charset=\xff",
        b'application/json; charset="\xff"',
        b"text/plain; charset=\xff",
    ],
)
def test_an_unknown_non_ascii_charset_is_refused_naming_content_type(declared: bytes) -> None:
    desk = Desk(storage="memory:")
    status, _, answer = asgi_request(
        create_app(desk), "POST", "/complaints", [(b"content-type", declared)], BODY
    )
    assert status == 422
    refusal = json.loads(answer)
    assert refusal["field"] == "Content-Type"
    assert "UTF-8" in refusal["error"]
    assert list(desk.storage.case_ids()) == []
    (letter,) = desk.storage.dead_letters()
    assert letter.raw == BODY
    assert letter.source.startswith(f"http:http:{refusal['request_id']}")
