"""A third-party storage backend written as docs/plugins.md tells plugin authors: a
``Storage`` subclass with the abstract methods only (every other one left to ``Storage``'s
defaults), each answered by a memory store, which raises where a test tells it to: in
``intake`` or ``save``, when reading events, or when a transaction commits."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import attrs

from complaintkit.storage.base import Storage
from complaintkit.storage.memory import MemoryStorage


class Broken(RuntimeError):
    """What the backend raises where it was told to fail."""


@attrs.define
class Fault:
    """Raise ``error`` at the call after ``passing`` calls went through, ``times`` times."""

    error: Exception
    passing: int = 0
    times: int = 1


def _passed_on(name: str) -> Callable[..., Any]:
    def method(self: Hostile, *args: Any, **kwargs: Any) -> Any:
        self.at(name)
        return getattr(self.inner, name)(*args, **kwargs)

    method.__name__ = method.__qualname__ = name
    return method


class Hostile(Storage):
    """The abstract methods, answered by a memory store; nothing else. ``fail(point, ...)``
    makes the calls of one method (or ``commit``, the end of the outermost block) raise."""

    def __init__(self, url: str = "hostile:") -> None:
        self.url = url
        self.inner = MemoryStorage()
        self.faults: dict[str, Fault] = {}
        self._depth = threading.local()

    def fail(
        self, point: str, error: Exception | None = None, *, passing: int = 0, times: int = 1
    ) -> None:
        self.faults[point] = Fault(error or Broken(f"{point} failed"), passing, times)

    def at(self, point: str) -> None:
        """Raise here if a fault is set for ``point`` and its turn came."""
        fault = self.faults.get(point)
        if fault is None or fault.times == 0:
            return
        if fault.passing:
            fault.passing -= 1
            return
        fault.times -= 1
        raise fault.error

    @contextmanager
    def transaction(self) -> Iterator[None]:
        depth = getattr(self._depth, "n", 0)
        self._depth.n = depth + 1
        try:
            with self.inner.transaction():
                yield
                if depth == 0:
                    self.at("commit")  # raised inside: the memory store undoes the block
        finally:
            self._depth.n = depth

    intake = _passed_on("intake")
    save = _passed_on("save")
    events = _passed_on("events")
    events_since = _passed_on("events_since")
    get = _passed_on("get")
    find = _passed_on("find")
    find_by_key = _passed_on("find_by_key")
    find_by_token = _passed_on("find_by_token")
    count = _passed_on("count")
    case_ids = _passed_on("case_ids")
    claim_due = _passed_on("claim_due")
    enqueue = _passed_on("enqueue")
    hold_outbox = _passed_on("hold_outbox")
    due_deliveries = _passed_on("due_deliveries")
    record_attempts = _passed_on("record_attempts")
    requeue_dead = _passed_on("requeue_dead")
    deliveries = _passed_on("deliveries")
    dead_letter = _passed_on("dead_letter")
    dead_letters = _passed_on("dead_letters")
