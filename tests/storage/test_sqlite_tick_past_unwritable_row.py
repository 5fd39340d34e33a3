"""A page of a SQLite store's ``cases`` table that reads but cannot be written (its free
space bookkeeping damaged on disk) let a tick claim its cases and bring them up to date,
then failed the save of the whole batch: "the write was rolled back: the file is damaged",
and not one due case of the store — however many could be written — got its warnings,
breaches or escalations. A tick now saves every case it can, names each case whose row
cannot be rewritten with the check to run and the mend, leaves it due, and exits 3."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_sqlite_tick_past_damaged_page import POLICY, TICKED_AT, sound_store, still_due

from complaintkit.cli import build_cli
from complaintkit.cli.tick import LEFT_DUE
from complaintkit.storage.sqlite import SQLiteStorage

__all__ = ["sound_store"]  # the fixture, shared


def unwritable_copy(sound: Path, folder: Path, leaf: int) -> tuple[Path, list[str]]:
    """A copy of ``sound`` in ``folder`` whose ``leaf``-th leaf page of ``cases`` has its
    first free block pointing past the page: every row on it reads, none can be rewritten
    larger. The ids of the cases whose rows are on it."""
    path = folder / "cases.db"
    shutil.copyfile(sound, path)
    with closing(sqlite3.connect(path)) as db:
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        leaves = [
            page
            for (page,) in db.execute(
                "SELECT pageno FROM dbstat WHERE name = 'cases' AND pagetype = 'leaf' "
                "ORDER BY pageno"
            )
        ]
    with path.open("r+b") as handle:
        handle.seek((leaves[leaf % len(leaves)] - 1) * page_size + 1)
        handle.write((page_size - 2).to_bytes(2, "big"))
    return path, unwritable_ids(path)


def unwritable_ids(path: Path) -> list[str]:
    """The ids of the readable cases whose rows cannot be rewritten one byte longer."""
    refused = []
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        for (case_id,) in db.execute("SELECT id FROM cases ORDER BY id").fetchall():
            db.execute("SELECT body FROM cases WHERE id = ?", (case_id,)).fetchall()
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute("UPDATE cases SET body = body || ' ' WHERE id = ?", (case_id,))
            except sqlite3.DatabaseError:
                refused.append(case_id)
            db.execute("ROLLBACK")
    return refused


def tick(path: Path, *options: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        build_cli(),
        [
            "--db",
            f"sqlite:///{path}",
            "--policy",
            POLICY,
            "tick",
            "--now",
            TICKED_AT.isoformat(),
            *list(options),
        ],
    )
    return result.exit_code, result.output


@pytest.mark.parametrize(("leaf", "batch"), [(0, 500), (3, 3), (7, 1), (19, 7)])
def test_a_tick_saves_every_case_it_can_and_names_those_whose_rows_cannot_be_written(
    sound_store: Path, tmp_path: Path, leaf: int, batch: int
) -> None:
    path, refused = unwritable_copy(sound_store, tmp_path, leaf)
    assert refused  # the page held rows
    exit_code, output = tick(path, "--batch", str(batch))
    assert exit_code == LEFT_DUE, output
    assert "Traceback" not in output
    for case_id in refused:
        assert f"{case_id} left due" in output
    assert "PRAGMA integrity_check" in output
    assert str(path) in output
    assert still_due(path) == refused  # every case that could be written was
    with SQLiteStorage(f"sqlite:///{path}") as storage:
        for case_id in storage.case_ids():
            breaches = [e for e in storage.events(case_id) if e.kind == "sla_breached"]
            assert len(breaches) == (0 if case_id in refused else 1), case_id  # once each
            outbox = storage.deliveries(case_id=case_id)
            assert bool(outbox) == (case_id not in refused), case_id  # sent with its save
