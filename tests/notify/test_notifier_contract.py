"""The notifier contract, run against the webhook notifier and a receiver on localhost."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from complaintkit.notify.signing import DELIVERY_HEADER
from complaintkit.notify.webhook import WebhookNotifier
from complaintkit.testing import NotifierContract
from complaintkit.testing.notifier_contract import Received
from loopback import serving


class Receiver(ThreadingHTTPServer):
    def __init__(self) -> None:
        self.delivery_ids: list[str] = []
        super().__init__(("127.0.0.1", 0), Handler)


class Handler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        self.server.delivery_ids.append(self.headers[DELIVERY_HEADER])
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with serving(Receiver()) as server:
        yield server


class TestWebhookNotifier(NotifierContract):
    @pytest.fixture
    def notifier(self, receiver: Receiver) -> WebhookNotifier:
        return WebhookNotifier(url=f"http://127.0.0.1:{receiver.server_address[1]}/hook")

    @pytest.fixture
    def received(self, receiver: Receiver) -> Received:
        return lambda: list(receiver.delivery_ids)

    @pytest.fixture
    def undeliverable(self) -> WebhookNotifier:
        with socket.socket() as sock:  # a port nothing listens on
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        return WebhookNotifier(url=f"http://127.0.0.1:{port}/hook", timeout=5)
