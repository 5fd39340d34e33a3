"""A client that sends its whole request and then half-closes its socket (``shutdown(SHUT_WR)``,
as ``curl --data @file`` piped through some proxies and many scripts do) still reads: it gets
its answer, under the server ``complaintkit serve`` runs, and the connection is closed after
it. A body cut short before the half-close is still a dead letter with no answer."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from complaintkit.api.app import create_app
from complaintkit.api.header_deadline import headers_in_time
from complaintkit.desk import Desk
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.server import running_server


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Desk, int]]:
    """A desk on SQLite and the port of the server ``serve`` runs for it."""
    with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as storage:
        desk = Desk(storage=storage)
        with running_server(create_app(desk), http=headers_in_time(5)) as url:
            yield desk, int(url.rsplit(":", 1)[1])


def _post(body: bytes, declared: int | None = None) -> bytes:
    length = len(body) if declared is None else declared
    return (
        b"POST /complaints HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: %d\r\n\r\n%s" % (length, body)
    )


def _half_closed_exchange(port: int, request: bytes) -> bytes:
    """Send ``request``, half-close, read until the server closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
        client.sendall(request)
        client.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := client.recv(65536):
            answer += chunk
    return answer


def _json_of(answer: bytes) -> dict[str, object]:
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 "), answer[:200]
    parsed: dict[str, object] = json.loads(body)
    return parsed


def test_a_half_closed_client_gets_its_case_id(served: tuple[Desk, int]) -> None:
    desk, port = served
    body = json.dumps({"external_id": "HALF-1", "customer": {"id": "c"}, "text": "漏水"}).encode()
    answer = _half_closed_exchange(port, _post(body))
    assert answer.startswith(b"HTTP/1.1 201 ")
    case = desk.storage.find_by_key("http", "HALF-1")
    assert case is not None
    assert _json_of(answer)["case_id"] == case.id


def test_a_half_closed_client_gets_its_refusal(served: tuple[Desk, int]) -> None:
    desk, port = served
    answer = _half_closed_exchange(port, _post(b'{"text": 1}'))
    assert answer.startswith(b"HTTP/1.1 422 ")
    refusal = _json_of(answer)
    (letter,) = desk.storage.dead_letters()
    assert letter.source == f"http:http:{refusal['request_id']}"


def test_two_requests_then_a_half_close_get_two_answers(served: tuple[Desk, int]) -> None:
    desk, port = served
    first, second = (
        json.dumps({"external_id": key, "customer": {"id": "c"}, "text": "坏了"}).encode()
        for key in ("HALF-2", "HALF-3")
    )
    answer = _half_closed_exchange(port, _post(first) + _post(second))
    assert answer.count(b"HTTP/1.1 201 ") == 2
    assert desk.storage.find_by_key("http", "HALF-3") is not None


def test_a_body_cut_short_by_the_half_close_is_kept_unanswered(
    served: tuple[Desk, int],
) -> None:
    desk, port = served
    head = b'{"external_id": "HALF-4", "customer": {"id": "c"}, "text": "'
    assert _half_closed_exchange(port, _post(head, len(head) + 50)) == b""
    deadline = time.monotonic() + 10
    while not (letters := desk.storage.dead_letters()) and time.monotonic() < deadline:
        time.sleep(0.02)
    (letter,) = letters
    assert letter.raw == head
    assert desk.storage.find_by_key("http", "HALF-4") is None


def test_running_server_answers_a_half_closed_client_as_serve_does(tmp_path: Path) -> None:
    with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as storage:
        desk = Desk(storage=storage)
        body = json.dumps({"external_id": "HALF-5", "customer": {"id": "c"}, "text": "坏"})
        with running_server(create_app(desk)) as url:  # serve's protocol by default
            answer = _half_closed_exchange(int(url.rsplit(":", 1)[1]), _post(body.encode()))
        assert answer.startswith(b"HTTP/1.1 201 ")


def test_running_server_answers_an_unreadable_head_as_serve_does(tmp_path: Path) -> None:
    with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as storage:
        with running_server(create_app(Desk(storage=storage))) as url:
            answer = _half_closed_exchange(int(url.rsplit(":", 1)[1]), b"NOT HTTP\r\n\r\n")
        assert answer.startswith(b"HTTP/1.1 400 ")
        assert "request_id" in _json_of(answer)


def test_a_half_closed_client_saying_connection_close_gets_its_case_id(
    served: tuple[Desk, int],
) -> None:
    desk, port = served
    body = json.dumps({"external_id": "HALF-6", "customer": {"id": "c"}, "text": "漏水"}).encode()
    request = _post(body).replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n", 1)
    answer = _half_closed_exchange(port, request)
    assert answer.startswith(b"HTTP/1.1 201 ")
    case = desk.storage.find_by_key("http", "HALF-6")
    assert case is not None
    assert _json_of(answer)["case_id"] == case.id
