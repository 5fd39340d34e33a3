"""A receiver that takes the connection and never answers costs a delivery pass one timeout,
not one per delivery queued for it: the messages for other receivers queued behind its
deliveries go out in the same pass, not after every one of its deliveries has timed out.
A real socket on loopback that accepts and stays silent; a real webhook notifier."""

from __future__ import annotations

import random
import socket
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryFailed, DeliveryWorker, RetryPolicy
from complaintkit.delivery.outgoing import Outgoing
from complaintkit.model.events import CaseEvent
from complaintkit.model.message import Message
from complaintkit.notify.smtp import SmtpNotifier
from complaintkit.notify.webhook import WebhookNotifier
from complaintkit.storage.memory import MemoryStorage

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
TIMEOUT = 0.5


class Silent:
    """Listens and never accepts nor answers: the system completes each connection into the
    listener's queue, where :meth:`connections` counts them once the pass is over (a thread
    accepting them could be late to, on a loaded machine)."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.held: list[socket.socket] = []

    def connections(self) -> int:
        """How many connections were made to it so far."""
        self.sock.setblocking(False)
        while True:
            try:
                conn, _ = self.sock.accept()
            except BlockingIOError:
                return len(self.held)
            self.held.append(conn)

    def close(self) -> None:
        self.sock.close()
        for conn in self.held:
            conn.close()


@pytest.fixture
def silent() -> Iterator[Silent]:
    server = Silent()
    try:
        yield server
    finally:
        server.close()


class Kept:
    def __init__(self) -> None:
        self.sent: list[str] = []

    def send(self, message: Message) -> None:
        self.sent.append(message.delivery_id)


def webhook(port: int) -> WebhookNotifier:
    return WebhookNotifier(url=f"http://127.0.0.1:{port}/hook", timeout=TIMEOUT)


def smtp(port: int) -> SmtpNotifier:
    return SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=TIMEOUT)


@pytest.mark.parametrize("build", [webhook, smtp])
def test_a_silent_receiver_is_waited_for_once_a_pass_and_holds_up_no_one_else(
    silent: Silent, build: Callable[[int], WebhookNotifier | SmtpNotifier]
) -> None:
    hook = build(silent.port)
    kept = Kept()
    with MemoryStorage() as storage:
        hooked = [
            Outgoing.message("hook", Message(to="ops@shop.example", subject="s", body=f"{n}"), T0)
            for n in range(6)
        ]
        mailed = Outgoing.message("mail", Message(to="c@example.com", subject="s", body="b"), T0)
        storage.enqueue([*hooked, mailed])  # the customer's message queued behind the six
        worker = DeliveryWorker(storage, {"hook": hook, "mail": kept}, ManualClock(T0))
        report = worker.run_once()
        assert kept.sent == [mailed.delivery_id]
        assert (report.delivered, report.retrying, report.dead) == (1, 6, 0)
        assert silent.connections() == 1  # the first delivery waited for it; the rest did not
        pending = storage.deliveries("pending")
        assert [d.outgoing.delivery_id for d in pending] == [h.delivery_id for h in hooked]
        tried, *untried = pending
        assert tried.attempts == 1
        assert tried.next_attempt_at is not None
        assert tried.next_attempt_at > T0
        for delivery in pending:  # each still pending, retried later, saying why
            assert "no answer within 0.5 s" in delivery.last_error
        for delivery in untried:  # never sent: no attempt used, due when the receiver is
            assert delivery.attempts == 0
            assert delivery.last_error.startswith("not tried")
            assert delivery.next_attempt_at == tried.next_attempt_at


class Unanswering:
    """A receiver that lets every attempt run out of time; counts the attempts."""

    def __init__(self) -> None:
        self.tried: list[str] = []

    def send(self, message: Message) -> None:
        self.tried.append(message.delivery_id)
        raise DeliveryFailed("no answer within 1 s", unanswered=True)


@settings(max_examples=40, deadline=None)
@given(passes=st.integers(1, 12), queued=st.integers(1, 6), attempts=st.integers(1, 5))
def test_only_a_delivery_sent_uses_an_attempt(passes: int, queued: int, attempts: int) -> None:
    """Pass after pass at each due time, a delivery's count of attempts is the number of
    times it was really sent, and only those runs out of attempts."""
    hook = Unanswering()
    clock = ManualClock(T0)
    with MemoryStorage() as storage:
        storage.enqueue(
            [
                Outgoing.message("hook", Message(to="o@shop.example", subject="s", body=f"{n}"), T0)
                for n in range(queued)
            ]
        )
        retry = RetryPolicy(attempts=attempts, backoff=60, rng=random.Random(7))
        worker = DeliveryWorker(storage, {"hook": hook}, clock, retry=retry)
        for _ in range(passes):
            worker.run_once()
            due = [d.next_attempt_at for d in storage.deliveries("pending")]
            if not due:
                break
            clock.set(min(at for at in due if at is not None))
        sent = Counter(hook.tried)
        for delivery in storage.deliveries():
            assert delivery.attempts == sent[delivery.outgoing.delivery_id]
            assert (delivery.state == "dead") == (delivery.attempts == attempts)


class SilentBroker:
    """A broker that lets every ``publish_many`` run out of time; counts the calls."""

    def __init__(self) -> None:
        self.calls = 0

    def publish_many(self, items: list[tuple[CaseEvent, str]]) -> list[None]:
        self.calls += 1
        raise DeliveryFailed("no answer within 1 s", unanswered=True)


def test_a_broker_that_let_a_batch_run_out_of_time_is_not_waited_for_again() -> None:
    """Events for a broker between messages for another notifier go to it in runs, one
    call each: a broker that did not answer the first run is not called for the next, in
    the same pass (its events wait, untried, for its next try)."""
    broker, kept = SilentBroker(), Kept()
    event = CaseEvent(
        case_id="CK-1", seq=1, kind="opened", at=T0, actor="system", data={}, reason="opened"
    )
    mail = Message(to="c@example.com", subject="s", body="b")
    items = [
        item
        for _ in range(3)
        for item in (Outgoing.event("bus", event, T0), Outgoing.message("mail", mail, T0))
    ]
    with MemoryStorage() as storage:
        storage.enqueue(items)
        worker = DeliveryWorker(storage, {"bus": broker, "mail": kept}, ManualClock(T0))
        report = worker.run_once()
        assert broker.calls == 1
        assert len(kept.sent) == 3
        assert (report.delivered, report.retrying) == (3, 3)
        first, *later = storage.deliveries("pending")
        assert first.attempts == 1
        assert [d.attempts for d in later] == [0, 0]
        assert all(d.next_attempt_at == first.next_attempt_at for d in later)
