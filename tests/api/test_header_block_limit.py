"""A request whose line and headers run over 16 KiB is refused with 431 in the API's JSON
(``"field": "headers"``, a request id) and the connection closed, however the bytes
arrive: in one packet, where the parser had read the whole block at once, as well as over
several reads. A block within the limit is served; a request before it on the connection
is answered first."""

from __future__ import annotations

import json
import re
import socket
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.server import running_server

LIMIT = 16 * 1024
BODY = json.dumps({"external_id": "BIG-1", "customer": {"id": "c"}, "text": "漏水"}).encode()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Desk]]:
    db = f"sqlite:///{tmp_path_factory.mktemp('headers') / 'cases.db'}"
    with SQLiteStorage(db) as storage:
        desk = Desk(storage=storage)
        with running_server(create_app(desk)) as url:
            yield url, desk


def request(headers: list[bytes], key: str = "BIG-1") -> bytes:
    body = BODY.replace(b"BIG-1", key.encode())
    lines = [b"POST /complaints HTTP/1.1", b"Host: x", *headers, b"Content-Length: %d" % len(body)]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def answered(url: str, pieces: list[bytes]) -> bytes:
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        for piece in pieces:
            sock.sendall(piece)
            time.sleep(0.02)  # pieces apart, as a slow network sends them; no result waits on it
        sock.shutdown(socket.SHUT_WR)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    return received


def statuses(received: bytes) -> list[int]:
    """The status of each answer, in order (an answer follows the last one's body)."""
    return [int(code) for code in re.findall(rb"HTTP/1\.1 (\d{3}) ", received)]


def refusal(received: bytes) -> dict[str, str]:
    head, _, body = received.rpartition(b"\r\n\r\n")
    assert b"connection: close" in head.lower()
    return json.loads(body)  # type: ignore[no-any-return]


ONE_LONG = [b"X-Big: " + b"a" * (LIMIT + 10)]
MANY = [b"X-H%d: %s" % (n, b"b" * 900) for n in range(20)]
PADDED = [b"X-Pad: " + b" " * (LIMIT + 10) + b"a"]


@pytest.mark.parametrize("headers", [ONE_LONG, MANY, PADDED], ids=["one", "many", "padded"])
@pytest.mark.parametrize("split", [False, True], ids=["one packet", "two reads"])
def test_a_header_block_over_16_kib_is_431_in_json(
    served: tuple[str, Desk], headers: list[bytes], split: bool
) -> None:
    url, desk = served
    sent = request(headers)
    pieces = [sent[: LIMIT // 2], sent[LIMIT // 2 :]] if split else [sent]
    received = answered(url, pieces)
    assert statuses(received) == [431], received[:300]
    answer = refusal(received)
    assert answer["field"] == "headers"
    assert "16384" in answer["error"]
    assert answer["request_id"]
    assert desk.storage.find_by_key("http", "BIG-1") is None


def test_a_block_within_the_limit_is_served(served: tuple[str, Desk]) -> None:
    received = answered(served[0], [request([b"X-Big: " + b"a" * (LIMIT - 200)], "FITS-1")])
    assert statuses(received) == [201], received[:300]


def test_a_request_before_it_on_the_connection_is_answered_first(served: tuple[str, Desk]) -> None:
    url, desk = served
    received = answered(url, [request([], "FIRST-1") + request(ONE_LONG, "SECOND-1")])
    assert statuses(received) == [201, 431], received[:300]
    assert desk.storage.find_by_key("http", "FIRST-1") is not None
    assert desk.storage.find_by_key("http", "SECOND-1") is None
