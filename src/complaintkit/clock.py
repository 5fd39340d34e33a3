"""The injected clock: library code asks a Clock for "now", tests move it by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol

from complaintkit.model.complaint import aware


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware."""
        ...


class SystemClock:
    """Wall-clock time in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """A clock that only moves when told to; tests and simulations never sleep."""

    def __init__(self, start: datetime) -> None:
        self._now = aware(start, "start")

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> datetime:
        """Move on by ``delta`` of real time, in UTC arithmetic: Python adds a timedelta to
        a zoned datetime on the wall clock, which would gain or lose an hour across DST."""
        self._now = (self._now.astimezone(UTC) + delta).astimezone(self._now.tzinfo)
        return self._now

    def set(self, instant: datetime) -> None:
        self._now = aware(instant, "instant")
