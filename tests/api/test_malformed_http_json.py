"""HTTP the server's parser cannot read is answered as the API answers every refusal:
a 400 whose body is JSON with an ``error`` and a ``request_id`` (the one its
``X-Request-Id`` header gives), and the connection closed. uvicorn answered such requests
under ``complaintkit serve`` with a plain-text 400 of its own, which a client reading the
API's errors cannot read, naming no request id. A body whose chunks break off is answered
with the request id its dead letter bears. Nothing is lost: the server goes on serving."""

from __future__ import annotations

import json
import re
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_malformed_http import MALFORMED

from complaintkit.api.app import create_app
from complaintkit.api.header_deadline import headers_in_time
from complaintkit.desk import Desk
from complaintkit.storage.base import DeadLetter
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.server import running_server

BODY = json.dumps({"external_id": "E-1", "customer": {"id": "c1"}, "text": "late"}).encode()
CHUNKED = (
    b"POST /complaints HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    b"Transfer-Encoding: chunked\r\n\r\n"
)
#: Requests whose headers were read, and whose chunked body breaks off.
BROKEN_CHUNKS = {
    "a chunk size that is no number": CHUNKED + b"5\r\n" + BODY[:5] + b"\r\nzz\r\n",
    "a chunk not ended by CRLF": CHUNKED + b"%x\r\n" % len(BODY) + BODY + b"XX0\r\n\r\n",
}
#: Headers longer than the server reads, the request never ended.
ENDLESS_HEADERS = b"POST /complaints HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"a" * 100_000


def _exchange(url: str, request: bytes) -> bytes:
    """All the server sends back to ``request`` until it closes the connection."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        with suppress(BrokenPipeError, ConnectionResetError):  # answered before all was sent
            sock.sendall(request)
        received = b""
        with suppress(ConnectionResetError):  # closed with bytes unread: what came is all
            while chunk := sock.recv(65536):
                received += chunk
    return received


def _answers(received: bytes) -> list[tuple[int, dict[str, str], bytes]]:
    """Each answer in ``received``: its status, headers (lower-cased names) and body."""
    answers = []
    while received:
        head, _, rest = received.partition(b"\r\n\r\n")
        status_line, *lines = head.decode("latin-1").split("\r\n")
        headers = {k.strip().lower(): v.strip() for k, v in (x.split(":", 1) for x in lines)}
        length = int(headers.get("content-length", len(rest)))  # else, up to the close
        answers.append((int(status_line.split(" ")[1]), headers, rest[:length]))
        received = rest[length:]
    return answers


@contextmanager
def _served(tmp_path: Path, name: str) -> Iterator[tuple[str, SQLiteStorage]]:
    with SQLiteStorage(f"sqlite:///{tmp_path / f'{name}.db'}") as storage:
        app = create_app(Desk(storage=storage))
        with running_server(app, http=headers_in_time()) as url:
            yield url, storage


def _refused_as_json(received: bytes, refused_with: int = 400) -> str:
    """The request id of the one JSON refusal (a 400 unless said) ``received`` holds."""
    ((status, headers, body),) = _answers(received)
    assert status == refused_with
    assert headers["content-type"] == "application/json"
    assert headers["connection"] == "close"
    answer = json.loads(body)
    assert isinstance(answer["error"], str)
    assert answer["error"]
    assert re.fullmatch("[0-9a-f]{16}", answer["request_id"])
    assert headers["x-request-id"] == answer["request_id"]
    return str(answer["request_id"])


def _still_serving(url: str) -> None:
    good = BODY.replace(b"E-1", b"E-2")
    request = (
        b"POST /complaints HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Connection: close\r\nContent-Length: %d\r\n\r\n%s" % (len(good), good)
    )
    ((status, _, _),) = _answers(_exchange(url, request))
    assert status == 201


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_unreadable_headers_are_refused_as_json(name: str, tmp_path: Path) -> None:
    with _served(tmp_path, "x") as (url, storage):
        _refused_as_json(_exchange(url, MALFORMED[name]))
        _still_serving(url)
        assert storage.dead_letters() == []


def test_headers_longer_than_the_server_reads_are_refused_as_json(tmp_path: Path) -> None:
    with _served(tmp_path, "x") as (url, storage):
        _refused_as_json(_exchange(url, ENDLESS_HEADERS), 431)  # header_limit
        _still_serving(url)
        assert storage.dead_letters() == []


def _kept_letter(storage: SQLiteStorage) -> DeadLetter:
    """The one dead letter of a body that broke off. The server's parser answers the 400 as
    soon as the chunks break; the application keeps what arrived as it sees the request
    end, a moment later (the client was told to send it again: nothing rests on it alone)."""
    deadline = time.monotonic() + 30
    while not (letters := storage.dead_letters()) and time.monotonic() < deadline:
        time.sleep(0.02)
    (letter,) = letters
    return letter


@pytest.mark.parametrize("name", sorted(BROKEN_CHUNKS))
def test_broken_chunks_are_refused_as_json_naming_their_letter(name: str, tmp_path: Path) -> None:
    with _served(tmp_path, "x") as (url, storage):
        request_id = _refused_as_json(_exchange(url, BROKEN_CHUNKS[name]))
        _still_serving(url)
        letter = _kept_letter(storage)
        assert letter.source == f"http:http:{request_id}"
        assert letter.raw == BODY[: len(letter.raw)]


@pytest.mark.parametrize("name", sorted(BROKEN_CHUNKS))
def test_the_letter_of_broken_chunks_says_so(name: str, tmp_path: Path) -> None:
    """Its reason is the chunks the server refused, not a client that closed the
    connection, which it never did: its sender is the one to mend."""
    with _served(tmp_path, "x") as (url, storage):
        _exchange(url, BROKEN_CHUNKS[name])
        _still_serving(url)
        letter = _kept_letter(storage)
        assert "chunk" in letter.reason
        assert "closed" not in letter.reason
        assert f"{len(letter.raw)} bytes" in letter.reason


GOOD_HEAD = (
    b"POST /complaints HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    b"Content-Length: %d\r\n" % len(BODY)
)
#: Bytes no request line or header may hold where they land, or that end one too soon.
STRAY = st.sampled_from([b"\x00", b"\x01", b"\x7f", b"\xff", b" ", b":", b"\r", b"\n", b"\t"])


def test_any_request_head_is_answered_in_json(tmp_path: Path) -> None:
    """A request head with a stray byte anywhere gets the API's JSON, whatever its
    status (a refusal naming its request id), and the server goes on serving."""
    with _served(tmp_path, "x") as (url, _):

        @settings(max_examples=60, deadline=None)
        @given(st.integers(0, len(GOOD_HEAD) - 1), st.lists(STRAY, min_size=1, max_size=3))
        def answered_in_json(at: int, stray: list[bytes]) -> None:
            head = GOOD_HEAD[:at] + b"".join(stray) + GOOD_HEAD[at:]
            request = head + b"Connection: close\r\n\r\n" + BODY
            for status, headers, body in _answers(_exchange(url, request)):
                assert headers["content-type"] == "application/json", (status, body)
                if status >= 400:
                    assert headers["x-request-id"] == json.loads(body)["request_id"]

        answered_in_json()
        _still_serving(url)
