"""A notifier whose ``send`` (or a publisher whose ``publish_many``) raised
``GeneratorExit`` — a ``BaseException`` that ``contained`` leaves alone, as it is how a
generator is closed — ended the delivery pass, and with it ``complaintkit deliver`` in a
traceback, ``deliver --loop`` for good and ``serve``'s delivery thread without a word. Raised
by a plain call, it is that plugin's failure: the attempt fails, naming it, and is retried;
the pass goes on."""

from __future__ import annotations

from datetime import UTC, datetime

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker
from complaintkit.delivery.outgoing import Outgoing
from complaintkit.model.events import GENESIS, CaseEvent
from complaintkit.model.message import Message
from complaintkit.storage.memory import MemoryStorage

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


class Closing:
    """Raises ``GeneratorExit`` from every call, as a plugin's bug might."""

    def send(self, message: Message) -> None:
        raise GeneratorExit

    def publish_many(self, items: list[tuple[CaseEvent, str]]) -> list[None]:
        raise GeneratorExit


class Keeping:
    def __init__(self) -> None:
        self.sent: list[str] = []

    def send(self, message: Message) -> None:
        self.sent.append(message.delivery_id)


def _event(seq: int) -> CaseEvent:
    at = datetime(2026, 11, 23, tzinfo=UTC)
    return CaseEvent.chained(
        case_id="CK-1",
        seq=seq,
        kind="noted",
        at=at,
        actor="li",
        reason="",
        data={},
        prev_hash=GENESIS,
    )


def test_generator_exit_from_a_notifier_fails_its_attempt_not_the_pass() -> None:
    storage = MemoryStorage()
    message = Message(to="c@example.com", subject="s", body="b")
    items = [
        Outgoing.message("closing", message, T0),
        Outgoing.event("closing", _event(1), T0),
        Outgoing.message("mail", message, T0),
    ]
    storage.enqueue(items)
    keeping = Keeping()
    notifiers = {"closing": Closing(), "mail": keeping}
    report = DeliveryWorker(storage, notifiers, ManualClock(T0)).run_once()
    assert (report.delivered, report.retrying) == (1, 2)
    assert keeping.sent == [items[2].delivery_id]
    for item in items[:2]:
        delivery = storage.delivery(item.delivery_id)
        assert delivery is not None
        assert delivery.state == "pending"
        assert "GeneratorExit" in delivery.last_error
