"""A 2xx that arrives as the attempt's time runs out is an answer. The notifier asked the
watchdog after the answer was read whether time had run out, and took a yes for silence:
the delivery was retried and the receiver got the same ``X-Complaintkit-Delivery`` twice.
The watchdog is replaced by one whose time runs out exactly when the receiver answers."""

from __future__ import annotations

from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from complaintkit.notify import http_deadline, webhook
from complaintkit.notify.base import Message
from complaintkit.notify.signing import DELIVERY_HEADER
from complaintkit.notify.webhook import WebhookNotifier
from loopback import serving


class RunsOutWhenAnswered(http_deadline.Watchdog):
    """A watchdog whose timer never fires; the receiver says when its time ran out."""

    def __enter__(self) -> RunsOutWhenAnswered:
        entered.append(self)
        return self


#: The watchdogs of this test's attempts.
entered: list[RunsOutWhenAnswered] = []


class Receiver(ThreadingHTTPServer):
    def __init__(self) -> None:
        self.delivery_ids: list[str | None] = []
        super().__init__(("127.0.0.1", 0), Handler)


class Handler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        self.server.delivery_ids.append(self.headers[DELIVERY_HEADER])
        for watchdog in entered:
            watchdog.expired = True  # the time ran out, but the answer is on its way
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def receiver(monkeypatch: pytest.MonkeyPatch) -> Iterator[Receiver]:
    monkeypatch.setattr(webhook, "Watchdog", RunsOutWhenAnswered)
    entered.clear()
    with serving(Receiver()) as server:
        yield server


def test_an_answer_arriving_as_the_time_runs_out_is_delivered(receiver: Receiver) -> None:
    notifier = WebhookNotifier(url=f"http://127.0.0.1:{receiver.server_address[1]}/hook")
    notifier.send(Message(to="ops", subject="s", body="b", delivery_id="d-1"))
    assert receiver.delivery_ids == ["d-1"]
    (watchdog,) = entered
    assert watchdog.expired  # the case this test is about did happen
