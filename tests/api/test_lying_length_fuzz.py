"""A ``Content-Length`` that lies, on a real server: declaring more than is sent (then
closing, or holding the connection), fewer, or far past the limit. The server answers or
closes, never hangs (a client that closed its side may get no answer: uvicorn reads
that as leaving), and a complaint is taken in only whole: every proper prefix of a JSON
object is no JSON, so a case opened from a body cut to its declared length would show."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.api.header_deadline import headers_in_time
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server

PATIENCE = 0.3
HUNG = 20.0
LIMIT = 2000


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, Desk]]:
    desk = Desk(storage="memory:")
    app = create_app(desk, max_body=LIMIT, body_timeout=PATIENCE)
    with running_server(app, http=headers_in_time(PATIENCE)) as url:
        yield url, desk


def exchange(url: str, request: bytes, close: bool) -> bytes:
    """What the server sends for ``request`` until it closes the connection; the client
    half-closes after sending (``close``) or holds the connection open."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=HUNG) as sock:
        sock.sendall(request)
        if close:
            sock.shutdown(socket.SHUT_WR)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    return received


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(min_size=1, max_size=300),
    change=st.sampled_from([0, 0, -1, -5, 1, 5, 10_000]) | st.integers(-50, 3 * LIMIT),
    close=st.booleans(),
)
def test_a_lying_length_is_answered_and_a_complaint_taken_only_whole(
    served: tuple[str, Desk], text: str, change: int, close: bool
) -> None:
    url, desk = served
    key = f"L-{time.monotonic_ns()}"
    body = json.dumps({"external_id": key, "customer": {"id": "c"}, "text": text}).encode()
    declared = max(0, len(body) + change)
    request = (
        b"POST /complaints HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: " + str(declared).encode() + b"\r\n\r\n" + body
    )
    received = exchange(url, request, close)
    statuses = [
        int(line.split(b" ")[1])
        for line in received.split(b"\r\n")
        if line.startswith(b"HTTP/1.1 ")
    ]
    assert all(status < 500 for status in statuses), received
    case = desk.storage.find_by_key("http", key)
    if case is not None:
        assert declared == len(body) <= LIMIT
        assert case.complaint.text == text
        assert statuses[:1] in ([], [201])  # a client that closed may miss the answer
    elif declared == len(body) <= LIMIT and not close:
        assert statuses, received  # a whole body in time is answered
