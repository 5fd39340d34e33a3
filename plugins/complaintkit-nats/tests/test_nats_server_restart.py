"""A NATS server of its own, stopped and started again while the delivery worker runs:
the events enqueued while it is down are retried, not dead; once it is back every one is
published, and the stream holds each delivery id once (JetStream drops the repeats of a
publish whose acknowledgement was lost, by ``Nats-Msg-Id``)."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import nats
import nats.errors
import pytest
from complaintkit_nats.publisher import JetStreamPublisher

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker
from complaintkit.delivery.outgoing import Outgoing
from complaintkit.delivery.retry import RetryPolicy
from complaintkit.model.events import CaseEvent
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.server import free_port

pytestmark = pytest.mark.slow

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SERVER = shutil.which("nats-server")


class OwnServer:
    """A nats-server with JetStream on a free loopback port, its store in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.port = folder, free_port()
        self.url = f"nats://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        assert SERVER is not None
        command = [SERVER, "-a", "127.0.0.1", "-p", str(self.port), "-js", "-sd", str(self.folder)]
        self.process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while asyncio.run(_jetstream_answers(self.url)) is False:
            assert time.monotonic() < deadline, "nats-server did not start"
            time.sleep(0.1)

    def stop(self) -> None:
        assert self.process is not None
        self.process.terminate()
        self.process.wait(timeout=10)


async def _jetstream_answers(url: str) -> bool:
    try:
        client = await nats.connect(url, connect_timeout=1, max_reconnect_attempts=0)
    except (OSError, nats.errors.Error):
        return False
    try:
        await client.jetstream().account_info()
        return True
    except nats.errors.Error:
        return False
    finally:
        await client.close()


async def _stream(url: str, *, create: bool) -> list[str]:
    """Create the stream ``OUT`` on ``out.>``, or list its messages' ``Nats-Msg-Id``."""
    client = await nats.connect(url)
    try:
        js = client.jetstream()
        if create:
            await js.add_stream(name="OUT", subjects=["out.>"])
            return []
        ids = []
        count = (await js.stream_info("OUT")).state.messages
        for seq in range(1, count + 1):
            message = await js.get_msg("OUT", seq)
            ids.append((message.headers or {}).get("Nats-Msg-Id", ""))
        return ids
    finally:
        await client.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[OwnServer]:
    if SERVER is None:
        pytest.skip("no nats-server on this machine")
    own = OwnServer(tmp_path / "jetstream")
    own.start()
    asyncio.run(_stream(own.url, create=True))
    try:
        yield own
    finally:
        if own.process is not None and own.process.poll() is None:
            own.stop()


def events(first: int, count: int) -> list[Outgoing]:
    return [
        Outgoing.event(
            "bus", CaseEvent(case_id=f"CK-{n}", seq=1, kind="opened", at=T0, actor="system"), T0
        )
        for n in range(first, first + count)
    ]


def test_a_server_down_and_up_mid_run_loses_nothing_and_stores_nothing_twice(
    server: OwnServer, tmp_path: Path
) -> None:
    clock = ManualClock(T0)
    publisher = JetStreamPublisher(servers=server.url, subject="out", timeout=2)
    try:
        with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as storage:
            worker = DeliveryWorker(
                storage,
                {"bus": publisher},
                clock,
                retry=RetryPolicy(attempts=50, backoff=1, max_backoff=60),
            )
            storage.enqueue(events(0, 5))
            assert worker.run_once().delivered == 5
            server.stop()  # the publisher's connection is still open: it finds it gone
            storage.enqueue(events(5, 5))
            report = worker.run_once()
            assert (report.delivered, report.dead) == (0, 0)
            assert report.retrying == 5
            # up again while the publisher may still be reconnecting
            restart = threading.Timer(0.5, server.start)
            restart.start()
            storage.enqueue(events(10, 5))
            clock.advance(timedelta(minutes=5))
            worker.run_once()
            restart.join()
            for _ in range(10):  # each pass is later than the last attempt's backoff
                if not storage.deliveries("pending"):
                    break
                clock.advance(timedelta(minutes=30))
                worker.run_once()
            assert storage.deliveries("pending") == []
            assert storage.deliveries("dead") == []
            delivered = {d.outgoing.delivery_id for d in storage.deliveries("delivered")}
            assert len(delivered) == 15
    finally:
        publisher.close()
    stored = asyncio.run(_stream(server.url, create=False))
    assert sorted(stored) == sorted(delivered)  # every one, each once
