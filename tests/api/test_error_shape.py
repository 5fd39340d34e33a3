"""Every JSON error the API sends has the shape its OpenAPI document and docs name:
``error``, ``field`` and ``request_id``, ``field`` naming the part of the request at fault
(``path`` for an unknown endpoint, ``method`` for one the path does not take, ``headers``
for a head the server could not read) — not left out for some statuses, so a client reads
one shape for every refusal."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator

import pytest

from complaintkit.api.app import create_app
from complaintkit.api.header_deadline import headers_in_time
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    desk = Desk(storage="memory:")
    app = create_app(desk, agent_tokens={"agent-token-0123456789": "li.na"})
    with desk.storage, running_server(app, http=headers_in_time(5)) as url:
        yield int(url.rsplit(":", 1)[1])


def _refusal(port: int, request: bytes) -> tuple[int, dict[str, object]]:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
        client.sendall(request)
        answer = b""
        while chunk := client.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    parsed: dict[str, object] = json.loads(body)
    return status, parsed


@pytest.mark.parametrize(
    ("request_bytes", "status", "field"),
    [
        (b"GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 404, "path"),
        (b"GET /complaints/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 404, "path"),
        (b"DELETE /complaints HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 405, "method"),
        (b"GET /openapi.json HTTP/1.1\r\nBad Header: x\r\n\r\n", 400, "headers"),
        (b"NOT HTTP AT ALL\r\n\r\n", 400, "headers"),
    ],
)
def test_every_refusal_names_its_field(
    port: int, request_bytes: bytes, status: int, field: str
) -> None:
    answered, body = _refusal(port, request_bytes)
    assert answered == status
    assert body["field"] == field
    assert isinstance(body["error"], str)
    assert isinstance(body["request_id"], str)


def test_a_broken_chunk_names_the_body(port: int) -> None:
    answered, body = _refusal(
        port,
        b"POST /complaints HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
    )
    assert (answered, body["field"]) == (400, "body")


def test_the_openapi_error_schema_requires_the_field(port: int) -> None:
    _, document = _refusal(
        port, b"GET /openapi.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    schemas = document["components"]["schemas"]  # type: ignore[index]
    assert set(schemas["Error"]["required"]) == {"error", "field", "request_id"}
