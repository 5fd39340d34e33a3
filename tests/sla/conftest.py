"""Fixtures of the SLA tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sla_helpers import OPENED


@pytest.fixture(autouse=True)
def close_the_stores_desks_opened() -> Iterator[None]:
    """A store a Desk opened from a URL stays open after the test, its threads running,
    unless closed: ``make_desk`` names them, and they are closed here."""
    yield
    while OPENED:
        OPENED.pop().close()
