"""A delivery worker that cannot create its lock file beside the database (a read-only
mount) fails naming the lock file and why, as the store's own failures are named, not with
the operating system's bare words."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.errors import StorageError
from complaintkit.storage import sqlite_outbox_lock
from complaintkit.storage.sqlite import SQLiteStorage


def read_only(path: str, flags: int, *args: Any) -> int:
    raise OSError(errno.EROFS, os.strerror(errno.EROFS), path)


def test_the_lock_that_cannot_be_made_is_a_storage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    with SQLiteStorage(url) as storage:
        monkeypatch.setattr(os, "open", read_only)
        with pytest.raises(StorageError) as failed, sqlite_outbox_lock.hold(storage.path):
            pass
    message = str(failed.value)
    assert "cases.db-outbox.lock" in message
    assert os.strerror(errno.EROFS) in message
    assert "delivery" in message


def test_deliver_says_so_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    SQLiteStorage(url).close()
    monkeypatch.setattr(os, "open", read_only)
    policy = Path(__file__).parents[2] / "src/complaintkit/demo/policy.yaml"
    result = CliRunner().invoke(build_cli(), ["--db", url, "--policy", str(policy), "deliver"])
    assert result.exit_code == 1, result.output
    assert result.output.startswith("Error: ")
    assert "cases.db-outbox.lock" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output
