"""``cases show`` of a case one of whose stored events was damaged outside complaintkit
(not JSON, or JSON of another shape): it stopped with 'Error: case CK-…: stored event 2 is
damaged', showing neither the case nor any other event. As for a damaged case body, the
event is named on stderr, the case and its other events are shown, and the exit is 1."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))


def _store(tmp_path: Path, body: str, edit: str = "?") -> tuple[str, str, int]:
    """A case with three events, its second event's body replaced by ``body`` (or by the
    SQL ``edit`` of it): the URL, the case's id and how many events it has."""
    db = tmp_path / "cases.db"
    url = f"sqlite:///{db}"
    with SQLiteStorage(url) as storage:
        desk = Desk(storage=storage)
        case = desk.intake(
            {
                "channel": "web",
                "external_id": "W1",
                "received_at": datetime(2026, 11, 23, 9, tzinfo=UTC).isoformat(),
                "customer": {"id": "C1"},
                "text": "the parcel is late",
            }
        )
        desk.note(case.id, "called the courier", actor="agent")
        desk.note(case.id, "courier says tomorrow", actor="agent")
        count = len(desk.history(case.id))
    with closing(sqlite3.connect(db)) as raw, raw:
        raw.execute(
            f"UPDATE events SET body = {edit} WHERE case_id = ? AND seq = 2",
            (body, case.id),
        )
    return url, case.id, count


@pytest.mark.parametrize("body", ["{nope", "[1, 2]", '{"kind": "note"}'])
def test_cases_show_names_a_damaged_event_and_shows_the_rest(tmp_path: Path, body: str) -> None:
    url, case_id, _ = _store(tmp_path, body)
    result = CliRunner().invoke(CLI, ["--db", url, "cases", "show", case_id])
    assert result.exit_code == 1, result.output
    assert f"case {case_id}: stored event 2 is damaged:" in result.stderr
    assert case_id in result.stdout
    assert "courier says tomorrow" in result.stdout


def test_cases_show_json_holds_the_readable_events(tmp_path: Path) -> None:
    url, case_id, count = _store(tmp_path, "{nope")
    result = CliRunner().invoke(CLI, ["--db", url, "cases", "show", case_id, "--json"])
    assert result.exit_code == 1, result.output
    shown = json.loads(result.stdout)
    assert shown["case"]["id"] == case_id
    assert [e["seq"] for e in shown["events"]] == [s for s in range(1, count + 1) if s != 2]
    assert "stored event 2" in result.stderr


@pytest.mark.parametrize(
    "field", [{"kind": 5}, {"data": [1, 2]}, {"actor": 7}, {"reason": ["x"]}], ids=str
)
def test_cases_show_names_an_event_field_of_another_type(
    tmp_path: Path, field: dict[str, object]
) -> None:
    """Valid JSON whose field is of another type (``"kind": 5``) was read as an event and
    failed the view with a TypeError or AttributeError traceback."""
    url, case_id, _ = _store(tmp_path, json.dumps(field), "json_patch(body, ?)")
    result = CliRunner().invoke(CLI, ["--db", url, "cases", "show", case_id])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 1, result.output
    assert f"case {case_id}: stored event 2 is damaged: field '" in (result.stderr)
    assert "courier says tomorrow" in result.stdout
