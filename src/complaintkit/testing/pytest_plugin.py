"""complaintkit's pytest plugin (entry point ``pytest11``): fixtures for embedders."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk


@pytest.fixture
def manual_clock() -> ManualClock:
    """A clock at 2026-11-23 09:00 UTC that moves only when the test says so."""
    return ManualClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))


@pytest.fixture
def memory_desk(manual_clock: ManualClock) -> Iterator[Desk]:
    """A Desk with the empty policy on in-memory storage."""
    desk = Desk(storage="memory:", clock=manual_clock)
    yield desk
    desk.storage.close()
