"""A request body its client cuts short (it declares more than it sends, then closes the
connection): what arrived is kept as a dead letter saying so, on a real server."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.storage.base import DeadLetter
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.server import running_server

SECRET = "intake-secret-of-the-shop"


def send_cut_short(url: str, head: bytes, declared: int) -> None:
    """POST /complaints declaring ``declared`` bytes, send ``head``, close the connection."""
    parts = urlsplit(url)
    request = (
        b"POST /complaints HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: " + str(declared).encode() + b"\r\n\r\n" + head
    )
    with socket.create_connection((parts.hostname, parts.port)) as sock:
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)


def letters_once_kept(desk: Desk, count: int) -> list[DeadLetter]:
    """The dead letters, once the server kept ``count`` (the request runs on its thread)."""
    deadline = time.monotonic() + 10
    while len(letters := desk.storage.dead_letters()) < count and time.monotonic() < deadline:
        time.sleep(0.02)
    return letters


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as storage:
        yield Desk(storage=storage)


def test_what_arrived_of_a_cut_body_is_a_dead_letter(desk: Desk) -> None:
    head = '{"external_id": "CUT-1", "customer": {"id": "c"}, "text": "洗衣机漏'.encode()
    with running_server(create_app(desk)) as url:
        send_cut_short(url, head, len(head) + 500)
        (letter,) = letters_once_kept(desk, 1)
    assert letter.raw == head
    assert letter.source.startswith("http:http:")
    assert f"{len(head)} bytes" in letter.reason
    assert str(len(head) + 500) in letter.reason
    assert desk.storage.find_by_key("http", "CUT-1") is None


def _run(
    app: Any,
    headers: list[tuple[bytes, bytes]],
    messages: list[dict[str, Any]],
    path: str = "/complaints",
) -> None:
    """``app`` on one request to ``path`` whose body events are ``messages``."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }
    events = iter(messages)

    async def receive() -> dict[str, Any]:
        return next(events)

    async def send(message: dict[str, Any]) -> None:
        return None

    asyncio.run(app(scope, receive, send))


def test_nothing_is_kept_when_nothing_arrived(desk: Desk) -> None:
    _run(create_app(desk), [(b"content-length", b"40")], [{"type": "http.disconnect"}])
    assert desk.storage.dead_letters() == []


def test_under_a_secret_a_cut_body_is_not_kept(desk: Desk) -> None:
    """It cannot be authenticated: an unsigned caller would get free storage."""
    part = {"type": "http.request", "body": b'{"text": "x', "more_body": True}
    app = create_app(desk, secret=SECRET)
    _run(app, [(b"content-length", b"40")], [part, {"type": "http.disconnect"}])
    assert desk.storage.dead_letters() == []


def test_a_cut_chunked_body_is_kept_too(desk: Desk) -> None:
    part = {"type": "http.request", "body": b'{"text": "x', "more_body": True}
    _run(create_app(desk), [], [part, {"type": "http.disconnect"}])
    (letter,) = desk.storage.dead_letters()
    assert letter.raw == b'{"text": "x'


def test_a_form_cut_short_is_not_kept(desk: Desk) -> None:
    """The customer's browser still holds the words, which the cut would shorten."""
    part = {"type": "http.request", "body": "text=洗衣机".encode(), "more_body": True}
    kind = (b"content-type", b"application/x-www-form-urlencoded")
    _run(create_app(desk), [kind], [part, {"type": "http.disconnect"}], path="/")
    assert desk.storage.dead_letters() == []
    assert desk.find() == []
