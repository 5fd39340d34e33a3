"""A connection that sends no request, or its headers a byte at a time, is closed once
``header_timeout`` seconds pass (as ``complaintkit serve`` runs uvicorn), not held open for
ever; a request whose headers arrive in time is answered as usual, and one connection
takes request after request."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import uvicorn
from click.testing import CliRunner
from starlette.applications import Starlette

from complaintkit.api.app import create_app
from complaintkit.api.body_deadline import BodyDeadline
from complaintkit.api.header_deadline import headers_in_time
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.errors import ConfigError
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.server import running_server

PATIENCE = 0.3
HUNG = 20.0


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Desk]]:
    with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as storage:
        desk = Desk(storage=storage)
        with running_server(create_app(desk), http=headers_in_time(PATIENCE)) as url:
            yield url, desk


def closed_after(url: str, sent: bytes) -> bytes:
    """All the server sends on a connection given ``sent`` and then nothing, until it closes
    the connection; a test hung past ``HUNG`` seconds fails on the socket's timeout."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=HUNG) as sock:
        sock.sendall(sent)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    return received


@pytest.mark.parametrize(
    "sent",
    [b"", b"POST /complaints HTTP/1.1\r\nHost: x\r\n", b"GET /status/x HTTP/1.1\r\nHo"],
)
def test_a_connection_whose_headers_never_end_is_closed(
    served: tuple[str, Desk], sent: bytes
) -> None:
    url, desk = served
    assert closed_after(url, sent) == b""
    assert desk.storage.dead_letters() == []


def test_requests_in_time_are_answered_one_after_another(served: tuple[str, Desk]) -> None:
    url, desk = served
    body = json.dumps({"external_id": "K-1", "customer": {"id": "c"}, "text": "漏水"}).encode()
    request = (
        b"POST /complaints HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    )
    received = closed_after(url, request + request)
    assert received.count(b"HTTP/1.1 20") == 2
    assert desk.storage.find_by_key("http", "K-1") is not None


@pytest.mark.parametrize("seconds", [0, -1, float("nan"), "10"])
def test_a_header_timeout_that_is_no_number_of_seconds_is_a_config_error(seconds: object) -> None:
    with pytest.raises(ConfigError, match="header_timeout"):
        headers_in_time(seconds)  # type: ignore[arg-type]


def test_serve_runs_uvicorn_with_both_deadlines(monkeypatch: pytest.MonkeyPatch) -> None:
    """``complaintkit serve`` hands uvicorn the protocol with the header deadline and the
    app the body deadline (the server is stopped before it listens)."""
    seen: list[uvicorn.Config] = []

    def run(server: uvicorn.Server, sockets: object = None) -> None:
        seen.append(server.config)

    monkeypatch.setattr(uvicorn.Server, "run", run)
    arguments = ["--db", "memory:", "serve", "--port", "0", "--header-timeout", "2.5"]
    result = CliRunner().invoke(build_cli(), [*arguments, "--body-timeout", "7"])
    (config,) = seen
    assert getattr(config.http, "seconds", None) == 2.5
    assert "did not start" in result.output
    assert isinstance(config.app, Starlette)
    middleware = config.app.user_middleware
    deadlines = [m for m in middleware if getattr(m.cls, "__name__", "") == BodyDeadline.__name__]
    assert [m.kwargs["seconds"] for m in deadlines] == [7.0]
