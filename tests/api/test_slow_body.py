"""A body that does not arrive whole in time (trickled a byte at a time, or declared longer
than sent on a connection held open) is refused with 408 and the connection closed, not
waited for as long as its client likes; what did arrive of a complaint is a dead letter.
A body the server hands over at another length than ``Content-Length`` declared is
refused with 400, and kept the same way."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.errors import ConfigError
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.server import running_server

AGENT = "agent-token-0123456789"
SECRET = "intake-secret-of-the-shop"
#: Short, so a test waits little for what the server must not wait on for ever.
PATIENCE = 0.2
#: How long a test waits for the answer before it calls the server hung.
HUNG = 20.0


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as storage:
        yield Desk(storage=storage)


async def _never() -> dict[str, Any]:
    await asyncio.Event().wait()
    raise AssertionError("unreachable")


def answer_of(
    app: Any,
    parts: list[bytes],
    *,
    path: str = "/complaints",
    headers: list[tuple[bytes, bytes]] | None = None,
    hold: bool = True,
) -> tuple[int, dict[bytes, bytes], bytes]:
    """Status, headers and body ``app`` answers a POST whose body is ``parts``; the client
    then holds the connection open, sending nothing (``hold``), or says the body ended."""
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
        "headers": headers if headers is not None else [(b"content-length", b"1000")],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }
    pending = [{"type": "http.request", "body": part, "more_body": True} for part in parts]
    if not hold:
        pending[-1]["more_body"] = False
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return pending.pop(0) if pending else await _never()

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(asyncio.wait_for(app(scope, receive, send), HUNG))
    start = sent[0]
    body = b"".join(m.get("body", b"") for m in sent[1:])
    return start["status"], dict(start["headers"]), body


def test_a_complaint_trickling_past_the_deadline_gets_408_and_what_came_is_kept(
    desk: Desk,
) -> None:
    head = '{"external_id": "SLOW-1", "customer": {"id": "c"}, "text": "洗衣'.encode()
    app = create_app(desk, body_timeout=PATIENCE)
    status, headers, body = answer_of(app, [head[:10], head[10:]])
    assert status == 408
    assert headers[b"connection"] == b"close"
    answer = json.loads(body)
    assert answer["field"] == "body"
    assert f"{PATIENCE:g}" in answer["error"]
    (letter,) = desk.storage.dead_letters()
    assert letter.raw == head
    assert letter.source == f"http:http:{answer['request_id']}"
    assert desk.storage.find_by_key("http", "SLOW-1") is None


def test_a_body_declared_and_never_sent_gets_408_and_nothing_is_kept(desk: Desk) -> None:
    status, _, _ = answer_of(create_app(desk, body_timeout=PATIENCE), [])
    assert status == 408
    assert desk.storage.dead_letters() == []


def test_under_a_secret_a_slow_body_is_not_kept(desk: Desk) -> None:
    app = create_app(desk, secret=SECRET, body_timeout=PATIENCE)
    status, _, _ = answer_of(app, [b'{"text": "x'])
    assert status == 408
    assert desk.storage.dead_letters() == []


@pytest.mark.parametrize("path", ["/", "/cases/CK-1/respond", "/status/t/offers/o-1"])
def test_every_endpoint_that_reads_a_body_stops_waiting(desk: Desk, path: str) -> None:
    app = create_app(desk, agent_tokens={AGENT: "li.na"}, body_timeout=PATIENCE)
    headers = [
        (b"content-length", b"1000"),
        (b"authorization", f"Bearer {AGENT}".encode()),
        (b"content-type", b"application/x-www-form-urlencoded"),
    ]
    status, _, _ = answer_of(app, [b"text="], path=path, headers=headers)
    assert status == 408
    assert desk.find() == []


def test_a_whole_body_in_time_is_taken_in(desk: Desk) -> None:
    complaint = {"external_id": "IN-TIME", "customer": {"id": "c"}, "text": "洗衣机漏水"}
    raw = json.dumps(complaint).encode()
    headers = [(b"content-length", str(len(raw)).encode())]
    app = create_app(desk, body_timeout=PATIENCE)
    status, _, _ = answer_of(app, [raw[:5], raw[5:]], headers=headers, hold=False)
    assert status == 201
    assert desk.storage.find_by_key("http", "IN-TIME") is not None


@pytest.mark.parametrize("declared", [1, 10, 80])
def test_a_body_at_another_length_than_declared_is_refused_whole(desk: Desk, declared: int) -> None:
    """Servers check the length; one that does not must not get a complaint cut to it, or
    padded with the next request's bytes, taken in."""
    raw = json.dumps({"external_id": "LEN", "customer": {"id": "c"}, "text": "x"}).encode()
    headers = [(b"content-length", str(declared).encode())]
    status, _, body = answer_of(create_app(desk), [raw], headers=headers, hold=False)
    assert status == 400
    answer = json.loads(body)
    assert answer["field"] == "Content-Length"
    assert str(declared) in answer["error"]
    assert str(len(raw)) in answer["error"]
    (letter,) = desk.storage.dead_letters()
    assert letter.raw == raw
    assert desk.storage.find_by_key("http", "LEN") is None


def test_on_a_real_server_a_connection_declaring_more_than_it_sends_is_answered(
    desk: Desk,
) -> None:
    head = b'{"external_id": "HELD", "customer": {"id": "c"}, "text": "x'
    request = (
        b"POST /complaints HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 500\r\n\r\n" + head
    )
    with running_server(create_app(desk, body_timeout=PATIENCE)) as url:
        parts = urlsplit(url)
        with socket.create_connection((parts.hostname, parts.port), timeout=HUNG) as sock:
            sock.sendall(request)
            received = b""
            while chunk := sock.recv(65536):  # the server closes the connection
                received += chunk
    assert received.split(b" ", 2)[1] == b"408"
    (letter,) = desk.storage.dead_letters()
    assert letter.raw == head


@pytest.mark.parametrize("seconds", [0, -1, float("nan"), float("inf"), "30", True])
def test_a_body_timeout_that_is_no_number_of_seconds_is_a_config_error(
    desk: Desk, seconds: Any
) -> None:
    with pytest.raises(ConfigError, match="body_timeout"):
        create_app(desk, body_timeout=seconds)
