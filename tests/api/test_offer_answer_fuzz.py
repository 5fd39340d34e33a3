"""Any request to the offer-answer route, straight to the app as a server hands it on
(bytes no client library would send: a path or query that is no UTF-8, a charset that is no
charset, a multipart body never closed, a field twice, a header twice): never a 5xx, and
nothing lost or made up — the offer changes only when the answer says it did (200 or 303),
to what was sent, and what arrived broken is refused (400) and kept as a dead letter."""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from offered_voucher import offered, voucher_desk
from raw_asgi import asgi_request

from complaintkit.api.app import create_app
from complaintkit.api.offers import offers
from complaintkit.desk import Desk

_numbers = itertools.count(1)

KINDS = st.sampled_from(
    [
        b"application/x-www-form-urlencoded",
        b"application/x-www-form-urlencoded; charset=gbk",
        b"application/x-www-form-urlencoded; charset=\xff",
        b"application/x-www-form-urlencoded; charset=utf-16",
        b"multipart/form-data; boundary=b",
        b'multipart/form-data; boundary="b"',
        b"multipart/form-data",
        b"application/json",
        b"application/json; charset=utf-16",
        b"text/plain",
        b"",
    ]
)
NAMES = st.sampled_from([b"answer", b"lang", b"x", b"answer\xff", b"ANSWER"])
VALUES = st.sampled_from(
    [b"accept", b"decline", b"\xff\xfe", b"%zz", b"%E4%B8", b"", b"acc\x00ept", b"accept%00"]
)
FIELDS = st.lists(st.tuples(NAMES, VALUES), max_size=4)


def _urlencoded(fields: list[tuple[bytes, bytes]]) -> bytes:
    return b"&".join(name + b"=" + value for name, value in fields)


def _multipart(fields: list[tuple[bytes, bytes]], closed: bool) -> bytes:
    parts = b"".join(
        b'--b\r\nContent-Disposition: form-data; name="' + name + b'"\r\n\r\n' + value + b"\r\n"
        for name, value in fields
    )
    return parts + (b"--b--\r\n" if closed else b"")


BODIES = st.one_of(
    st.binary(max_size=200),
    FIELDS.map(_urlencoded),
    st.builds(_multipart, FIELDS, st.booleans()),
    st.sampled_from(
        [
            b'{"answer": "accept"}',
            b'{"answer": "decline", "answer": "accept"}',
            b'\xef\xbb\xbf{"answer": "decline"}',
            b"[]",
            b'{"answer": 1e999}',
            b"{" * 3000,
        ]
    ),
)
OFFER_PATHS = st.sampled_from(["comp-1", "comp-%ff", "x" * 5000, "comp-1%00", "comp-2"])
QUERIES = st.sampled_from([b"", b"lang=en", b"lang=%ff", b"lang=%", b"lang=en&lang=zh", b"\xff=1"])
HEADER_VALUES = st.sampled_from([b"text/html", b"application/json", b"*/*", b"\xff", b"en;q=nan"])


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[Any, Desk]]:
    with tempfile.TemporaryDirectory() as folder:
        desk = voucher_desk(Path(folder))
        yield create_app(desk), desk


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    offer_path=OFFER_PATHS,
    kind=KINDS,
    body=BODIES,
    query=QUERIES,
    accept=HEADER_VALUES,
    language=HEADER_VALUES,
    known_token=st.booleans(),
    twice=st.booleans(),
)
def test_any_answer_is_recorded_as_said_or_refused_without_a_5xx(
    served: tuple[Any, Desk],
    offer_path: str,
    kind: bytes,
    body: bytes,
    query: bytes,
    accept: bytes,
    language: bytes,
    known_token: bool,
    twice: bool,
) -> None:
    app, desk = served
    case = offered(desk, next(_numbers))
    token = case.status_token if known_token else "A" * 22
    headers = [(b"content-type", kind), (b"accept", accept), (b"accept-language", language)]
    if twice:
        headers.append((b"content-type", b"application/json"))
    letters = len(desk.storage.dead_letters())
    path = f"/status/{token}/offers/{offer_path}"
    status, _, _ = asgi_request(app, "POST", path, headers, body, query)
    assert status < 500
    (offer,) = offers(desk.get(case.id))
    if status in (200, 303):
        assert offer["status"] in ("accepted", "declined")
    else:
        assert offer["status"] == "offered"
    kept = len(desk.storage.dead_letters()) - letters
    assert kept == (1 if status == 400 else 0)
