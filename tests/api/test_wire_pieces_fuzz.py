"""``POST /complaints`` and the form as a hostile client sends them on the wire: in pieces
with pauses past the server's deadlines, framed right, short, long, twice or both ways,
under odd content types, then half-closed or not. Under the server ``serve`` runs, every
answer is below 500, none hangs, nothing is logged as an error, a refused complaint body
(of more than a few bytes) is a dead letter under the request id the answer names, and
a client that half-closed after whole requests gets an answer to each."""

from __future__ import annotations

import logging
import re
import socket
import time
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.api.header_deadline import headers_in_time
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server

GOOD = b'{"external_id":"K-%d","customer":{"id":"c"},"text":"t"}'
bodies = st.one_of(
    st.binary(max_size=200),
    st.sampled_from([GOOD, b'{"text":1}', b"text=hi&contact=a%40b.c", b"\xff\xfe{}", b"x" * 3000]),
)
KINDS = [None, b"application/json", b"text/plain", b"application/x-www-form-urlencoded"]
KINDS += [b"multipart/form-data; boundary=b", b"multipart/form-data", b"application/xml"]
KINDS += [b"application/json; charset=\xff", b"\xe4\xb8\xad"]
FRAMINGS = ["right", "right", "chunked", "short", "long", "two", "same twice", "both", "none"]
#: Refusals whose body is kept by no rule: a head the server could not read, two framings.
UNKEPT = (b"is not HTTP/1.1", b"is sent with Content-Length")


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[Desk, int]]:
    desk = Desk(storage="memory:")
    app = create_app(desk, body_timeout=0.4, max_body=2048, form=True, refusals_kept=1000)
    with desk.storage, running_server(app, http=headers_in_time(0.8)) as url:
        yield desk, int(url.rsplit(":", 1)[1])


def _framed(body: bytes, framing: str) -> tuple[list[bytes], bytes]:
    length = b"Content-Length: %d" % len(body)
    chunks = (b"%x\r\n%s\r\n" % (len(body), body) if body else b"") + b"0\r\n\r\n"
    return {
        "right": ([length], body),
        "none": ([], body),
        "short": ([b"Content-Length: %d" % max(0, len(body) - 3)], body),
        "long": ([b"Content-Length: %d" % (len(body) + 5)], body),
        "two": ([length, b"Content-Length: %d" % (len(body) + 1)], body),
        "same twice": ([length, length], body),
        "both": ([length, b"Transfer-Encoding: chunked"], body),
        "chunked": ([b"Transfer-Encoding: chunked"], chunks),
    }[framing]


def _sent_in_pieces(port: int, raw: bytes, cuts: list[int], pause: float, half: bool) -> bytes:
    pieces, last = [], 0
    for cut in sorted(set(cuts)):
        if cut < len(raw):
            pieces.append(raw[last:cut])
            last = cut
    pieces.append(raw[last:])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
        try:
            for piece in pieces:
                client.sendall(piece)
                time.sleep(pause)
            if half:
                client.shutdown(socket.SHUT_WR)
        except OSError:  # the server closed it first (its deadline passed): read why
            pass
        answer = b""
        while chunk := client.recv(65536):  # a hang is a TimeoutError, failing the test
            answer += chunk
    return answer


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    path=st.sampled_from([b"/complaints", b"/", b"/complaints?x=%FF"]),
    body=bodies,
    kind=st.sampled_from(KINDS),
    framing=st.sampled_from(FRAMINGS),
    cuts=st.lists(st.integers(1, 400), max_size=4),
    pause=st.sampled_from([0, 0.01, 0.3]),
    half=st.booleans(),
    close=st.booleans(),
    serial=st.uuids(),
)
def test_a_complaint_in_pieces_is_answered_below_500_and_kept_when_refused(
    served: tuple[Desk, int],
    caplog: pytest.LogCaptureFixture,
    path: bytes,
    body: bytes,
    kind: bytes | None,
    framing: str,
    cuts: list[int],
    pause: float,
    half: bool,
    close: bool,
    serial: object,
) -> None:
    desk, port = served
    body = GOOD % hash(serial) if body == GOOD else body
    framed, payload = _framed(body, framing)
    lines = [b"POST " + path + b" HTTP/1.1", b"Host: x", *framed]
    lines += [b"Content-Type: " + kind] if kind is not None else []
    lines += [b"Connection: close"] if close else []
    with caplog.at_level(logging.ERROR):
        answer = _sent_in_pieces(
            port, b"\r\n".join(lines) + b"\r\n\r\n" + payload, cuts, pause, half
        )
    statuses = re.findall(rb"HTTP/1\.1 (\d{3}) ", answer)
    assert all(int(status) < 500 for status in statuses), answer[:600]
    assert b"Traceback" not in answer
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    sent_in_time = pause * (len(set(cuts)) + 1) < 0.3  # well within both deadlines
    if half and framing in ("right", "chunked") and sent_in_time:
        assert len(statuses) == 1, answer[:600]  # one whole request, one answer
    if not statuses:
        return  # no request arrived whole before its deadline: no one to answer
    head, _, content = answer.partition(b"\r\n\r\n")
    found = re.search(rb"x-request-id: (\w+)", head.lower())
    assert found is not None, head
    refused = statuses[0][:1] == b"4" and statuses[0] not in (b"404", b"405")
    unkept = any(why in content for why in UNKEPT)
    if path.startswith(b"/complaints") and refused and len(body) > 3 and not unkept:
        request_id = found.group(1).decode()
        assert any(request_id in letter.source for letter in desk.storage.dead_letters())
