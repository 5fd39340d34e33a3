"""A request whose target is in absolute form (``POST http://host/complaints``), which
RFC 9112 §3.2.2 says a server MUST accept: an HTTP library told to use the API's address as
its proxy sends it so, as do some embedded clients. uvicorn handed the whole target on as
the path, so no route matched: the complaint got a 404 and was kept nowhere, a bad body
was no dead letter. The scheme and authority are now dropped before routing."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from complaintkit.api.app import create_app
from complaintkit.api.header_deadline import headers_in_time
from complaintkit.desk import Desk
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.server import running_server


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[int, Desk]]:
    with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as storage:
        desk = Desk(storage=storage)
        with running_server(create_app(desk), http=headers_in_time(10)) as url:
            yield int(url.rsplit(":", 1)[1]), desk


def send(port: int, method: str, target: str, body: bytes = b"") -> tuple[int, bytes]:
    request = (
        f"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    answer = b""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request)
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, content = answer.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), content


@pytest.mark.parametrize("authority", ["http://127.0.0.1", "HTTP://shop.example:8080", "https://x"])
def test_a_complaint_posted_to_an_absolute_target_is_taken_in(
    served: tuple[int, Desk], authority: str
) -> None:
    port, desk = served
    body = json.dumps({"external_id": "A-1", "customer": {"id": "c1"}, "text": "late"})
    status, content = send(port, "POST", f"{authority}/complaints", body.encode())
    assert status == 201, content
    status_url = json.loads(content)["status_url"]
    assert send(port, "GET", f"{authority}{status_url}")[0] == 200
    assert len(desk.storage.dead_letters()) == 0


def test_a_bad_body_posted_to_an_absolute_target_is_a_dead_letter(
    served: tuple[int, Desk],
) -> None:
    port, desk = served
    status, content = send(port, "POST", "http://127.0.0.1/complaints?x=1", b"[1]")
    assert status == 422, content
    assert [letter.raw for letter in desk.storage.dead_letters()] == [b"[1]"]


def test_an_absolute_target_is_routed_by_its_path(served: tuple[int, Desk]) -> None:
    port, _ = served
    assert send(port, "POST", "http://127.0.0.1/nowhere", b"{}")[0] == 404
    assert send(port, "GET", "http://127.0.0.1")[0] == 200  # no path is /, the form
