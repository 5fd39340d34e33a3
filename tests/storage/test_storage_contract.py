from collections.abc import Iterator
from pathlib import Path

import pytest

from complaintkit.storage.base import Storage
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing import StorageContract


class TestMemoryStorage(StorageContract):
    @pytest.fixture
    def storage(self) -> Iterator[Storage]:
        with MemoryStorage() as backend:
            yield backend


class TestSQLiteStorage(StorageContract):
    @pytest.fixture
    def storage(self, tmp_path: Path) -> Iterator[Storage]:
        with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as backend:
            yield backend
