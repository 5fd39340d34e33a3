"""A request refused before its body is read (a wrong token, a header sent twice, an unknown
path, a method the path does not take) never has that body read as a next request on the
connection: a body holding a whole agent request is not run."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from complaintkit.testing.storage_contract import make_complaint

AGENT = "agent-token-0123456789"
SECRET = "intake-secret-of-the-shop"


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, Desk, str]]:
    desk = Desk()
    case = desk.intake(make_complaint("UNREAD-1"))
    app = create_app(desk, secret=SECRET, agent_tokens={AGENT: "li.na"}, form=True)
    with running_server(app) as url:
        yield url, desk, case.id


#: Asked last on a connection the server keeps open: answered 405, then the server closes.
LAST = b"DELETE /openapi.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"


def exchange(url: str, request: bytes) -> list[int]:
    """The statuses the server answers on one connection: ``request``'s, then, when the
    server keeps the connection open, ``LAST``'s. A request the server took from the
    refused request's body is answered between the two; no waiting for it to go quiet."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as sock:
        sock.sendall(request)
        received = first_response(sock)
        if b"\r\nconnection: close\r\n" not in received.lower():
            sock.sendall(LAST)
        while chunk := sock.recv(65536):
            received += chunk
    return [int(status) for status in re.findall(rb"HTTP/1\.1 (\d{3}) ", received)]


def first_response(sock: socket.socket) -> bytes:
    """What is received until the first response (headers and ``Content-Length`` of body)."""
    received = b""
    while b"\r\n\r\n" not in received or _short(received):
        chunk = sock.recv(65536)
        assert chunk, f"the connection closed in or before the first response: {received!r}"
        received += chunk
    return received


def _short(received: bytes) -> bool:
    """Whether the response's body is shorter than its ``Content-Length``."""
    head, _, body = received.partition(b"\r\n\r\n")
    length = re.search(rb"\r\ncontent-length: *(\d+)", head.lower())
    return length is not None and len(body) < int(length[1])


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/cases/{case}/note", "Authorization: Bearer wrong-token-0123456789\r\n"),
        (
            "/cases/{case}/note",
            f"Authorization: Bearer {AGENT}\r\nIdempotency-Key: a\r\nIdempotency-Key: b\r\n",
        ),
        ("/complaints", "X-Complaintkit-Timestamp: 1\r\nX-Complaintkit-Timestamp: 2\r\n"),
        ("/nowhere", ""),
        ("/openapi.json", ""),
        ("/status/unknown/offers/comp-1", ""),
    ],
)
def test_a_refused_requests_body_is_never_run(
    served: tuple[str, Desk, str], path: str, headers: str
) -> None:
    url, desk, case_id = served
    inner = (
        f"POST /cases/{case_id}/note HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {AGENT}\r\n"
        'Content-Type: application/json\r\nContent-Length: 13\r\n\r\n{"text":"hi"}'
    )
    outer = (
        f"POST {path.format(case=case_id)} HTTP/1.1\r\nHost: x\r\n{headers}"
        f"Content-Length: {len(inner)}\r\n\r\n{inner}"
    )
    before = [e.seq for e in desk.history(case_id)]
    first, *then = exchange(url, outer.encode())
    assert 400 <= first < 500
    assert then in ([], [405])  # LAST's, if the server kept the connection open
    assert [e.seq for e in desk.history(case_id)] == before
