"""Receivers that answer anything at all — a webhook's raw HTTP answer of any status line,
headers (a redirect holding the URL's key, a length that lies, a chunked body cut short, a
charset that is not the body's) and bytes; an SMTP server's greeting and replies of any
bytes, or a hang-up at any step — never make an attempt raise anything but
``DeliveryFailed``, whose reason is one line naming the receiver, quoting no key of the
notifier's URL from an HTTP answer (a redirect's target holding it); through
the outbox, the message is delivered, waits for its retry with that reason, or is a dead
letter holding it: nothing is lost (real servers on loopback, answering raw bytes)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from canned_receiver import Receiver, message
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scripted_smtp import HANG_UP, Scripted

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker, Outgoing
from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.base import Message
from complaintkit.notify.smtp import SmtpNotifier
from complaintkit.notify.webhook import WebhookNotifier
from complaintkit.storage.memory import MemoryStorage

KEY = "k3y-in-the-url"

STATUS_LINES = st.sampled_from(
    [
        b"HTTP/1.1 200 OK\r\n",
        b"HTTP/1.1 200\r\n",
        b"HTTP/1.1 302 Found\r\n",
        b"HTTP/1.0 500 Oops\r\n",
        b"HTTP/1.1 999 What\r\n",
        b"HTTP/1.1 20 X\r\n",
        b"ICY 200 OK\r\n",
        b"220 mail.example ESMTP\r\n",
        b"",
    ]
)
HEADERS = st.lists(
    st.sampled_from(
        [
            b"Content-Length: 5\r\n",
            b"Content-Length: -1\r\n",
            b"Content-Length: 99999999999999999999\r\n",
            b"Transfer-Encoding: chunked\r\n",
            b"Content-Type: application/json; charset=utf-16\r\n",
            b"Location: http://a\x00b/\r\n",
            b"Location: \xff\xfe\r\n",
            f"Location: https://moved.example/hook?access_token={KEY}\r\n".encode(),
            b"Retry-After: 99999999999999999999\r\n",
            b"Retry-After: Wed, 21 Oct 2015 07:28:00\r\n",
            b"X-Folded: a\r\n b\r\n",
        ]
    ),
    max_size=4,
)
BODIES = st.binary(max_size=200) | st.sampled_from(
    [
        b'{"errcode": 5, "errmsg": "\\u202e\\u0000\\r\\nBcc: x"}',
        b'{"code": 1, "msg": "' + b"\xe4\xb8\xad" * 30 + b'"}',
        b"0\r\n\r\n",
        b"zz\r\n",
        b'{"errcode": 0, "errmsg": "ok"}',
    ]
)


def _one_line(reason: str) -> None:
    assert not {"\n", "\r", "\x00"} & set(reason), reason


def _failure(send: Callable[[], None]) -> str | None:
    """What ``send`` failed with, or None when it delivered."""
    try:
        send()
    except DeliveryFailed as exc:
        return str(exc)
    return None


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(status=STATUS_LINES, headers=HEADERS, body=BODIES)
def test_a_webhook_answer_of_any_bytes_is_delivered_retried_or_a_dead_letter(
    status: bytes, headers: list[bytes], body: bytes
) -> None:
    receiver = Receiver(status + b"".join(headers) + b"\r\n" + body)
    storage = MemoryStorage()
    clock = ManualClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    storage.enqueue([Outgoing.message("ops", message(), clock.now())])
    notifier = WebhookNotifier(url=f"{receiver.url}?access_token={KEY}", timeout=3)
    try:
        failed = _failure(lambda: notifier.send(message()))
        report = DeliveryWorker(storage, {"ops": notifier}, clock).run_once()
    finally:
        receiver.close()
    if failed is not None:
        _one_line(failed)
        if status.startswith(b"HTTP/"):  # else its words are quoted, as no HTTP answer
            assert KEY not in failed
    (delivery,) = storage.deliveries()
    if delivery.state == "dead":
        assert report.dead == 1
        (letter,) = storage.dead_letters()
        assert letter.source == f"notify:ops:{delivery.outgoing.delivery_id}"
        assert letter.reason.startswith("gave up after 1 attempt(s): webhook http://127.0.0.1:")
    elif delivery.state == "pending":
        assert (delivery.last_error or "").startswith("webhook http://127.0.0.1:")
    else:
        assert delivery.state == "delivered"


REPLIES = st.binary(max_size=60).map(lambda said: said + b"\r\n") | st.sampled_from(
    [
        b"250 ok\r\n",
        b"250-a\r\n250 b\r\n",
        b"250-unfinished\r\n",
        b"550 5.1.1 no\r\n",
        b"421 busy\r\n",
        b"999 what\r\n",
        b"2\r\n",
        b"250\x00\r\n",
        b"550 \xff\xfe\xe4\xb8\r\n",
        b"550 \x1b[31mred\xe2\x80\xae\r\n",
        HANG_UP,
    ]
)
VERBS = st.sampled_from([b"EHLO", b"HELO", b"MAIL", b"RCPT", b"DATA", b"END", b"RSET"])


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(answers=st.dictionaries(VERBS, REPLIES), greeting=REPLIES)
def test_an_smtp_server_answering_any_bytes_fails_on_one_line_naming_it(
    answers: dict[bytes, bytes], greeting: bytes
) -> None:
    server = Scripted(answers, greeting)
    notifier = SmtpNotifier(
        sender="care@shop.example", host="127.0.0.1", port=server.port, timeout=3
    )
    try:
        failed = _failure(
            lambda: notifier.send(
                Message(to="sam@example.com", subject="s", body="b", delivery_id="d")
            )
        )
    finally:
        server.close()
    if failed is not None:
        _one_line(failed)
        assert failed.startswith(f"smtp 127.0.0.1:{server.port}: ")
