"""A page that every save writes into — the last page of the outbox, of the event log —
damaged on disk failed the save of every case of a tick, and the tick named each of them
as if its own row were damaged: forty times the same advice, and nothing said which part
of the store was at fault. The tick now names the damaged part once (the table, the check
to run, the mend), names each case it left due as not saved because of that part, and
still saves what does not write into it; nothing is lost: every case is saved whole with
what it sends, or left due as it was."""

from __future__ import annotations

import json
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


def last_page_unwritable(sound: Path, folder: Path, table: str) -> Path:
    """A copy of ``sound`` whose ``table`` has its last leaf's first free block pointing
    past the page: it reads, and nothing can be added to it."""
    path = folder / "cases.db"
    shutil.copyfile(sound, path)
    with closing(sqlite3.connect(path)) as db:
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        (last,) = db.execute(
            "SELECT max(pageno) FROM dbstat WHERE name = ? AND pagetype = 'leaf'", (table,)
        ).fetchone()
    with path.open("r+b") as handle:
        handle.seek((last - 1) * page_size + 1)
        handle.write((page_size - 2).to_bytes(2, "big"))
    return path


@pytest.mark.parametrize(
    ("table", "part"), [("outbox", "the outbox"), ("event_log", "the event log")]
)
def test_a_damaged_shared_page_is_named_once_and_no_case_is_blamed(
    sound_store: Path, tmp_path: Path, table: str, part: str
) -> None:
    path = last_page_unwritable(sound_store, tmp_path, table)
    due = still_due(path)
    store, now = f"sqlite:///{path}", TICKED_AT.isoformat()
    result = CliRunner().invoke(
        build_cli(), ["--db", store, "--policy", POLICY, "tick", "--json", "--now", now]
    )
    assert result.exit_code == LEFT_DUE, result.output
    assert "Traceback" not in result.output
    report = json.loads(result.stdout)
    (damage,) = report["damaged"]
    assert part in damage
    assert f"({table})" in damage.replace("table ", "")
    assert "PRAGMA integrity_check" in damage
    assert str(path) in damage
    left = {row["case_id"]: row["reason"] for row in report["failed"]}
    for reason in left.values():
        assert part in reason
        assert "integrity_check" not in reason  # the advice is given once, above
    assert sorted(left) == still_due(path)  # each case left due is named, none lost
    with SQLiteStorage(f"sqlite:///{path}") as storage:
        for case_id in due:
            breaches = [e for e in storage.events(case_id) if e.kind == "sla_breached"]
            saved = case_id not in left
            assert len(breaches) == int(saved), case_id
            assert bool(storage.deliveries(case_id=case_id)) == (saved and table != "outbox")
