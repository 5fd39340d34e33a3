"""A request whose line or headers the server cannot parse was answered "its request line
or a header is malformed, or its headers are too long", naming neither the line nor what
was wrong: a client's author had a request of forty headers to search. The 400 now names
the first line the parser refuses — its number, its start — and what to mend in it, or what
only the whole head shows (no Host, two lengths). The parser's own words are never shown,
so nothing here reads them: a head the parser refuses is always named, one it takes never
is."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import h11
import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.api.malformed_head import first_fault
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server

REQUEST = b"POST /complaints HTTP/1.1"
LINES = [REQUEST, b"Host: shop.example", b"Content-Type: application/json", b"Content-Length: 2"]


def head(lines: list[bytes]) -> bytes:
    return b"\r\n".join(lines) + b"\r\n\r\n"


def parsed(sent: bytes) -> bool:
    """Whether the server's parser reads ``sent`` as a request."""
    connection = h11.Connection(h11.SERVER)
    connection.receive_data(sent)
    try:
        return isinstance(connection.next_event(), h11.Request)
    except h11.RemoteProtocolError:
        return False


@pytest.mark.parametrize(
    ("replaced", "line", "named"),
    [
        (
            0,
            b"POST  /complaints HTTP/1.1",
            "line 1 (POST  /complaints HTTP/1.1) is no request line",
        ),
        (
            0,
            b"P\xc3\x96ST /complaints HTTP/1.1",
            "line 1 (P\\xc3\\x96ST /complaints HTTP/1.1) starts",
        ),
        (0, b"POST /complaints HTTX/1.1", "ends with no version: write HTTP/1.1"),
        (1, b"Host shop.example", "line 2 (Host shop.example) has no colon"),
        (
            2,
            b"Content Type: application/json",
            "line 3 (Content Type: application/json) has a name",
        ),
        (2, b"Content-Type : application/json", "has a blank before its colon"),
        (2, b": application/json", "has no name before its colon"),
        (1, b" Host: shop.example", "line 2 ( Host: shop.example) begins with a blank"),
        (3, b"Content-Length: -2", "line 4 (Content-Length: -2) gives a Content-Length"),
        (3, b"Content-Length: 2\x00", "has a value holding a character no header may"),
        (3, b"Transfer-Encoding: gzip", "gives a Transfer-Encoding other than chunked"),
        (1, b"X-Trace: 1", "its headers name no Host"),
        (3, b"Host: other.example", "its headers name the Host twice"),
    ],
)
def test_the_first_refused_line_is_named(replaced: int, line: bytes, named: str) -> None:
    lines = [*LINES]
    lines[replaced] = line
    assert not parsed(head(lines))
    fault = first_fault(head(lines))
    assert fault is not None
    assert named in fault


def test_a_long_line_is_shown_by_its_start() -> None:
    fault = first_fault(head([REQUEST, LINES[1], b"Cookie: " + b"a" * 50_000 + b"\x00"]))
    assert fault is not None
    assert fault.startswith("line 3 (Cookie: aaaa")
    assert "(50,009 bytes)" in fault
    assert len(fault) < 300


def test_a_fault_after_a_hundred_headers_is_told_so() -> None:
    fault = first_fault(head([REQUEST, LINES[1], *[b"A: 1"] * 3000, b"B"]))
    assert fault == "one of its headers after the first 100 is refused (it sent 3,002)"
    assert first_fault(head([REQUEST, LINES[1], *[b"A: 1"] * 98, b"B"])) is not None
    assert "line 101 (B)" in str(first_fault(head([REQUEST, LINES[1], *[b"A: 1"] * 98, b"B"])))


def test_a_head_the_parser_takes_names_nothing() -> None:
    assert parsed(head(LINES))
    assert first_fault(head(LINES)) is None
    assert first_fault(head(LINES) + b"{}") is None


def test_a_blank_line_before_the_request_is_named() -> None:
    assert not parsed(b"\r\n" + head(LINES))
    fault = first_fault(b"\r\n" + head(LINES))
    assert fault is not None
    assert fault.startswith("line 1 is empty")


@given(
    st.lists(
        st.binary(max_size=40).filter(lambda b: b"\n" not in b),
        min_size=0,
        max_size=4,
    ),
    st.integers(min_value=0, max_value=4),
    st.booleans(),
)
def test_any_head_the_parser_refuses_is_named_and_none_it_takes(
    extra: list[bytes], at: int, bare_lf: bool
) -> None:
    lines = [*LINES]
    lines[at:at] = extra
    sent = (b"\n" if bare_lf else b"\r\n").join(lines) + b"\r\n\r\n"
    assert (first_fault(sent) is None) == parsed(sent), first_fault(sent)


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with running_server(create_app(Desk())) as served:
        yield served


def answered(url: str, sent: bytes) -> tuple[bytes, dict[str, str]]:
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(sent)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    status, _, rest = received.partition(b"\r\n")
    return status, json.loads(rest.partition(b"\r\n\r\n")[2])


def test_the_server_names_the_line_in_its_answer(url: str) -> None:
    status, answer = answered(url, head([REQUEST, b"Host shop.example", LINES[3]]) + b"{}")
    assert status == b"HTTP/1.1 400 Bad Request"
    assert answer["field"] == "headers"
    assert "line 2 (Host shop.example) has no colon" in answer["error"]
    assert str(answer["error"]).endswith("nothing was read or kept")


def test_a_pipelined_request_is_named_after_the_one_before(url: str) -> None:
    first = b"GET /openapi.json HTTP/1.1\r\nHost: x\r\n\r\n"
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(first + head([REQUEST, b"Host: x", b"Content-Length: many"]))
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    assert received.startswith(b"HTTP/1.1 200 OK")
    assert b"line 3 (Content-Length: many) gives a Content-Length" in received
