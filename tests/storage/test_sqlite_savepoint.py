"""A SQLite write block nested in another is a savepoint: when it raises and the outer block
catches that and goes on (the Desk storing a batch one half at a time around a complaint the
backend refused, inside a retry's transaction), its writes are undone and the outer
block's commit."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from complaintkit.storage.sqlite import SQLiteStorage

AT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


class Refused(Exception):
    pass


def refused_after(storage: SQLiteStorage, source: str, nested: bool) -> None:
    """Keep a letter from ``source`` in a block (nested in another if ``nested``), then raise."""
    with storage.transaction():
        if nested:
            with storage.transaction():
                storage.dead_letter(source, b"{", "line: is not JSON", AT)
        else:
            storage.dead_letter(source, b"{", "line: is not JSON", AT)
        raise Refused


def test_a_nested_block_that_raises_is_undone_and_the_outer_one_commits(tmp_path: Path) -> None:
    with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as storage:
        with storage.transaction():
            storage.dead_letter("jsonl:in.jsonl:1", b"{", "line: is not JSON", AT)
            with pytest.raises(Refused):
                refused_after(storage, "jsonl:in.jsonl:2", nested=False)
            with storage.transaction():
                storage.dead_letter("jsonl:in.jsonl:3", b"]", "line: is not JSON", AT)
        assert [d.source for d in storage.dead_letters()] == [
            "jsonl:in.jsonl:1",
            "jsonl:in.jsonl:3",
        ]


def test_an_outer_block_that_raises_undoes_what_its_nested_blocks_wrote(tmp_path: Path) -> None:
    with SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}") as storage:
        with pytest.raises(Refused):
            refused_after(storage, "jsonl:in.jsonl:1", nested=True)
        assert storage.dead_letters() == []
