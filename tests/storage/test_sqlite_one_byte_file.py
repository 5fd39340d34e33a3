"""A file of one byte (``echo > cases.db``, a truncated copy) or of a few bytes all zero
was taken by SQLite for an empty database, and opening it as a store overwrote it with a
new one: what it held was lost without a word. Only an empty file is a new store; any
other file that does not begin as a SQLite database does is refused, left byte for byte."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_sqlite_not_a_database import said_not_a_store

from complaintkit.errors import StorageError
from complaintkit.storage.sqlite import SQLiteStorage


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=st.one_of(st.binary(min_size=1, max_size=1), st.integers(1, 600).map(bytes)))
@pytest.mark.parametrize("read_only", [False, True])
def test_a_short_or_zeroed_file_is_refused_and_left_as_it_was(
    tmp_path_factory: pytest.TempPathFactory, content: bytes, read_only: bool
) -> None:
    path = tmp_path_factory.mktemp("short") / "cases.db"
    path.write_bytes(content)
    with pytest.raises(StorageError) as refused:
        SQLiteStorage(f"sqlite:///{path}", read_only=read_only).close()
    said_not_a_store(str(refused.value), path)
    assert path.read_bytes() == content
    assert sorted(p.name for p in path.parent.iterdir()) == ["cases.db"]
