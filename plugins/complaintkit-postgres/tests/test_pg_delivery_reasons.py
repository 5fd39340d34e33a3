"""A failed delivery whose reason holds NUL — an SMTP server's answer, which PostgreSQL
cannot store — is recorded like any other: the pass goes on and the next one does not try
it again at once (it ended in a DataError before the attempt was recorded)."""

from __future__ import annotations

from datetime import UTC, datetime

from complaintkit_postgres import PostgresStorage

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryFailed, DeliveryWorker, Outgoing, RetryPolicy
from complaintkit.model.message import Message

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


class Refused:
    def send(self, message: Message) -> None:
        raise DeliveryFailed("smtp: recipient refused: sam@example.com: 451 no\x00user")


def test_a_reason_holding_nul_is_recorded(postgres_url: str) -> None:
    storage = PostgresStorage(postgres_url)
    try:
        message = Message(to="sam@example.com", subject="s", body="b", case_id="CK-1")
        storage.enqueue([Outgoing.message("mail", message, T0)])
        worker = DeliveryWorker(storage, {"mail": Refused()}, ManualClock(T0))
        assert worker.run_once().retrying == 1
        (pending,) = storage.deliveries("pending")
        assert pending.attempts == 1
        assert "451 no" in pending.last_error
        dying = DeliveryWorker(
            storage, {"mail": Refused()}, ManualClock(T0), retry=RetryPolicy(attempts=2)
        )
        assert dying.run_once(T0.replace(year=2027)).dead == 1
        (letter,) = storage.dead_letters()
        assert "451 no" in letter.reason
    finally:
        storage.close()
