"""How a worker loop (``tick --loop``, ``deliver --loop``) is stopped: Ctrl-C or SIGTERM
(a service manager, ``docker stop``) ends it between passes — a tick under way is committed
or rolled back whole, a delivery pass waited for a bounded time (``cli.in_flight``) — with
one line on stderr and exit code 0, its normal end."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import click


@contextmanager
def stoppable(what: str) -> Iterator[threading.Event]:
    """An event SIGTERM sets, for the loop to wait on between passes; Ctrl-C ends the
    block. Either way ``what`` is said to have stopped, and SIGTERM's handler is given back."""
    stop = threading.Event()

    def stopping(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = signal.signal(signal.SIGTERM, stopping)
    try:
        yield stop
    except KeyboardInterrupt:
        stop.set()
    finally:
        signal.signal(signal.SIGTERM, previous)
    if stop.is_set():
        click.echo(f"{what}: stopped (Ctrl-C or SIGTERM)", err=True)
