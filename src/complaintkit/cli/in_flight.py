"""A worker loop's delivery pass (``deliver --loop``, ``tick --loop``), run on a thread of
its own so that stopping the loop never waits for ever on a notifier that hangs.

SIGTERM or Ctrl-C during the pass stops it taking new work and, when a delivery is being
sent, says so and waits ``STOP_PATIENCE`` seconds for it (a second one stops the wait at
once). One still in flight then is left pending in the outbox, its attempt not counted, and
the next worker sends it again under its delivery id: at least once, never lost. Between
passes the loop's own ``stoppable`` handling stops it.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from contextlib import suppress
from types import FrameType
from typing import TypeVar

import click

from complaintkit.cli.ctrl_c import Terminated

T = TypeVar("T")

#: Seconds a stopped loop or ``serve`` waits for the delivery in flight: below
#: ``docker stop``'s 10, after which it would be killed without a word.
STOP_PATIENCE = 5.0
#: How often the loop's thread wakes while a pass runs: the kernel gives a signal to any
#: thread, and one given to the pass's (a hung notifier's) wakes no one, so its handler,
#: which only this thread runs, waits until this one wakes.
_HEARING = 0.1


def deliver_pass(
    what: str,
    stop: threading.Event,
    deliver: Callable[[threading.Event, threading.Event], T],
) -> T | None:
    """``deliver(stop, sending)``'s result, or None when its delivery in flight was left
    pending.

    The pass runs on a daemon thread while this one waits; SIGTERM raises here as Ctrl-C
    does, so either ends the wait and sets ``stop``, which ``deliver`` must heed between
    attempts, setting ``sending`` while one is sent. What the pass raised is raised here."""
    sending = threading.Event()
    results: list[T] = []
    failures: list[BaseException] = []
    ended = threading.Event()

    def run() -> None:
        try:
            results.append(deliver(stop, sending))
        except BaseException as exc:  # raised again on the loop's thread
            failures.append(exc)
        finally:
            ended.set()

    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        threading.Thread(target=run, name=f"complaintkit-{what}", daemon=True).start()
        while not ended.wait(_HEARING):  # woken to run a handler for a signal another took
            pass
    except KeyboardInterrupt:
        stop.set()
        wait_for_the_one_in_flight(what, ended, sending)
    finally:
        signal.signal(signal.SIGTERM, previous)
    if not ended.is_set():
        return None
    if failures:
        raise failures[0]
    return results[0]


def _terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated


def wait_for_the_one_in_flight(what: str, ended: threading.Event, sending: threading.Event) -> None:
    """Once ``stop`` is set, wait up to ``STOP_PATIENCE`` seconds for the delivery worker to
    end, saying so when a delivery is being sent (``sending``; none is started once stopped);
    a second SIGTERM or Ctrl-C stops waiting."""
    in_flight = sending.is_set()
    if in_flight:
        click.echo(
            f"{what}: stopping: waiting up to {STOP_PATIENCE:g} s for the delivery in flight "
            "(Ctrl-C again: stop now)",
            err=True,
        )
    with suppress(KeyboardInterrupt):
        ended.wait(STOP_PATIENCE)
    if in_flight and not ended.is_set():
        click.echo(
            f"{what}: the delivery in flight has not ended: it stays pending in the outbox, "
            "and the next worker sends it again",
            err=True,
        )
