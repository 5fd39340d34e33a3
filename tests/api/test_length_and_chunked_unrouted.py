"""A request sending both ``Content-Length`` and ``Transfer-Encoding`` to a path no route
takes (a 404), with a method its path does not take (a 405), or with a trailing slash (a
redirect) was answered and its connection kept open, the next request on it served: the
refusal and the close RFC 9112 §6.1 asks for, against request smuggling, were made only
inside the routes. Any request so framed is now the same 400, and the connection closed."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from complaintkit.testing.storage_contract import make_complaint

NEXT = b"GET /openapi.json HTTP/1.1\r\nHost: x\r\n\r\n"
FRAMED = b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"


def _exchange(url: str, request: bytes) -> bytes:
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(request)
        received = b""
        while chunk := sock.recv(65536):  # the server closes it, or the test times out
            received += chunk
    return received


@pytest.fixture(scope="module", name="served")
def served_fixture() -> Iterator[tuple[str, str]]:
    desk = Desk()
    token = desk.intake(make_complaint("LC1")).status_token
    with running_server(create_app(desk)) as url:
        yield url, token


LINES = st.sampled_from(
    [
        b"POST /nowhere HTTP/1.1",
        b"PUT /complaints HTTP/1.1",
        b"DELETE /status/TOKEN HTTP/1.1",
        b"GET /status/TOKEN/ HTTP/1.1",
        b"OPTIONS /complaints HTTP/1.1",
        b"POST /complaints/ HTTP/1.1",
    ]
)


@settings(max_examples=12, deadline=None)
@given(line=LINES, accept=st.sampled_from([b"text/html", b"application/json"]))
def test_both_lengths_are_refused_on_any_path(
    served: tuple[str, str], line: bytes, accept: bytes
) -> None:
    url, token = served
    head = line.replace(b"TOKEN", token.encode()) + b"\r\nHost: x\r\nAccept: " + accept + b"\r\n"
    received = _exchange(url, head + FRAMED + NEXT)
    assert received.count(b"HTTP/1.1 ") == 1  # the next request was never read
    status_line, _, rest = received.partition(b"\r\n")
    assert status_line.split(b" ")[1] == b"400"
    headers, _, body = rest.partition(b"\r\n\r\n")
    assert b"connection: close" in headers.lower()
    assert json.loads(body)["field"] == "Transfer-Encoding"
