"""An event or message larger than the NATS server's ``max_payload`` can never be published
(the client refuses it before sending): a dead letter at once naming both sizes, not eight
attempts over hours ending in ``MaxPayloadError()``; the events beside it in the run go out."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from complaintkit_nats.publisher import JetStreamPublisher
from complaintkit_nats.testing import Stream

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryFailed, DeliveryWorker
from complaintkit.delivery.outgoing import Outgoing
from complaintkit.model.events import CaseEvent
from complaintkit.model.message import Message
from complaintkit.storage.memory import MemoryStorage

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def event(case_id: str, text: str) -> CaseEvent:
    return CaseEvent(case_id=case_id, seq=1, kind="opened", at=T0, actor="system", data={"t": text})


def test_an_event_over_the_servers_max_payload_is_a_dead_letter_at_once(
    jetstream_stream: Stream,
) -> None:
    publisher = JetStreamPublisher(servers=jetstream_stream.url, subject=jetstream_stream.prefix)
    try:
        with MemoryStorage() as storage:
            big = Outgoing.event("bus", event("CK-1", "投" * 2_000_000), T0)
            small = Outgoing.event("bus", event("CK-2", "late"), T0)
            storage.enqueue([big, small])
            report = DeliveryWorker(storage, {"bus": publisher}, ManualClock(T0)).run_once()
            assert (report.delivered, report.retrying, report.dead) == (1, 0, 1)
            (dead,) = storage.deliveries("dead")
            assert dead.outgoing.delivery_id == big.delivery_id
            assert "max_payload" in dead.last_error
            assert "1048576" in dead.last_error or "bytes" in dead.last_error
    finally:
        publisher.close()


def test_a_message_over_the_servers_max_payload_is_final(jetstream_stream: Stream) -> None:
    publisher = JetStreamPublisher(servers=jetstream_stream.url, subject=jetstream_stream.prefix)
    message = Message(to="ops", subject="s", body="x" * 2_000_000, delivery_id="d-big")
    try:
        with pytest.raises(DeliveryFailed, match="max_payload") as caught:
            publisher.send(message)
    finally:
        publisher.close()
    assert caught.value.final is True
