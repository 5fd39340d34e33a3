"""A delivery id unfit for a header (one holding CR/LF or a character that is not ASCII, from
an outbox edited by hand) made http.client raise ValueError inside the webhook notifier: not
a ``DeliveryFailed``, so the worker retried it to its last attempt, failing each time the
same way. The header is left out, as the SMTP notifier leaves it out of the e-mail; the
body still carries the id as it was stored."""

from __future__ import annotations

import json
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.notify.base import Message
from complaintkit.notify.signing import DELIVERY_HEADER
from complaintkit.notify.smtp import SmtpNotifier
from complaintkit.notify.webhook import WebhookNotifier
from loopback import serving


class Receiver(ThreadingHTTPServer):
    def __init__(self) -> None:
        self.requests: list[tuple[bytes, dict[str, str]]] = []
        super().__init__(("127.0.0.1", 0), Handler)


class Handler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.requests.append((body, dict(self.headers.items())))
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def receiver() -> Iterator[Receiver]:
    with serving(Receiver()) as server:
        yield server


def post(receiver: Receiver, delivery_id: str) -> tuple[dict[str, object], dict[str, str]]:
    receiver.requests.clear()
    notifier = WebhookNotifier(url=f"http://127.0.0.1:{receiver.server_address[1]}/hook")
    notifier.send(Message(to="ops", subject="s", body="b", delivery_id=delivery_id))
    ((body, headers),) = receiver.requests
    return json.loads(body), headers


@pytest.mark.parametrize("delivery_id", ["d-1\r\nX-Forged: yes", "d-1\n", "投诉-1", "d 1"])
def test_an_id_unfit_for_a_header_is_posted_without_it(
    receiver: Receiver, delivery_id: str
) -> None:
    body, headers = post(receiver, delivery_id)
    assert DELIVERY_HEADER not in headers
    assert "X-Forged" not in headers
    assert body["delivery_id"] == delivery_id


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(delivery_id=st.text(max_size=40))
def test_the_header_is_sent_exactly_when_smtp_sends_it(
    receiver: Receiver, delivery_id: str
) -> None:
    body, headers = post(receiver, delivery_id)
    mail = SmtpNotifier(sender="care@shop.example").email(
        Message(to="c@example.com", subject="s", body="b", delivery_id=delivery_id)
    )
    assert headers.get(DELIVERY_HEADER) == mail[DELIVERY_HEADER]
    assert body["delivery_id"] == delivery_id
