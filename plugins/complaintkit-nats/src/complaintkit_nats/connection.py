"""How the channel and the publisher reach NATS.

nats-py is imported here, when a channel or publisher is built (``load``) or connects, not
as the plugin is loaded: complaintkit loads every plugin for every command, and only one
that reads or publishes through NATS needs it."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nats.aio.client import Client

log = logging.getLogger(__name__)


def load() -> None:
    """Import nats-py, so that without it a channel or publisher fails as it is built,
    naming the plugin, not at its first read or on every delivery attempt."""
    import nats  # noqa: F401, PLC0415 - see the module docstring


async def _in_words(exc: Exception) -> None:
    """nats-py's own handler logs every failed (re)connection with a traceback, on the
    operator's terminal; the channel and the publisher report a failure themselves."""
    log.debug("nats: %s", exc)


async def connect(servers: str) -> Client:
    import nats  # noqa: PLC0415 - see the module docstring

    return await nats.connect(
        servers, connect_timeout=5, max_reconnect_attempts=3, error_cb=_in_words
    )
