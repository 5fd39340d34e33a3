"""A notifier's failure whose text is huge (a plugin quoting a whole response, a library's
dump) was kept whole as the delivery's last error, its dead letter's reason and the log
line of its giving up: a megabyte on every one. The reason is cut short, saying how long
it was."""

from __future__ import annotations

from datetime import UTC, datetime

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker, Outgoing
from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.delivery.retry import RetryPolicy
from complaintkit.notify.base import Message
from complaintkit.storage.memory import MemoryStorage

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
MESSAGE = Message(to="sam@example.com", subject="s", body="b", case_id="CK-1")
HUGE = 1_000_000


class Verbose:
    def send(self, message: Message) -> None:
        raise DeliveryFailed("receiver said: " + "x" * HUGE)


def test_a_huge_failure_is_kept_cut_short_saying_its_length() -> None:
    storage = MemoryStorage()
    storage.enqueue([Outgoing.message("hook", MESSAGE, T0)])
    worker = DeliveryWorker(storage, {"hook": Verbose()}, ManualClock(T0), retry=RetryPolicy(1))
    worker.run_once()
    (delivery,) = storage.deliveries()
    (letter,) = storage.dead_letters()
    assert delivery.state == "dead"
    for kept in (delivery.last_error, letter.reason):
        assert len(kept) < 10_000
        assert "receiver said: xxx" in kept
        assert f"{len('receiver said: ') + HUGE:,}" in kept
