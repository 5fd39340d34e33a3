"""A server that answers the message's end with what is no SMTP reply (words without a
code, a line longer than any reply's) has read the whole message and may have kept it:
sent again at each retry, the customer could get it once more at every attempt. It is
final, its reason naming the server and the answer, saying that whether it was kept is
unknown and how to send it again once the server's log says it was not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

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

UNREADABLE = [
    b"2.0.0 Ok: queued as 4F2A\r\n",
    b"queued\r\n",
    b"250 " + b"x" * 9000 + b"\r\n",
]


@pytest.mark.parametrize("answer", UNREADABLE, ids=["no code", "a word", "too long"])
def test_an_unreadable_answer_to_the_message_is_final(
    servers: list[Scripted], answer: bytes
) -> None:
    server = Scripted({b"END": answer})
    servers.append(server)
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=server.port)
    with pytest.raises(DeliveryFailed) as caught:
        notifier.send(Message(to="sam@example.com", subject="s", body="b", delivery_id="d-1"))
    assert server.ends == 1
    assert caught.value.final
    reason = str(caught.value)
    assert f"smtp 127.0.0.1:{server.port}: " in reason
    assert "unknown" in reason
    assert "<d-1@shop.example>" in reason
    assert "complaintkit outbox requeue d-1)" in reason
    assert answer[:6].decode() in reason


@pytest.mark.parametrize("answer", UNREADABLE, ids=["no code", "a word", "too long"])
def test_the_customer_gets_it_once_at_most(servers: list[Scripted], answer: bytes) -> None:
    server = Scripted({b"END": answer})
    servers.append(server)
    clock = ManualClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    storage = MemoryStorage()
    message = Message(to="sam@example.com", subject="受理", body="已收到。", case_id="CK-1")
    storage.enqueue([Outgoing.message("mail", message, clock.now())])
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=server.port)
    retry = RetryPolicy(attempts=4, backoff=30, max_backoff=600)
    worker = DeliveryWorker(storage, {"mail": notifier}, clock, retry=retry)
    for _ in range(5):
        worker.run_once()
        clock.advance(timedelta(minutes=15))
    assert server.ends == 1
    (delivery,) = storage.deliveries("dead")
    assert len(storage.dead_letters()) == 1
    assert "\n" not in delivery.last_error


def test_an_unreadable_answer_to_a_command_is_retried(servers: list[Scripted]) -> None:
    server = Scripted({b"RCPT": b"ok then\r\n"})  # nothing sent yet: trying again is safe
    servers.append(server)
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=server.port)
    with pytest.raises(DeliveryFailed) as caught:
        notifier.send(Message(to="sam@example.com", subject="s", body="b", delivery_id="d-1"))
    assert server.ends == 0
    assert not caught.value.final
