"""A trigger or constraint added to a SQLite store by hand that refuses one case's save
(``RAISE(ABORT, …)``) ended every tick at the batch holding that case with SQLite's own
``IntegrityError`` — a traceback from ``complaintkit tick``, and no due case of the store
brought up to date. The refusal is now the write's (``RefusedWrite``, naming the file): the
batch is saved case by case, the refused case is left due and named, the others saved."""

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


@pytest.mark.parametrize("batch", [1, 7, 500])
def test_a_case_a_trigger_refuses_is_named_and_the_others_are_saved(
    sound_store: Path, tmp_path: Path, batch: int
) -> None:
    path = tmp_path / "cases.db"
    shutil.copyfile(sound_store, path)
    due = still_due(path)
    refused = due[len(due) // 3]
    with closing(sqlite3.connect(path)) as db:
        db.execute(
            f"CREATE TRIGGER refuse BEFORE UPDATE ON cases WHEN NEW.id = '{refused}' "
            "BEGIN SELECT RAISE(ABORT, 'refused by the operator'); END"
        )
        db.commit()
    result = CliRunner().invoke(
        build_cli(),
        [
            "--db",
            f"sqlite:///{path}",
            "--policy",
            POLICY,
            "tick",
            "--batch",
            str(batch),
            "--now",
            TICKED_AT.isoformat(),
        ],
    )
    assert result.exit_code == LEFT_DUE, result.output
    assert "Traceback" not in result.output
    assert f"{refused} left due" in result.output
    assert "refused by the operator" in result.output
    assert str(path) in result.output
    assert still_due(path) == [refused]
    with SQLiteStorage(f"sqlite:///{path}") as storage:
        for case_id in due:
            saved = case_id != refused
            breaches = [e for e in storage.events(case_id) if e.kind == "sla_breached"]
            assert len(breaches) == int(saved), case_id
            assert bool(storage.deliveries(case_id=case_id)) == saved, case_id
