"""``cases export CASE``: a case and its whole history, for the customer or a regulator,
as JSON or CSV, carrying in the file itself the verdict of the checks ``cases show`` makes:
an edited history is exported as stored, said to be damaged, exit 1. There was no way to
export a case at all."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from contextlib import closing
from pathlib import Path

from click.testing import CliRunner, Result
from noted_case import noted_case

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))


def _store(db: Path, note: str = "called back") -> tuple[str, list[CaseEvent], str]:
    """A case with a note; its id, stored events and status token."""
    case_id = noted_case(db, note)
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        return case_id, storage.events(case_id), storage.get(case_id).status_token


def _export(db: Path, case_id: str, *options: str) -> Result:
    return CliRunner().invoke(
        CLI, ["--db", f"sqlite:///{db}", "cases", "export", case_id, *options]
    )


def test_an_intact_case_is_exported_with_its_events_and_the_verdict(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    case_id, events, token = _store(db)
    result = _export(db, case_id)
    assert result.exit_code == 0, result.output
    exported = json.loads(result.stdout)
    assert exported["verdict"]["intact"] is True
    assert exported["verdict"]["problems"] == []
    assert exported["case"]["id"] == case_id
    assert exported["events"] == [event.published_json() for event in events]
    assert token not in result.stdout  # it opens the customer's status page


def test_an_edited_history_is_exported_as_stored_and_said_to_be_damaged(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    case_id, events, _ = _store(db)
    with closing(sqlite3.connect(db)) as connection, connection:
        connection.execute(
            "UPDATE events SET body = json_set(body, '$.data.text', 'refunded in full') "
            "WHERE case_id = ? AND seq = ?",
            (case_id, events[-1].seq),
        )
    result = _export(db, case_id)
    assert result.exit_code == 1, result.output
    exported = json.loads(result.stdout)
    assert exported["verdict"]["intact"] is False
    (problem,) = exported["verdict"]["problems"]
    assert f"case {case_id} is damaged: its hash chain is broken at event {events[-1].seq}" in (
        problem
    )
    assert exported["events"][-1]["data"]["text"] == "refunded in full"  # as stored
    assert f"case {case_id} is damaged" in " ".join(result.stderr.split())


def test_a_case_whose_row_cannot_be_read_is_exported_from_its_events(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    case_id, events, _ = _store(db)
    with closing(sqlite3.connect(db)) as connection, connection:
        connection.execute("UPDATE cases SET body = '{' WHERE id = ?", (case_id,))
    result = _export(db, case_id)
    assert result.exit_code == 1, result.output
    exported = json.loads(result.stdout)
    assert exported["case"] is None
    assert len(exported["events"]) == len(events)
    assert exported["verdict"]["intact"] is False


def test_csv_has_a_row_per_event_each_with_the_verdict(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    case_id, events, token = _store(db)
    result = _export(db, case_id, "--csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [int(row["seq"]) for row in rows] == [event.seq for event in events]
    assert [row["hash"] for row in rows] == [event.hash for event in events]
    assert {row["verdict"] for row in rows} == {"intact"}
    assert json.loads(rows[-1]["data"]) == events[-1].data
    assert token not in result.stdout


def test_csv_never_runs_stored_text_as_a_formula(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    case_id, _, _ = _store(db)
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        Desk(storage=storage).transition(case_id, "investigating", actor="li.na", reason="=1+1")
    result = _export(db, case_id, "--csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[-1]["reason"] == "'=1+1"
