"""A request whose chunked body breaks off, sent to an endpoint that answers without
reading its body (a page, ``/openapi.json``, a refusal of its headers): the server's parser
answers the 400 as the chunks break, and the application's own answer, a moment later,
met a connection already answered. uvicorn raised ``LocalProtocolError`` into the
application and logged a traceback, "Exception in ASGI application", for every such
request: a client could fill the error log at will. The application's late answer is
dropped as one to a client gone; the 400 stands."""

from __future__ import annotations

import json
import logging
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any
from urllib.parse import urlsplit

import pytest

from complaintkit.api.app import create_app
from complaintkit.api.header_deadline import headers_in_time
from complaintkit.desk import Desk
from complaintkit.testing.server import running_server
from complaintkit.testing.storage_contract import make_complaint

AGENT = "agent-token-0123456789"
BROKEN = b"Transfer-Encoding: chunked\r\n\r\n--XX\r\nabc\r\n\r\n"
#: Requests answered without their body being read, each with chunks that break off.
UNREAD = {
    "the API's description": b"GET /openapi.json HTTP/1.1\r\nHost: x\r\n",
    "a status page": b"GET /status/TOKEN HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\n",
    "a step without a token": b"POST /cases/CASE/respond HTTP/1.1\r\nHost: x\r\n",
    "a length beside the chunks": (
        b"POST /complaints HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 12\r\n"
    ),
}


class Watched:
    """The app, each call's end and anything it raised kept for the test to look at."""

    def __init__(self, app: Any) -> None:
        self.app, self.ended = app, threading.Semaphore(0)
        self.raised: list[BaseException] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        try:
            await self.app(scope, receive, send)
        except BaseException as exc:
            self.raised.append(exc)
            raise
        finally:
            if scope["type"] == "http":
                self.ended.release()


class Kept(logging.Handler):
    """Keeps every record of error level or above."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _logged() -> Iterator[Kept]:
    """What the server and its event loop log meanwhile (uvicorn's loggers propagate to
    no root handler a test could read)."""
    kept = Kept()
    loggers = [logging.getLogger(name) for name in ("uvicorn.error", "asyncio")]
    for logger in loggers:
        logger.addHandler(kept)
    try:
        yield kept
    finally:
        for logger in loggers:
            logger.removeHandler(kept)


@contextmanager
def _served() -> Iterator[tuple[str, Watched, dict[bytes, bytes]]]:
    desk = Desk()
    case = desk.intake(make_complaint("BC1"))
    watched = Watched(create_app(desk, agent_tokens={AGENT: "li.na"}))
    names = {b"TOKEN": case.status_token.encode(), b"CASE": case.id.encode()}
    with running_server(watched, http=headers_in_time()) as url:
        yield url, watched, names


def _exchange(url: str, request: bytes) -> bytes:
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        with suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(request)
        received = b""
        with suppress(ConnectionResetError):
            while chunk := sock.recv(65536):
                received += chunk
    return received


@pytest.mark.parametrize("name", sorted(UNREAD))
def test_an_answer_after_the_parsers_refusal_raises_nothing(name: str) -> None:
    with _served() as (url, watched, names), _logged() as kept:
        head = UNREAD[name]
        for placeholder, value in names.items():
            head = head.replace(placeholder, value)
        received = _exchange(url, head + BROKEN)
        assert watched.ended.acquire(timeout=30)  # the application has answered too
        # one more request, answered once the server is done with the first (one loop)
        assert _exchange(url, b"GET /openapi.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert watched.raised == []
        assert [r.getMessage() for r in kept.records] == []
        status_line, _, rest = received.partition(b"\r\n")
        assert status_line.split(b" ")[1] == b"400"
        assert "request_id" in json.loads(rest.partition(b"\r\n\r\n")[2])


#: Requests whose broken chunks nothing keeps: only a complaint posted to /complaints is.
NOT_KEPT = {
    "an answer to an offer": (
        b"POST /status/TOKEN/offers/comp-1 HTTP/1.1\r\nHost: x\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\n"
    ),
    "an agent's step": (
        b"POST /cases/CASE/respond HTTP/1.1\r\nHost: x\r\n"
        b"Authorization: Bearer " + AGENT.encode() + b"\r\nContent-Type: application/json\r\n"
    ),
    "the API's description": UNREAD["the API's description"],
}
#: A first chunk that arrives whole, then one whose size is no number.
BREAKING = b"Transfer-Encoding: chunked\r\n\r\n6\r\nanswer\r\nzz\r\n"


@pytest.mark.parametrize("name", sorted(NOT_KEPT))
def test_the_refusal_promises_a_dead_letter_only_of_a_complaint(name: str) -> None:
    """The 400 said "what arrived is kept as a dead letter" of every request; only
    ``POST /complaints`` keeps one: an agent or a customer told theirs was kept would
    not send it again."""
    with _served() as (url, watched, names):
        head = NOT_KEPT[name]
        for placeholder, value in names.items():
            head = head.replace(placeholder, value)
        received = _exchange(url, head + BREAKING)
        assert watched.ended.acquire(timeout=30)
        _exchange(url, b"GET /openapi.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        error = json.loads(received.partition(b"\r\n\r\n")[2])["error"]
        assert "POST /complaints" in error
        assert "send it again" in error
