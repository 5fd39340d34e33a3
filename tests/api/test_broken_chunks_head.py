"""A ``HEAD`` request whose chunked body breaks off. The parser's 400 was sent with the
JSON error as its body, and h11 refuses any body in the answer to a ``HEAD``: the protocol
raised, asyncio logged "Fatal error: protocol.data_received() call failed" with a
traceback for each such request (a client could fill the error log at will), and the
connection was cut. The 400 to a ``HEAD`` now goes without a body, as HTTP says."""

from __future__ import annotations

import logging
import socket

import pytest

from complaintkit.api.app import create_app
from complaintkit.api.header_deadline import headers_in_time
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server

BROKEN = b" HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n"


def _answer(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
        client.sendall(request)
        answer = b""
        while chunk := client.recv(65536):
            answer += chunk
    return answer


@pytest.mark.parametrize("path", [b"/complaints", b"/openapi.json", b"/status/x"])
def test_a_head_with_broken_chunks_is_a_bodiless_400_and_no_traceback(
    path: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    desk = Desk(storage="memory:")
    with (
        caplog.at_level(logging.ERROR),
        running_server(create_app(desk), http=headers_in_time(5)) as url,
    ):
        answer = _answer(int(url.rsplit(":", 1)[1]), b"HEAD " + path + BROKEN)
        later = _answer(int(url.rsplit(":", 1)[1]), b"GET " + path + BROKEN)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400 ")
    assert b"x-request-id: " in head
    assert body == b""
    assert later.startswith(b"HTTP/1.1 400 ")
    assert b'"request_id"' in later  # a GET's 400 still says why, in JSON
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
