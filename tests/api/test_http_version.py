"""A request in another HTTP version than 1.0 or 1.1 — an HTTP/2 client's connection
preface sent to this HTTP/1.1 server (``PRI * HTTP/2.0``), ``HTTP/3.0`` or ``HTTP/1.2`` on
a request line — gets exactly one answer, a 505 in the API's JSON naming HTTP/1.1, and the
connection closed: the preface's rest (``SM``, its frames) is never read as a request."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server

PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
#: An empty SETTINGS frame, which an HTTP/2 client sends right after the preface.
SETTINGS = b"\x00\x00\x00\x04\x00\x00\x00\x00\x00"


@pytest.fixture(scope="module", params=[None, "h11"])
def url(request: pytest.FixtureRequest) -> Iterator[str]:
    with running_server(create_app(Desk()), http=request.param) as served:
        yield served


def answered(url: str, sent: bytes) -> bytes:
    """All the server sends back before it closes the connection."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(sent)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    return received


@pytest.mark.parametrize(
    "sent",
    [
        PREFACE,
        PREFACE + SETTINGS,
        b"GET /openapi.json HTTP/2.0\r\nHost: x\r\n\r\n",
        b"POST /complaints HTTP/3.0\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}",
        b"GET /openapi.json HTTP/1.2\r\nHost: x\r\n\r\n",
    ],
)
def test_one_505_naming_http_1_1_and_the_connection_closed(url: str, sent: bytes) -> None:
    received = answered(url, sent)
    head, _, body = received.partition(b"\r\n\r\n")
    assert head.split(b" ")[1] == b"505"
    lines = head.lower().split(b"\r\n")
    assert b"connection: close" in lines
    (length,) = [line.split(b":")[1] for line in lines if line.startswith(b"content-length:")]
    assert len(body) == int(length), received  # nothing after it: one answer
    answer = json.loads(body)
    assert answer["field"] == "http_version"
    assert "HTTP/1.1" in answer["error"]
    assert answer["request_id"]


def test_http_1_0_is_still_answered(url: str) -> None:
    received = answered(url, b"GET /openapi.json HTTP/1.0\r\n\r\n")
    assert received.split(b" ")[1] == b"200"
