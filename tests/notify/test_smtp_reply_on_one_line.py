"""A server's refusal of several lines (``550-…`` then ``550 …``) is the reason of a failed
delivery and of its dead letter on one line, every line's words kept: a reason is one
line in the outbox listing, a log line and a dead letter, and a line break in it splits
what reads as one record into two."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from scripted_smtp import Scripted

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker, Outgoing, RetryPolicy
from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.model.message import Message
from complaintkit.notify.smtp import SmtpNotifier
from complaintkit.storage.memory import MemoryStorage
from loopback import started

servers = pytest.fixture(started, name="servers")

TWO_LINES = {
    b"MAIL": b"553-5.1.8 sender\r\n553 5.1.8 refused\r\n",
    b"RCPT": b"550-5.1.1 no such\r\n550 5.1.1 user here\r\n",
    b"END": b"554-5.7.1 looks like\r\n554 5.7.1 spam\r\n",
    b"AUTH": b"454-4.7.0 try\r\n454 4.7.0 later\r\n",
    b"EHLO": b"421-4.3.2 closing\r\n421 4.3.2 now\r\n",
}


@pytest.mark.parametrize("step", sorted(TWO_LINES))
def test_a_refusal_of_two_lines_is_one_line(servers: list[Scripted], step: bytes) -> None:
    greeting = {b"HELO": TWO_LINES[step]} if step == b"EHLO" else {}  # smtplib's fallback
    server = Scripted({step: TWO_LINES[step], **greeting})
    servers.append(server)
    username = "care" if step == b"AUTH" else None
    notifier = SmtpNotifier(
        sender="care@shop.example",
        host="127.0.0.1",
        port=server.port,
        timeout=5,
        username=username,
        password="pw",
    )
    message = Message(to="sam@example.com", subject="s", body="b", delivery_id="d-1")
    with pytest.raises(DeliveryFailed) as caught:
        notifier.send(message)
    reason = str(caught.value)
    assert "\n" not in reason
    assert "\r" not in reason
    first, second = (line[4:] for line in TWO_LINES[step].decode().splitlines())
    assert first.split()[-1] in reason
    assert second.split()[-1] in reason
    assert f"127.0.0.1:{server.port}" in reason


def test_a_dead_letter_of_a_refusal_of_two_lines_is_one_line(servers: list[Scripted]) -> None:
    server = Scripted({b"RCPT": TWO_LINES[b"RCPT"]})
    servers.append(server)
    clock = ManualClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    storage = MemoryStorage()
    message = Message(to="sam@example.com", subject="受理", body="已收到。", case_id="CK-1")
    storage.enqueue([Outgoing.message("mail", message, clock.now())])
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=server.port)
    worker = DeliveryWorker(storage, {"mail": notifier}, clock, retry=RetryPolicy(attempts=2))
    assert worker.run_once().dead == 1
    (delivery,) = storage.deliveries("dead")
    (letter,) = storage.dead_letters()
    for reason in (delivery.last_error, letter.reason):
        assert "550 5.1.1 no such 5.1.1 user here" in reason
        assert "\n" not in reason
