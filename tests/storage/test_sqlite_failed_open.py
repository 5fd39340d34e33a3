"""A store that cannot be opened leaves nothing open behind it: a server retrying a
misconfigured --db would otherwise run out of file descriptors."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from complaintkit.errors import ComplaintkitError
from complaintkit.storage.sqlite import SQLiteStorage


def _open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc/self/fd")
@pytest.mark.parametrize("read_only", [False, True])
@pytest.mark.parametrize("kind", ["another application's", "not a database"])
def test_a_refused_file_is_closed_again(tmp_path: Path, kind: str, read_only: bool) -> None:
    path = tmp_path / "crm.db"
    if kind == "not a database":
        path.write_bytes(b"name,phone\n" * 500)
    else:
        other = sqlite3.connect(path)
        other.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, phone TEXT)")
        other.commit()
        other.close()
    before = _open_files()
    for _ in range(20):
        with pytest.raises(ComplaintkitError):
            SQLiteStorage(f"sqlite:///{path}", read_only=read_only)
    assert _open_files() <= before + 1
