"""A request refused before its body is read (a wrong token, a header sent twice, an unknown
path, a method the path does not take) never has that body read as a next request on the
connection: a body holding a whole agent request is not run."""

from __future__ import annotations

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


def exchange(url: str, request: bytes) -> bytes:
    """What the server sends back on one connection, until it closes it or goes quiet."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=3) as sock:
        sock.sendall(request)
        received = b""
        try:
            while chunk := sock.recv(65536):
                received += chunk
        except TimeoutError:  # kept open, and nothing more to say
            pass
    return received


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
    answer = exchange(url, outer.encode())
    assert answer.startswith(b"HTTP/1.1 4"), answer[:200]
    assert answer.count(b"HTTP/1.1 ") == 1, answer
    assert [e.seq for e in desk.history(case_id)] == before
