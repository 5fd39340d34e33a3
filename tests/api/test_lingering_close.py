"""A refusal made before a request's body is read reaches a client that writes its whole
body before it reads (``http.client``, a raw socket), instead of the connection reset the
kernel sends when bytes arrive at a socket already closed: the server half-closes after the
answer and reads on, dropping what comes, for a bounded time and number of bytes. A client
that sends without end is cut off at that bound; a normal request is unaffected."""

from __future__ import annotations

import http.client
import json
import logging
import select
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from complaintkit.api.app import create_app
from complaintkit.api.lingering_close import LINGER_BYTES, LINGER_SECONDS
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server

#: An oversized body, sent whole before the answer is read.
BODY_BYTES = 20_000_000
CHUNK = b"x" * (1024 * 1024)
#: How long a test waits for the server before it calls it hung.
HUNG = 30.0
#: What the kernel buffers on both ends may take in beyond what the server reads: the
#: receiving socket's buffer grows up to 32 MiB on Linux (``tcp_rmem``), the sender's to 4.
BUFFERED = 64 * 1024 * 1024
#: A body timeout short enough for a test to see it pass.
SHORT_TIMEOUT = 0.3
#: A client trickling after its refusal sends a byte each pause, as long as a test waits.
PAUSE = 0.05

PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
#: What a TLS client sends first (a handshake record's header and the start of its
#: ClientHello), then bytes of no HTTP: no line of it ends.
TLS_HELLO = b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(range(32, 127)) * 200


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with running_server(create_app(Desk())) as served:
        yield served


def _address(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    assert parts.hostname is not None
    assert parts.port is not None
    return parts.hostname, parts.port


def _read_to_end(sock: socket.socket) -> bytes:
    """Everything the server sends until it ends its side (a reset raises)."""
    received = b""
    while chunk := sock.recv(65536):
        received += chunk
    return received


def _answer(received: bytes) -> tuple[int, dict[str, object]]:
    """Status and JSON body of the one answer in ``received``, checking it is whole."""
    head, _, body = received.partition(b"\r\n\r\n")
    lines = head.lower().split(b"\r\n")
    (length,) = [line.split(b":")[1] for line in lines if line.startswith(b"content-length:")]
    assert len(body) == int(length), received[:2000]
    assert b"connection: close" in lines
    answer: dict[str, object] = json.loads(body)
    assert answer["request_id"]
    return int(head.split(b" ")[1]), answer


def _send_whole_then_read(url: str, head: bytes, body_bytes: int = BODY_BYTES) -> bytes:
    """Send ``head`` and ``body_bytes`` more, all of it, and only then read the answer."""
    with socket.create_connection(_address(url), timeout=HUNG) as sock:
        sock.sendall(head)
        for _ in range(body_bytes // len(CHUNK)):
            sock.sendall(CHUNK)
        return _read_to_end(sock)


def test_http_client_sending_an_oversized_body_whole_gets_the_413(url: str) -> None:
    host, port = _address(url)
    connection = http.client.HTTPConnection(host, port, timeout=HUNG)
    try:
        connection.request(
            "POST",
            "/complaints",
            body=b"x" * BODY_BYTES,
            headers={"Content-Type": "application/json"},
        )
        response = connection.getresponse()
        assert response.status == 413
        assert json.loads(response.read())["field"] == "body"
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", b"text=" + b"x" * BODY_BYTES),
        (
            "multipart/form-data; boundary=b",
            b'--b\r\nContent-Disposition: form-data; name="attachment"; filename="a.jpg"\r\n'
            b"\r\n" + b"x" * BODY_BYTES + b"\r\n--b--\r\n",
        ),
    ],
    ids=["urlencoded", "multipart"],
)
def test_a_browser_sending_an_oversized_form_whole_gets_the_page_refusing_it(
    url: str, content_type: str, body: bytes
) -> None:
    host, port = _address(url)
    connection = http.client.HTTPConnection(host, port, timeout=HUNG)
    try:
        connection.request("POST", "/", body=body, headers={"Content-Type": content_type})
        response = connection.getresponse()
        assert response.status == 413
        assert response.getheader("Content-Type", "").startswith("text/html")
        assert response.read()
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("head", "status", "field"),
    [
        pytest.param(
            f"POST /complaints HTTP/1.1\r\nHost: x\r\nContent-Length: {BODY_BYTES}\r\n"
            "Content-Type: application/json\r\n\r\n".encode(),
            413,
            "body",
            id="body-over-the-limit",
        ),
        pytest.param(
            b"POST /complaints HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + b"%x\r\n" % (BODY_BYTES,),
            413,
            "body",
            id="chunked-body-over-the-limit",
        ),
        pytest.param(
            b"POST /complaints HTTP/1.1\r\nHost: x\r\nCookie: "
            + b"c" * 20_000
            + f"\r\nContent-Length: {BODY_BYTES}\r\n\r\n".encode(),
            431,
            "headers",
            id="headers-too-large",
        ),
        pytest.param(
            f"POST /complaints HTTP/1.1\r\nHost x\r\nContent-Length: {BODY_BYTES}\r\n\r\n".encode(),
            400,
            "headers",
            id="malformed-header",
        ),
        pytest.param(
            b"POST /complaints HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n" + b"%x\r\n" % (BODY_BYTES,),
            400,
            "Transfer-Encoding",
            id="length-and-chunked",
        ),
        pytest.param(PREFACE, 505, "http_version", id="http2-preface"),
        pytest.param(TLS_HELLO, 431, "headers", id="tls-hello"),
    ],
)
def test_a_refusal_before_the_body_reaches_a_client_sending_it_whole(
    url: str, head: bytes, status: int, field: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        received = _send_whole_then_read(url, head)
    assert _answer(received)[0] == status
    assert _answer(received)[1]["field"] == field
    assert [r for r in caplog.records if r.exc_info] == []


def test_a_body_refused_by_its_deadline_reaches_a_client_sending_the_rest() -> None:
    """The client sends part of its body, waits until the server has answered (the body
    timeout passed), then sends the rest whole before it reads."""
    app = create_app(Desk(), body_timeout=SHORT_TIMEOUT)
    with running_server(app) as served, socket.create_connection(_address(served), HUNG) as sock:
        sock.sendall(
            f"POST /complaints HTTP/1.1\r\nHost: x\r\nContent-Length: {BODY_BYTES}\r\n"
            'Content-Type: application/json\r\n\r\n{"text": "'.encode()
        )
        readable, _, _ = select.select([sock], [], [], HUNG)
        assert readable, "no answer to a body past its deadline"
        for _ in range(BODY_BYTES // len(CHUNK)):
            sock.sendall(CHUNK)
        received = _read_to_end(sock)
    status, answer = _answer(received)
    assert status == 408
    assert answer["field"] == "body"


def test_a_client_sending_without_end_is_cut_off_at_the_bound(url: str) -> None:
    """It reads its 413 whole while it sends; then the server stops reading it, and
    its sending ends, long before it would have given up."""
    ceiling = LINGER_BYTES + BUFFERED + 2 * len(CHUNK)
    sent = 0
    with socket.create_connection(_address(url), timeout=HUNG) as sock:
        sock.sendall(
            b"POST /complaints HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000000\r\n\r\n"
        )

        def send_without_end() -> None:
            nonlocal sent
            try:
                while sent < ceiling:
                    sent += sock.send(CHUNK)
            except OSError:  # the server closed the connection: reset, or broken pipe
                return

        sender = threading.Thread(target=send_without_end, daemon=True)
        sender.start()
        received = _read_to_end(sock)
        sender.join(HUNG)
        assert not sender.is_alive(), "the server never cut the connection off"
    assert sent < ceiling
    status, answer = _answer(received)
    assert status == 413
    assert answer["field"] == "body"


def test_a_client_trickling_after_its_refusal_is_cut_off(url: str) -> None:
    """A byte now and then keeps no connection open: the server stops reading it, and a
    send fails, long before the client would have given up."""
    with socket.create_connection(_address(url), timeout=HUNG) as sock:
        sock.sendall(
            b"POST /complaints HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000000\r\n\r\n" + CHUNK
        )
        received = _read_to_end(sock)  # the server ended its side: it reads on, for a while
        with pytest.raises((BrokenPipeError, ConnectionResetError)):
            _trickle(sock)
    assert _answer(received)[0] == 413


def _trickle(sock: socket.socket) -> None:
    """Send a byte each ``PAUSE`` for as long as a test waits."""
    for _ in range(int(HUNG / PAUSE)):
        sock.send(b"x")
        time.sleep(PAUSE)


def test_the_bounds_are_the_ones_the_docs_state() -> None:
    docs = " ".join((Path(__file__).parents[2] / "docs" / "intake.md").read_text().split())
    assert f"at most {LINGER_SECONDS:g} seconds and {LINGER_BYTES // 2**20} MiB" in docs


def test_requests_on_a_kept_alive_connection_are_answered_as_before(url: str) -> None:
    host, port = _address(url)
    connection = http.client.HTTPConnection(host, port, timeout=HUNG)
    try:
        for number in range(1, 4):
            body = json.dumps(
                {"external_id": f"KEPT-{number}", "customer": {"id": "c"}, "text": "late"}
            )
            connection.request(
                "POST", "/complaints", body=body, headers={"Content-Type": "application/json"}
            )
            response = connection.getresponse()
            assert response.status == 201, response.read()
            assert json.loads(response.read())["case_id"]
            assert response.getheader("Connection") != "close"
    finally:
        connection.close()


def test_a_closing_answer_to_a_whole_request_ends_the_connection(url: str) -> None:
    """A client that sent all it had gets its answer and then the connection's end."""
    with socket.create_connection(_address(url), timeout=HUNG) as sock:
        sock.sendall(b"GET /openapi.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        received = _read_to_end(sock)
    assert received.split(b" ")[1] == b"200"
