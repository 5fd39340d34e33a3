"""The webhook notifier against a real receiver on localhost: signature, retries, dead letter."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from complaintkit.clock import ManualClock
from complaintkit.notify.base import Message
from complaintkit.notify.outbox import Delivery, Outbox
from complaintkit.notify.signing import HEADER, verify
from complaintkit.notify.webhook import DeliveryFailed, WebhookNotifier
from complaintkit.storage.memory import MemoryStorage

SECRET = "s3cret-webhook-key"


class Receiver(ThreadingHTTPServer):
    """Answers the first ``failures`` requests with 503, then 204; keeps what arrived."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.requests: list[tuple[bytes, str | None]] = []
        super().__init__(("127.0.0.1", 0), Handler)


class Handler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.requests.append((body, self.headers.get(HEADER)))
        failing = len(self.server.requests) <= self.server.failures
        self.send_response(503 if failing else 204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def receiver(request: pytest.FixtureRequest) -> Iterator[Receiver]:
    server = Receiver(getattr(request, "param", 0))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def url(server: Receiver) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/hook"


MESSAGE = Message(
    to="ops", subject="案件升级", body="CK-1 已超时", case_id="CK-1", event="escalated"
)


def test_post_is_signed_json(receiver: Receiver) -> None:
    WebhookNotifier(url=url(receiver), secret=SECRET).send(MESSAGE)
    ((body, signature),) = receiver.requests
    assert verify(SECRET, body, signature)
    assert json.loads(body)["subject"] == "案件升级"


@pytest.mark.parametrize("receiver", [2], indirect=True)
def test_failures_are_retried_with_exponential_backoff(receiver: Receiver) -> None:
    waits: list[float] = []
    notifier = WebhookNotifier(
        url=url(receiver), secret=SECRET, retries=3, backoff=0.5, sleep=waits.append
    )
    notifier.send(MESSAGE)
    assert len(receiver.requests) == 3
    assert waits == [0.5, 1.0]


@pytest.mark.parametrize("receiver", [99], indirect=True)
def test_last_failure_becomes_a_dead_letter(receiver: Receiver) -> None:
    waits: list[float] = []
    notifier = WebhookNotifier(url=url(receiver), retries=2, backoff=1, sleep=waits.append)
    with pytest.raises(DeliveryFailed, match="3 attempts; last: HTTP 503"):
        notifier.send(MESSAGE)
    storage = MemoryStorage()
    outbox = Outbox(storage, ManualClock(datetime(2026, 11, 23, tzinfo=UTC)))
    outbox.submit(Delivery("ops-hook", notifier, MESSAGE))
    outbox.flush()
    (letter,) = storage.dead_letters()
    assert letter.source == "notify:ops-hook"
    assert "HTTP 503" in letter.reason
    assert json.loads(letter.raw)["case_id"] == "CK-1"
    assert waits == [1, 2, 1, 2]
