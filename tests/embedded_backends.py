"""The embedded backends, for tests that hold for each of them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from complaintkit.storage.base import Storage
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.sqlite import SQLiteStorage


@pytest.fixture(params=["memory", "sqlite"])
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Storage]:
    backend: Storage = (
        MemoryStorage()
        if request.param == "memory"
        else SQLiteStorage(f"sqlite:///{tmp_path}/c.db")
    )
    with backend:
        yield backend
