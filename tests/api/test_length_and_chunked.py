"""A request sending both ``Content-Length`` and ``Transfer-Encoding: chunked`` is
refused (400 naming both) and its connection closed, as RFC 9112 §6.1 asks: a proxy in
front that goes by the length reads another body than the server, and takes the rest of
the chunks for the next request (request smuggling). The server read the chunks, took the
complaint in, and went on reading the connection."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from urllib.parse import urlsplit

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.server import running_server

NEXT = b"GET /openapi.json HTTP/1.1\r\nHost: x\r\n\r\n"


def _exchange(url: str, request: bytes) -> bytes:
    """All the server sends back to ``request`` until it closes the connection."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(request)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    return received


def _request(body: bytes, declared: int, coding: bytes) -> bytes:
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    return (
        b"POST /complaints HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: %d\r\nTransfer-Encoding: %s\r\n\r\n%s%s"
        % (declared, coding, chunked, NEXT)
    )


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    external_id=st.text("ABCxyz019", min_size=1, max_size=8),
    length_as=st.sampled_from(["chunks", "body"]),
    coding=st.sampled_from([b"chunked", b"Chunked"]),
)
def test_both_lengths_are_refused_and_the_connection_closed(
    external_id: str, length_as: str, coding: bytes, tmp_path: Path
) -> None:
    body = json.dumps({"external_id": external_id, "customer": {"id": "c"}, "text": "t"}).encode()
    chunks = len(b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body))
    declared = chunks if length_as == "chunks" else len(body)
    with SQLiteStorage(f"sqlite:///{tmp_path / f'{external_id}-{length_as}.db'}") as storage:
        desk = Desk(storage=storage)
        with running_server(create_app(desk)) as url:
            answered = _exchange(url, _request(body, declared, coding))
        head, _, rest = answered.partition(b"\r\n\r\n")
        assert head.split(b" ")[1] == b"400", answered[:300]
        assert b"connection: close" in head.lower()
        assert b"HTTP/1.1" not in rest  # the bytes after it were not read as a request
        refusal = json.loads(rest)
        assert refusal["field"] == "Transfer-Encoding"
        assert "Content-Length" in refusal["error"]
        assert storage.find_by_key("http", external_id) is None
        assert storage.dead_letters() == []
