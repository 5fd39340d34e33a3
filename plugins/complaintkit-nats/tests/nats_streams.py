"""Publishing complaints into a stream and reading what a stream holds, for the tests."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import nats
import nats.errors
from complaintkit_nats.testing import Stream
from nats.js.api import AckPolicy, ConsumerConfig


def complaint(n: int) -> dict[str, Any]:
    return {
        "channel": "nats",
        "external_id": f"K-{n}",
        "received_at": "2026-11-23T09:00:00+08:00",
        "customer": {"id": f"C{n % 97}", "name": "王芳"},
        "text": "快递三天没到 / the parcel is late",
    }


def publish_complaints(stream: Stream, subject: str, count: int, *, poison: int = 0) -> None:
    """``count`` complaints, then ``poison`` messages that are not complaints."""

    async def run() -> None:
        client = await nats.connect(stream.url)
        js = client.jetstream()
        bodies = [json.dumps(complaint(n)).encode() for n in range(count)]
        bodies += [b"{not json"] * poison
        for start in range(0, len(bodies), 500):
            chunk = bodies[start : start + 500]
            await asyncio.gather(*(js.publish(subject, body) for body in chunk))
        await client.close()

    asyncio.run(run())


def stream_messages(stream: Stream, subject: str) -> list[tuple[str, bytes]]:
    """Every message the stream holds on ``subject`` (wildcards allowed): (Nats-Msg-Id, data)."""

    async def run() -> list[tuple[str, bytes]]:
        client = await nats.connect(stream.url)
        config = ConsumerConfig(ack_policy=AckPolicy.NONE)  # a reader, not a worker
        consumer = await client.jetstream().pull_subscribe(
            subject, stream=stream.name, config=config
        )
        found: list[tuple[str, bytes]] = []
        while True:
            try:
                messages = await consumer.fetch(1000, timeout=1)
            except TimeoutError:  # nats-py raises its own subclass or asyncio's
                break
            found += [((m.headers or {}).get("Nats-Msg-Id", ""), m.data) for m in messages]
        await client.close()
        return found

    return asyncio.run(run())
