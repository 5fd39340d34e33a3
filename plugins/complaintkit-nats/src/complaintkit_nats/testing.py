"""pytest fixtures for testing against a real NATS JetStream (registered under ``pytest11``).

* ``nats_url`` — the server: ``$COMPLAINTKIT_NATS_URL``, else ``nats://127.0.0.1:4222``.
  Tests using it are skipped when the server is unreachable, or fail when
  ``COMPLAINTKIT_REQUIRE_SERVICES=1`` (CI sets it, so a missing server never passes).
* ``jetstream_stream`` — a fresh stream of that server, deleted after the test: its
  ``name`` and the ``prefix`` of the subjects it stores (``<prefix>.>``).
"""

from __future__ import annotations

import asyncio
import os
import secrets
from collections.abc import Iterator

import attrs
import nats
import nats.errors
import pytest

SERVER_ENV = "COMPLAINTKIT_NATS_URL"
REQUIRE_ENV = "COMPLAINTKIT_REQUIRE_SERVICES"
DEFAULT_SERVER = "nats://127.0.0.1:4222"


@attrs.frozen
class Stream:
    url: str
    name: str
    prefix: str


async def _unreachable(url: str) -> str | None:
    try:
        client = await nats.connect(url, connect_timeout=3, max_reconnect_attempts=0)
    except (OSError, nats.errors.Error) as exc:
        return f"NATS at {url} is unreachable: {exc!r}"
    try:
        await client.jetstream().account_info()
    except nats.errors.Error as exc:
        return f"NATS at {url} has no JetStream: {exc!r}"
    finally:
        await client.close()
    return None


async def _add_stream(stream: Stream) -> None:
    client = await nats.connect(stream.url)
    try:
        await client.jetstream().add_stream(name=stream.name, subjects=[f"{stream.prefix}.>"])
    finally:
        await client.close()


async def _delete_stream(stream: Stream) -> None:
    client = await nats.connect(stream.url)
    try:
        await client.jetstream().delete_stream(stream.name)
    finally:
        await client.close()


@pytest.fixture(scope="session")
def nats_url() -> str:
    url = os.environ.get(SERVER_ENV, DEFAULT_SERVER)
    reason = asyncio.run(_unreachable(url))
    if reason is not None:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{reason} ({REQUIRE_ENV}=1 makes this a failure, not a skip)")
        pytest.skip(reason)
    return url


@pytest.fixture
def jetstream_stream(nats_url: str) -> Iterator[Stream]:
    token = secrets.token_hex(6)
    stream = Stream(nats_url, f"CK_TEST_{token.upper()}", f"cktest{token}")
    asyncio.run(_add_stream(stream))
    try:
        yield stream
    finally:
        asyncio.run(_delete_stream(stream))
