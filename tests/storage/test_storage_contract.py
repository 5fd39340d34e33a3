from collections.abc import Iterator
from pathlib import Path

import pytest

from complaintkit.errors import ConfigError
from complaintkit.storage.base import Storage
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing import StorageContract
from complaintkit.testing.planned_by_contract import PlannedByContract


class TestMemoryStorage(StorageContract, PlannedByContract):
    @pytest.fixture
    def storage(self) -> Iterator[Storage]:
        with MemoryStorage() as backend:
            yield backend


class TestSQLiteStorage(StorageContract, PlannedByContract):
    @pytest.fixture
    def storage(self, tmp_path: Path) -> Iterator[Storage]:
        with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as backend:
            yield backend


@pytest.mark.parametrize("url", ["memory:?fast=yes", "memory:/tmp/cases", "memory://host"])
def test_a_memory_url_with_more_than_its_scheme_is_refused(url: str) -> None:
    """``memory:`` keeps nothing anywhere: a path or an option after it is a mistake (a
    store the user meant to keep), not something to drop silently."""
    with pytest.raises(ConfigError, match=r"memory: takes no path or option"):
        MemoryStorage(url)
