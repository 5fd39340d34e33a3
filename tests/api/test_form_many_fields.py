"""A form with many fields: those after the 64th were dropped without a word, so a
``contact`` there was lost and a ``text`` there was asked for again as missing. Every field
up to ``MAX_FIELDS`` is read now; a form with more is refused (413) saying so, and its body
is kept whole as a dead letter, since fields past the limit were never read."""

from __future__ import annotations

from urllib.parse import urlencode

import httpx
import pytest
from raw_asgi import asgi_request

from complaintkit.api.app import create_app
from complaintkit.api.form_fields import MAX_FIELDS, TOO_MANY_FIELDS, read_fields
from complaintkit.channels.read_with import split_options
from complaintkit.desk import Desk

URLENCODED = "application/x-www-form-urlencoded"
WORDS = "漏水了三天没人管"
KEYS = {"text", "contact"}


def _dummies(count: int) -> dict[str, str]:
    return {f"extra{i}": "x" for i in range(count)}


def _multipart(fields: dict[str, str]) -> tuple[bytes, str]:
    """The body and content type httpx (as a browser would) sends for ``fields``."""
    request = httpx.Request("POST", "http://127.0.0.1/", data=fields, files={"f": b"x"})
    return request.read(), request.headers["content-type"]


def _bodies(fields: dict[str, str]) -> list[tuple[bytes, str]]:
    return [(urlencode(fields).encode(), URLENCODED), _multipart(fields)]


@pytest.mark.parametrize("body_kind", _bodies(_dummies(64) | {"text": WORDS, "contact": "a@b.cn"}))
def test_fields_after_the_64th_are_read(body_kind: tuple[bytes, str]) -> None:
    broken: list[str] = []
    values, _ = read_fields(*body_kind, KEYS, broken=broken)
    assert values == {"text": WORDS, "contact": "a@b.cn"}
    assert broken == []


#: As many fields as are read, the file httpx attaches being one part of a multipart body.
_MOST = {"text": WORDS, "contact": "a@b.cn"}
_AT_THE_LIMIT = [
    (urlencode(_dummies(MAX_FIELDS - 2) | _MOST).encode(), URLENCODED),
    _multipart(_dummies(MAX_FIELDS - 3) | _MOST),
]


@pytest.mark.parametrize("body_kind", _AT_THE_LIMIT)
def test_a_form_of_the_most_fields_is_read_whole(body_kind: tuple[bytes, str]) -> None:
    broken: list[str] = []
    values, _ = read_fields(*body_kind, KEYS, broken=broken)
    assert values == {"text": WORDS, "contact": "a@b.cn"}
    assert broken == []


@pytest.mark.parametrize("body_kind", _bodies(_dummies(MAX_FIELDS) | {"text": WORDS}))
def test_a_form_of_more_fields_is_named_too_many(body_kind: tuple[bytes, str]) -> None:
    broken: list[str] = []
    read_fields(*body_kind, KEYS, broken=broken)
    assert broken == [TOO_MANY_FIELDS]
    assert f"{MAX_FIELDS:,}" in TOO_MANY_FIELDS


@pytest.mark.parametrize("body_kind", _bodies(_dummies(MAX_FIELDS) | {"text": WORDS}))
def test_the_server_refuses_too_many_fields_and_keeps_the_body(
    body_kind: tuple[bytes, str],
) -> None:
    body, kind = body_kind
    desk = Desk(storage="memory:")
    headers = [(b"content-type", kind.encode()), (b"accept", b"text/html")]
    status, answered, page = asgi_request(create_app(desk), "POST", "/", headers, body)
    assert status == 413
    assert f"{MAX_FIELDS:,}".encode() in page
    assert list(desk.storage.case_ids()) == []
    (letter,) = desk.storage.dead_letters()
    assert letter.raw == body
    assert letter.reason == TOO_MANY_FIELDS
    reference = answered[b"x-request-id"]
    location, options = split_options(letter.source)
    assert location == f"http:web:{reference.decode()}"
    assert options == {"form": kind, "lang": "zh"}  # what a retry reads it by
    assert reference in page  # the customer can quote it to support
