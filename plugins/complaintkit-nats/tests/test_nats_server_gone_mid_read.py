"""A NATS server that goes away while intake reads from it: the run ends, what it
committed is kept, and the letter it leaves says the server was lost — naming it — and that
the messages not acknowledged are delivered again, not an asyncio ``TimeoutError``."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import nats
import pytest
from complaintkit_nats.channel import JetStreamChannel
from test_nats_server_restart import SERVER, OwnServer

from complaintkit.channels import Rejected, take_in
from complaintkit.desk import Desk
from complaintkit.model.complaint import Complaint

pytestmark = pytest.mark.slow


async def _publish(url: str, count: int) -> None:
    client = await nats.connect(url)
    js = client.jetstream()
    await js.add_stream(name="IN", subjects=["in.>"])
    for n in range(count):
        body = {
            "external_id": f"K-{n}",
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": {"id": f"C{n}"},
            "text": "快递三天没到",
        }
        await js.publish("in.x", json.dumps(body).encode())
    await client.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[OwnServer]:
    if SERVER is None:
        pytest.skip("no nats-server on this machine")
    own = OwnServer(tmp_path / "jetstream")
    own.start()
    try:
        yield own
    finally:
        if own.process is not None and own.process.poll() is None:
            own.stop()


def test_a_server_gone_mid_read_ends_the_run_naming_the_server(server: OwnServer) -> None:
    asyncio.run(_publish(server.url, 30))
    channel = JetStreamChannel(servers=server.url, stream="IN", batch=10, idle=0.5)
    desk = Desk(storage="memory:")

    def acknowledge(records: Sequence[Complaint | Rejected]) -> None:
        channel.acknowledge(records)
        server.stop()  # after the first chunk is committed and acknowledged

    summary = take_in(desk, "nats", channel.read("in.x"), acknowledge=acknowledge)
    assert summary.opened == 10
    assert len(summary.rejected) == 1
    _, reason = summary.rejected[0]
    assert server.url in reason, reason
    assert "lost" in reason, reason
    assert "delivered again" in reason, reason
