"""HTTP the server's parser refuses before the application sees a request: uvicorn
answers 400 itself (plain text, not the API's JSON, as docs/intake.md says), and nothing
is stored, since no request was read."""

from __future__ import annotations

import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.server import running_server

MALFORMED = {
    "no request line": b"GARBAGE\r\n\r\n",
    "a space in a header name": b"POST /complaints HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n",
    "a NUL in a header value": b"POST /complaints HTTP/1.1\r\nHost: x\r\nX: \x00\r\n\r\n",
    "a byte over 127 in the path": b"GET /\xff HTTP/1.1\r\nHost: x\r\n\r\n",
    "a length that is no number": (
        b"POST /complaints HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"
    ),
    "two lengths": (
        b"POST /complaints HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
        b"Content-Length: 6\r\n\r\nhello"
    ),
    "a signed length": b"POST /complaints HTTP/1.1\r\nHost: x\r\nContent-Length: +2\r\n\r\n{}",
    "a negative length": b"POST /complaints HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n{}",
    "a transfer coding before chunked": (
        b"POST /complaints HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
        b"2\r\n{}\r\n0\r\n\r\n"
    ),
    "chunked twice": (
        b"POST /complaints HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"
    ),
}


def answer(url: str, request: bytes) -> bytes:
    """What the server sends back to ``request`` before it closes the connection."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(request)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    return received


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_the_server_answers_400_and_stores_nothing(name: str, tmp_path: Path) -> None:
    with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as storage:
        desk = Desk(storage=storage)
        with running_server(create_app(desk)) as url:
            status_line = answer(url, MALFORMED[name]).split(b"\r\n", 1)[0]
        assert status_line.split(b" ")[1] == b"400"
        assert storage.dead_letters() == []
