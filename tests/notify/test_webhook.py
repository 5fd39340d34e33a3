"""The webhook notifier against a real receiver on localhost: signature, delivery id, and
which failures are worth retrying."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import Message as Headers
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.desk import Desk
from complaintkit.desk.context import PluginContext
from complaintkit.errors import ConfigError
from complaintkit.model.events import GENESIS, CaseEvent
from complaintkit.notify.base import Message
from complaintkit.notify.signing import (
    DELIVERY_HEADER,
    HEADER,
    TIMESTAMP_HEADER,
    request_problem,
    verify,
)
from complaintkit.notify.webhook import WebhookNotifier, retry_after
from loopback import serving

SECRET = "s3cret-webhook-key"


class Receiver(ThreadingHTTPServer):
    """Answers each request with the next of ``answers`` (status, headers), then 204;
    keeps the body and headers of what arrived."""

    def __init__(self, answers: list[tuple[int, dict[str, str]]]) -> None:
        self.answers = list(answers)
        self.requests: list[tuple[bytes, dict[str, str]]] = []
        super().__init__(("127.0.0.1", 0), Handler)


class Handler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.requests.append((body, dict(self.headers.items())))
        status, headers = self.server.answers.pop(0) if self.server.answers else (204, {})
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()

    def do_GET(self) -> None:  # what a followed redirect would turn the POST into
        self.server.requests.append((b"", dict(self.headers.items())))
        self.send_response(200)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def receiver(request: pytest.FixtureRequest) -> Iterator[Receiver]:
    with serving(Receiver(getattr(request, "param", []))) as server:
        yield server


def url(server: Receiver) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/hook"


MESSAGE = Message(
    to="ops",
    subject="案件升级",
    body="CK-1 已超时",
    case_id="CK-1",
    event="escalated",
    delivery_id="d-1",
)


def test_post_is_signed_json_carrying_the_delivery_id(receiver: Receiver) -> None:
    sent_at = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    context = PluginContext(Desk(clock=ManualClock(sent_at)))
    WebhookNotifier(url=url(receiver), secret=SECRET, context=context).send(MESSAGE)
    ((body, headers),) = receiver.requests
    assert headers[TIMESTAMP_HEADER] == str(int(sent_at.timestamp()))
    stamp, signature = headers[TIMESTAMP_HEADER], headers[HEADER]
    assert request_problem(SECRET, body, signature, stamp, sent_at) is None
    # the body alone no longer verifies, and a capture replayed an hour later is refused
    assert not verify(SECRET, body, signature)
    replayed = request_problem(SECRET, body, signature, stamp, sent_at + timedelta(hours=1))
    assert replayed is not None
    assert replayed[0] == TIMESTAMP_HEADER
    assert request_problem(SECRET, body + b" ", signature, stamp, sent_at) is not None
    assert headers[DELIVERY_HEADER] == "d-1"
    assert json.loads(body)["subject"] == "案件升级"
    assert json.loads(body)["delivery_id"] == "d-1"


def test_publish_posts_the_event_with_its_delivery_id(receiver: Receiver) -> None:
    event = CaseEvent.chained(
        case_id="CK-1",
        seq=1,
        kind="noted",
        at=datetime(2026, 11, 23, tzinfo=UTC),
        actor="li",
        reason="",
        data={"text": "x"},
        prev_hash=GENESIS,
    )
    WebhookNotifier(url=url(receiver)).publish(event, "d-2")
    ((body, headers),) = receiver.requests
    assert headers[DELIVERY_HEADER] == "d-2"
    assert json.loads(body) == {"delivery_id": "d-2", "event": event.to_json()}


@pytest.mark.parametrize(
    ("receiver", "final"),
    [
        ([(status, {})], status in (400, 401, 404, 410))
        for status in (503, 408, 429, 500, 400, 401, 404, 410)
    ],
    indirect=["receiver"],
)
def test_a_4xx_other_than_408_and_429_is_final(receiver: Receiver, final: bool) -> None:
    with pytest.raises(DeliveryFailed) as caught:
        WebhookNotifier(url=url(receiver)).send(MESSAGE)
    assert caught.value.final is final


@pytest.mark.parametrize("receiver", [[(429, {"Retry-After": "120"})]], indirect=True)
def test_retry_after_in_seconds_is_passed_on(receiver: Receiver) -> None:
    with pytest.raises(DeliveryFailed) as caught:
        WebhookNotifier(url=url(receiver)).send(MESSAGE)
    assert caught.value.retry_after == timedelta(seconds=120)


@pytest.mark.parametrize(
    "receiver", [[(503, {"Retry-After": "Wed, 25 Nov 2026 07:28:00 GMT"})]], indirect=True
)
def test_retry_after_as_a_date_is_passed_on(receiver: Receiver) -> None:
    with pytest.raises(DeliveryFailed) as caught:
        WebhookNotifier(url=url(receiver)).send(MESSAGE)
    assert caught.value.retry_after == datetime(2026, 11, 25, 7, 28, tzinfo=UTC)


@pytest.mark.parametrize(
    "receiver",
    [[(status, {"Location": "/elsewhere"})] for status in (301, 302, 303, 307, 308)],
    indirect=True,
)
def test_a_redirect_is_not_followed_and_not_delivery(receiver: Receiver) -> None:
    """urllib would follow a 301-303 as a GET without the body: the message never arrives."""
    with pytest.raises(DeliveryFailed, match=r"HTTP 30\d") as caught:
        WebhookNotifier(url=url(receiver)).send(MESSAGE)
    assert caught.value.final is False
    assert len(receiver.requests) == 1  # the POST, and nothing sent to /elsewhere


def test_no_answer_is_a_failure_worth_retrying() -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(DeliveryFailed, match="no answer") as caught:
        WebhookNotifier(url=f"http://127.0.0.1:{port}/hook", timeout=5).send(MESSAGE)
    assert caught.value.final is False


def test_a_non_http_url_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="not an http"):
        WebhookNotifier(url="file:///etc/passwd")


@given(st.text(max_size=40) | st.sampled_from(["²", "9" * 5000, "Wed, 25 Nov 99999 07:28:00 GMT"]))
def test_any_retry_after_header_is_a_wait_an_instant_or_nothing(value: str) -> None:
    headers = Headers()
    headers["Retry-After"] = value
    wish = retry_after(headers)
    assert wish is None or isinstance(wish, timedelta) or wish.tzinfo is not None


@pytest.mark.parametrize("receiver", [[(304, {})], [(300, {})]], indirect=True)
def test_a_3xx_without_a_location_is_not_called_a_redirect_to_none(receiver: Receiver) -> None:
    with pytest.raises(DeliveryFailed, match=r"HTTP 30\d") as caught:
        WebhookNotifier(url=url(receiver)).send(MESSAGE)
    assert "None" not in str(caught.value)
