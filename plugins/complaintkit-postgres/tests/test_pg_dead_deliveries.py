"""A delivery that gives up is recorded dead and kept as a dead letter in one transaction,
on the connection that records the attempt: with a pool of one connection the letter
waited for a second one until the pool timed out, the attempt was never recorded, and the
delivery stayed pending, sent again at every pass."""

from __future__ import annotations

from datetime import UTC, datetime

from complaintkit_postgres import PostgresStorage

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryFailed, DeliveryWorker, Outgoing
from complaintkit.model.message import Message

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


class Refusing:
    def __init__(self) -> None:
        self.sent = 0

    def send(self, message: Message) -> None:
        self.sent += 1
        raise DeliveryFailed(
            "smtp: recipient refused: sam@example.com: 550 no such user", final=True
        )


def test_a_dead_delivery_is_recorded_on_a_pool_of_one_connection(postgres_url: str) -> None:
    with PostgresStorage(f"{postgres_url}&pool_max=1&pool_timeout=2") as storage:
        message = Message(to="sam@example.com", subject="s", body="b", case_id="CK-1")
        storage.enqueue([Outgoing.message("mail", message, T0)])
        mail = Refusing()
        worker = DeliveryWorker(storage, {"mail": mail}, ManualClock(T0))
        assert worker.run_once().dead == 1
        assert worker.run_once().dead == 0
        assert mail.sent == 1
        (dead,) = storage.deliveries("dead")
        (letter,) = storage.dead_letters()
        assert letter.source == dead.outgoing.dead_letter_source
        assert "550 no such user" in letter.reason
