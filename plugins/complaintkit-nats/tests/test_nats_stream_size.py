"""An event larger than its stream's own ``max_msg_size`` (smaller than the server's
``max_payload``) is refused by the stream on every attempt: it was retried for hours as
``publishing … failed: BadRequestError(…)``. The stream's refusal (JetStream error code
10054) is now a dead letter at once naming the stream and both sizes; the event beside
it in the run goes out."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Iterator
from datetime import UTC, datetime

import nats
import pytest
from complaintkit_nats.publisher import JetStreamPublisher

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker
from complaintkit.delivery.outgoing import Outgoing
from complaintkit.model.events import CaseEvent
from complaintkit.storage.memory import MemoryStorage

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
LIMIT = 2_000


async def _stream(url: str, name: str, prefix: str, *, add: bool) -> None:
    client = await nats.connect(url)
    try:
        js = client.jetstream()
        if add:
            await js.add_stream(name=name, subjects=[f"{prefix}.>"], max_msg_size=LIMIT)
        else:
            await js.delete_stream(name)
    finally:
        await client.close()


@pytest.fixture
def small_stream(nats_url: str) -> Iterator[tuple[str, str]]:
    token = secrets.token_hex(6)
    name, prefix = f"CK_SMALL_{token.upper()}", f"cksmall{token}"
    asyncio.run(_stream(nats_url, name, prefix, add=True))
    try:
        yield name, prefix
    finally:
        asyncio.run(_stream(nats_url, name, prefix, add=False))


def event(case_id: str, text: str) -> CaseEvent:
    return CaseEvent(case_id=case_id, seq=1, kind="opened", at=T0, actor="system", data={"t": text})


def test_an_event_over_the_streams_max_msg_size_is_a_dead_letter_at_once(
    nats_url: str, small_stream: tuple[str, str]
) -> None:
    name, prefix = small_stream
    publisher = JetStreamPublisher(servers=nats_url, subject=prefix)
    try:
        with MemoryStorage() as storage:
            big = Outgoing.event("bus", event("CK-1", "x" * 5_000), T0)
            small = Outgoing.event("bus", event("CK-2", "late"), T0)
            storage.enqueue([big, small])
            report = DeliveryWorker(storage, {"bus": publisher}, ManualClock(T0)).run_once()
            assert (report.delivered, report.retrying, report.dead) == (1, 0, 1)
            (dead,) = storage.deliveries("dead")
            assert dead.outgoing.delivery_id == big.delivery_id
            assert dead.last_error is not None
            assert "max_msg_size" in dead.last_error
            assert name in dead.last_error
            assert str(LIMIT) in dead.last_error
            (letter,) = storage.dead_letters()
            assert letter.reason == dead.last_error
    finally:
        publisher.close()
