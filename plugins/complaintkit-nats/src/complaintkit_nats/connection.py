"""How the channel and the publisher reach NATS."""

from __future__ import annotations

import logging

import nats
from nats.aio.client import Client

log = logging.getLogger(__name__)


async def _in_words(exc: Exception) -> None:
    """nats-py's own handler logs every failed (re)connection with a traceback, on the
    operator's terminal; the channel and the publisher report a failure themselves."""
    log.debug("nats: %s", exc)


async def connect(servers: str) -> Client:
    return await nats.connect(
        servers, connect_timeout=5, max_reconnect_attempts=3, error_cb=_in_words
    )
