"""Requests pipelined on one connection, framed as a hostile client frames them: chunk
extensions and trailers, chunk sizes huge, negative or no hex, ``Content-Length`` given
twice or beside ``Transfer-Encoding`` (the smuggling shape), ``Expect: 100-continue``,
header values that are no UTF-8, sent in pieces. Every answer is well-formed HTTP — an
interim 100, then one final answer per request answered, each with its request id and
below 500, each error a JSON object with ``error``, ``field`` and ``request_id`` (but the
form page's, which a browser shows) — and a
complaint refused for what its body says (413, 415, 422) is kept as a dead letter under
that id."""

from __future__ import annotations

import json
import re
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.server import running_server

#: Statuses a complaint gets for what its body says, its body kept.
KEPT = (413, 415, 422)
FRAMINGS = [
    "length",
    "chunked",
    "extension",
    "trailer",
    "huge chunk",
    "negative chunk",
    "no hex",
    "0x chunk",
    "length and chunked",
    "two lengths",
    "same length twice",
    "short length",
]
HEADERS = [
    b"Expect: 100-continue",
    b"X-Name: \xff\xfe\xc3",
    b"Content-Type: application/json; charset=\xe4\xb8\xad",
    b"Content-Type: text/xml",
    b"Content-Type: application/json",
    b"Accept-Language: \xe4\xb8\xad",
    b"X-Forwarded-For: \xff",
]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Desk]]:
    db = f"sqlite:///{tmp_path_factory.mktemp('framing') / 'cases.db'}"
    with SQLiteStorage(db) as storage:
        desk = Desk(storage=storage)
        app = create_app(desk, refusals_kept=100_000, body_timeout=5, max_body=2048)
        with running_server(app) as url:
            yield int(url.rsplit(":", 1)[1]), desk


def framed(body: bytes, framing: str) -> tuple[list[bytes], bytes]:
    """The framing headers and the bytes after the blank line."""
    size = b"%x" % len(body)
    chunked = [b"Transfer-Encoding: chunked"]
    return {
        "length": ([b"Content-Length: %d" % len(body)], body),
        "chunked": (chunked, size + b"\r\n" + body + b"\r\n0\r\n\r\n"),
        "extension": (chunked, size + b";name=value\r\n" + body + b"\r\n0;x\r\n\r\n"),
        "trailer": (chunked, size + b"\r\n" + body + b"\r\n0\r\nX-Trailer: 1\r\n\r\n"),
        "huge chunk": (chunked, b"f" * 30 + b"\r\n" + body + b"\r\n0\r\n\r\n"),
        "negative chunk": (chunked, b"-" + size + b"\r\n" + body + b"\r\n0\r\n\r\n"),
        "no hex": (chunked, b"zz\r\n" + body + b"\r\n0\r\n\r\n"),
        "0x chunk": (chunked, b"0x" + size + b"\r\n" + body + b"\r\n0\r\n\r\n"),
        "length and chunked": (
            [b"Content-Length: %d" % len(body), *chunked],
            size + b"\r\n" + body + b"\r\n0\r\n\r\n",
        ),
        "two lengths": ([b"Content-Length: %d" % len(body), b"Content-Length: 1"], body),
        "same length twice": ([b"Content-Length: %d, %d" % (len(body), len(body))], body),
        "short length": ([b"Content-Length: %d" % max(len(body) - 3, 0)], body),
    }[framing]


requests = st.tuples(
    st.sampled_from(["POST /complaints", "POST /complaints/", "POST /", "GET /openapi.json"]),
    st.sampled_from(FRAMINGS),
    st.lists(st.sampled_from(HEADERS), max_size=3, unique=True),
    st.sampled_from(["complaint", "junk", "big"]),
)


def answers(received: bytes) -> list[tuple[int, dict[bytes, bytes], bytes]]:
    """Every answer in ``received``, parsed by its ``Content-Length``; fails on bytes that
    are no answer."""
    parsed = []
    rest = received
    while rest:
        head, blank, rest = rest.partition(b"\r\n\r\n")
        assert blank, received[-300:]
        status_line, *lines = head.split(b"\r\n")
        match = re.fullmatch(rb"HTTP/1\.1 (\d{3}) [ -~]*", status_line)
        assert match, received[-300:]
        headers = {}
        for line in lines:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get(b"content-length", b"0"))
        parsed.append((int(match.group(1)), headers, rest[:length]))
        assert len(rest) >= length, received[-300:]
        rest = rest[length:]
    return parsed


def exchange(port: int, raw: bytes, cuts: list[int]) -> bytes:
    """What the server answers to ``raw`` sent in pieces ``cuts`` long. A server that
    refused a request closes the connection: what was still to be sent is not, and what
    it answered before is read."""
    with socket.create_connection(("127.0.0.1", port), timeout=20) as client:
        received = b""
        try:
            at = 0
            for cut in [*cuts, len(raw)]:
                client.sendall(raw[at : at + cut])
                at += cut
                time.sleep(0.005)  # pieces apart, as a slow network sends them
            client.shutdown(socket.SHUT_WR)
            while chunk := client.recv(65536):
                received += chunk
        except OSError:  # broken pipe, reset, or no longer connected
            received += _unread(client)
    return received


def _unread(client: socket.socket) -> bytes:
    """What is left to read on a connection the server closed."""
    received = b""
    try:
        while chunk := client.recv(65536):
            received += chunk
    except OSError:
        pass
    return received


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    sent=st.lists(requests, min_size=1, max_size=3),
    cuts=st.lists(st.integers(1, 400), max_size=3),
    tag=st.uuids(),
)
def test_pipelined_requests_get_well_formed_answers_and_refused_complaints_are_kept(
    served: tuple[int, Desk],
    sent: list[tuple[str, str, list[bytes], str]],
    cuts: list[int],
    tag: object,
    tmp_path: Path,
) -> None:
    port, desk = served
    raw = b""
    for n, (line, framing, headers, kind) in enumerate(sent):
        key = f"{tag}-{n}"
        body = {
            "complaint": json.dumps({"external_id": key, "customer": {"id": "c"}, "text": "漏水"}),
            "junk": '{"text": ',
            "big": json.dumps({"external_id": key, "customer": {"id": "c"}, "text": "x" * 3000}),
        }[kind].encode()
        framing_lines, payload = framed(body, framing)
        head = [line.encode() + b" HTTP/1.1", b"Host: 127.0.0.1", *headers, *framing_lines]
        raw += b"\r\n".join(head) + b"\r\n\r\n" + payload
    received = exchange(port, raw, cuts)
    final = [answer for answer in answers(received) if answer[0] != 100]
    assert len(final) <= len(sent)
    letters = {letter.source.split(" ")[0] for letter in desk.storage.dead_letters()}
    for (status, answered, content), (line, _, _, _) in zip(final, sent, strict=False):
        assert status < 500, content
        request_id = answered.get(b"x-request-id", b"").decode()
        assert request_id, answered
        if status >= 400 and b"text/html" not in answered.get(b"content-type", b""):
            error = json.loads(content)
            assert {"error", "field", "request_id"} <= set(error), error
            assert error["request_id"] == request_id
            complaint = line.startswith("POST /complaints")
            if complaint and status in KEPT and error.get("kept") is not False:
                assert f"http:http:{request_id}" in letters, (status, error)
