"""Every route as a hostile client may write it on the wire, below what an HTTP library
lets through: any method, paths holding a percent-encoded NUL, overlong UTF-8 (``%C0%AE``),
``../`` and stray ``%``; queries of any bytes; headers huge, repeated, beyond ASCII;
a ``Content-Length`` short, long, not a number, past any integer or given twice; chunks
whose sizes are no hex; both framings at once. Under the server ``serve`` runs (its h11
protocol with the API's JSON refusals), every request gets one answer below 500 with its
request id, no traceback in it, a JSON 422 names its field, and nothing is logged as an
error."""

from __future__ import annotations

import json
import logging
import re
import socket
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.api.header_deadline import headers_in_time
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server

AGENT = "agent-token-0123456789"
RECEIVED = datetime(2026, 12, 1, 4, 0, tzinfo=UTC)
NASTY = ["%00", "%C0%AE%C0%AE/", "../", "..%2F..%2F", "%FF%FE", "//", "%", "%zz", "%2e%2e"]
NASTY += [";x=1", "%E3%80%82", "/", "a" * 3000]
HEADER_NAMES = [
    *("Content-Type", "Accept", "Accept-Language", "X-Forwarded-For", "Authorization"),
    *("Idempotency-Key", "If-Match", "X-Complaintkit-Signature", "X-Complaintkit-Timestamp"),
    *("Content-Encoding", "Cookie", "Expect", "Range", "Origin", "X-Request-Id"),
]
KNOWN_VALUES = [
    *(b"application/json", b"application/json; charset=utf-16", b"text/html", b"*/*;q=0"),
    *(b"zh", b"Bearer " + AGENT.encode(), b"application/x-www-form-urlencoded"),
    *(b"multipart/form-data; boundary=B", b"gzip", b"100-continue", b"\xe4\xb8\xad"),
    *(b"1.2.3.4, evil", b'"1", W/"2"', b"sha256=00"),
]
values = st.one_of(
    st.binary(max_size=40).map(lambda b: bytes(c for c in b if c >= 0x20 and c != 0x7F)),
    st.sampled_from(KNOWN_VALUES),
    st.integers(1_000, 20_000).map(lambda n: b"x" * n),
)
bodies = st.one_of(
    st.binary(max_size=300),
    st.sampled_from(
        [
            b'{"external_id":"K","customer":{"id":"c"},"text":"t"}',
            *(b'{"message":"hi"}', b'{"to":"closed"}', b"answer=accept"),
            *(b"[" * 2000, b'{"a":' * 500, b'{"answer":"accept"}'),
        ]
    ),
)
FRAMINGS = ["right"] * 5 + ["chunked"] * 3 + ["none"] * 2
FRAMINGS += ["short", "long", "junk", "huge", "two", "broken chunks", "both"]


def _framed(body: bytes, framing: str) -> tuple[list[bytes], bytes]:
    """The framing headers and the bytes after the headers."""
    length = b"Content-Length: %d" % len(body)
    chunks = (b"%x\r\n%s\r\n" % (len(body), body) if body else b"") + b"0\r\n\r\n"
    return {
        "right": ([length], body),
        "none": ([], body),
        "short": ([b"Content-Length: %d" % max(0, len(body) - 3)], body),
        "long": ([b"Content-Length: %d" % (len(body) + 7)], body),
        "junk": ([b"Content-Length: 12abc"], body),
        "huge": ([b"Content-Length: " + b"9" * 30], body),
        "two": ([length, b"Content-Length: %d" % (len(body) + 1)], body),
        "chunked": ([b"Transfer-Encoding: chunked"], chunks),
        "broken chunks": ([b"Transfer-Encoding: chunked"], b"zz\r\n" + body + b"\r\n"),
        "both": ([length, b"Transfer-Encoding: chunked"], body),
    }[framing]


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[int, list[str]]]:
    """The port of a server as ``serve`` runs it, and its routes' paths."""
    desk = Desk(storage="memory:")
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "W-1",
            "customer": {"id": "c-1"},
            "text": "the milk was sour",
            "received_at": RECEIVED.isoformat(),
        }
    )
    token, case_id = case.status_token, case.id
    routes = ["/", "/complaints", f"/status/{token}", f"/status/{token}/offers/comp-1"]
    routes += [f"/cases/{case_id}", *(f"/cases/{case_id}/{step}" for step in ("respond", "note"))]
    routes += [f"/cases/{case_id}/transition", "/events", "/openapi.json", "/status/x"]
    app = create_app(desk, agent_tokens={AGENT: "li.na"}, body_timeout=0.5, max_body=4096)
    with desk.storage, running_server(app, http=headers_in_time(5)) as url:
        yield int(url.rsplit(":", 1)[1]), routes


def _exchange(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=15) as client:
        client.sendall(request)
        answer = b""
        while chunk := client.recv(65536):
            answer += chunk
    return answer


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "FOO"]),
    route=st.integers(0, 10),
    tail=st.sampled_from(["", *NASTY]),
    query=st.binary(max_size=30),
    headers=st.lists(st.tuples(st.sampled_from(HEADER_NAMES), values), max_size=8),
    body=bodies,
    framing=st.sampled_from(FRAMINGS),
)
def test_any_request_on_the_wire_gets_one_answer_below_500_naming_what_is_wrong(
    served: tuple[int, list[str]],
    caplog: pytest.LogCaptureFixture,
    method: str,
    route: int,
    tail: str,
    query: bytes,
    headers: list[tuple[str, bytes]],
    body: bytes,
    framing: str,
) -> None:
    port, routes = served
    target = (routes[route] + tail).encode() + b"?" + bytes(c for c in query if c > 0x20)
    framed, payload = _framed(body, framing)
    lines = [method.encode() + b" " + target + b" HTTP/1.1", b"Host: 127.0.0.1"]
    lines += [name.encode() + b": " + value for name, value in headers]
    lines += [*framed, b"Connection: close"]
    with caplog.at_level(logging.ERROR):
        answer = _exchange(port, b"\r\n".join(lines) + b"\r\n\r\n" + payload)
    head, _, content = answer.partition(b"\r\n\r\n")
    status = re.match(rb"HTTP/1\.1 (\d{3}) ", head)
    assert status is not None, answer[:300]
    assert int(status.group(1)) < 500, answer[:600]
    assert b"x-request-id: " in head.lower(), head
    assert b"Traceback" not in content
    if status.group(1) == b"422" and b"application/json" in head:
        assert "field" in json.loads(content), content
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
