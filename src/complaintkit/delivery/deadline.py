"""A notifier's call, timed and given a deadline.

The delivery worker sends one delivery at a time, so a plugin notifier whose ``send`` hangs
(a socket with no timeout) held every delivery behind it, with no word of whose it was.
Python cannot stop a running call, so each call runs on a thread of its own that the worker
waits for at most ``deadline`` seconds: a call taking ``SlowHooks.seconds`` or more is
logged naming the notifier and its plugin, as a slow hook call is, and one still running at
the deadline is left to run while its delivery is recorded as not answered, retried later
(``DeliveryFailed(unanswered=True)``): the message is not lost, and the rest go on. That
notifier is not called again, by this process, until the call left running returns: never
two calls of it at once, nor a pile of hung threads. What the late call did is logged when
it returns; as it may have delivered, the retry may deliver twice (at least once, under the
same delivery id, which the receiver can drop repeats by).
"""

from __future__ import annotations

import contextvars
import inspect
import logging
import math
import os
import threading
import time
import types
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.errors import ConfigError
from complaintkit.plugin_said import said
from complaintkit.plugin_slow import SlowHooks, slow_hooks_from

#: How long the worker waits for a notifier's call, unless ``DEADLINE_VARIABLE`` says; a
#: notifier with a ``timeout`` of its own (the built-ins) is given twice that, if longer.
DEADLINE_SECONDS = 300.0
DEADLINE_VARIABLE = "COMPLAINTKIT_NOTIFIER_DEADLINE_SECONDS"

log = logging.getLogger(__name__)


@attrs.define
class _Running:
    """One notifier call on its thread: what it was, and once ``done``, how it ended."""

    via: str
    what: str
    deliveries: str
    started: float
    done: threading.Event = attrs.field(factory=threading.Event)
    answer: object = None
    error: BaseException | None = None


class NotifierCalls:
    """Runs the delivery worker's calls of notifiers, each within a deadline, and keeps the
    calls left running past it, by notifier name, across the worker's passes."""

    def __init__(
        self,
        *,
        deadline: float | None = None,
        slow: SlowHooks | None = None,
        plugins: Mapping[str, str] | None = None,
    ) -> None:
        self.deadline = deadline if deadline is not None else deadline_from()
        self.slow = slow if slow is not None else slow_hooks_from()
        self.plugins = dict(plugins or {})  # notifier name → the plugin that registered its type
        self._hung: dict[str, _Running] = {}
        self._lock = threading.Lock()

    def named(self, via: str) -> str:
        """``notifier 'crm' (plugin 'acme')``: whose code a message about it means."""
        plugin = self.plugins.get(via)
        return f"notifier {via!r}" + ("" if plugin is None else f" (plugin {plugin!r})")

    def held(self, via: str) -> str | None:
        """Why ``via`` may not be called now (a call of it left running past its deadline
        has not returned), or None."""
        with self._lock:
            running = self._hung.get(via)
            if running is not None and running.done.is_set():
                del self._hung[via]
                running = None
        if running is None:
            return None
        return (
            f"{self.named(via)} is still in its {running.what}() of {running.deliveries}, "
            f"{time.monotonic() - running.started:.0f} s after it was called and past the "
            f"{self.deadline:g} s deadline; it is not called again until that call returns: "
            "give each of the notifier's network calls a timeout"
        )

    def call(
        self, via: str, what: str, deliveries: str, function: Callable[..., Any], *args: Any
    ) -> Any:
        """``function(*args)`` (``via``'s ``what`` for ``deliveries``), on a thread of its
        own: its answer, or what it raised, or a ``DeliveryFailed`` (not answered) when it
        is still running at the deadline."""
        running = _Running(via, what, deliveries, time.monotonic())
        context = contextvars.copy_context()  # the caller's log context, a test's too
        thread = threading.Thread(
            target=context.run,
            args=(self._run, running, function, args),
            name=f"complaintkit notifier {via} {what}",
            daemon=True,  # one left running past its deadline keeps no process alive
        )
        deadline = self.deadline_of(function)
        started = self.slow.timer()
        thread.start()
        finished = running.done.wait(deadline)
        if (took := self.slow.timer() - started) >= self.slow.seconds:
            self.slow.took_by(
                [self.plugins.get(via, via)],
                f"notifier {via!r} {what}()",
                took,
                advice="complaintkit waits for a notifier's call at most "
                f"{DEADLINE_VARIABLE} ({deadline:g} s): give each of its network calls a "
                "timeout",
            )
        if not finished:
            with self._lock:
                self._hung[via] = running
            raise DeliveryFailed(
                f"{self.named(via)}: {what}() did not return within {deadline:g} s "
                f"({DEADLINE_VARIABLE} sets it), and is left running; retried later, once "
                "it has returned (it may yet deliver: delivery is at least once, under the "
                "same delivery id): give each of the notifier's network calls a timeout",
                unanswered=True,
            )
        if running.error is not None:
            raise running.error
        return running.answer

    def _run(self, running: _Running, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
        try:
            running.answer = function(*args)
        except BaseException as exc:  # the caller's to handle, as if raised there
            running.error = exc
        finally:
            running.done.set()
            with self._lock:
                late = self._hung.get(running.via) is running
                if late:
                    del self._hung[running.via]
            if late:
                ended = "raised " + said(running.error) if running.error else "returned"
                log.warning(
                    "%s %s from its %s() of %s %.3g s after it was called, past the %g s "
                    "deadline; it was recorded as not answered, and is sent again when due",
                    self.named(running.via),
                    ended,
                    running.what,
                    running.deliveries,
                    time.monotonic() - running.started,
                    self.deadline,
                )

    def deadline_of(self, method: Callable[..., Any]) -> float:
        """The deadline, or twice the ``timeout`` of the notifier ``method`` is bound to
        when that is longer (read without running a plugin's property)."""
        notifier = method.__self__ if isinstance(method, types.MethodType) else None
        own = inspect.getattr_static(notifier, "timeout", None)
        if isinstance(own, int | float) and not isinstance(own, bool) and math.isfinite(own):
            return max(self.deadline, 2 * own)
        return self.deadline


def deadline_from(environ: Mapping[str, str] = os.environ) -> float:
    """The seconds ``COMPLAINTKIT_NOTIFIER_DEADLINE_SECONDS`` gives, else the default; a
    value that is no positive finite number is a ``ConfigError`` saying what to write."""
    text = environ.get(DEADLINE_VARIABLE, "").strip()
    if not text:
        return DEADLINE_SECONDS
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds <= 0:
        raise ConfigError(
            f"{DEADLINE_VARIABLE}={text!r} is not a number of seconds: write a finite number "
            f"above 0, e.g. {DEADLINE_VARIABLE}=120, or unset it for {DEADLINE_SECONDS:g}"
        )
    return seconds
