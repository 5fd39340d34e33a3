"""``cases list`` and ``cases show`` over a SQLite store one of whose case bodies was
damaged outside complaintkit: they stopped with exit 1 at the first such case, listing
none of the others. Each damaged case is named on stderr (its id and what is wrong), the
rest are listed, and the exit code is 1 at the end."""

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


def _store(tmp_path: Path, body: str) -> tuple[str, list[str]]:
    """A store of three cases, the second's body replaced by ``body``."""
    db = tmp_path / "cases.db"
    url = f"sqlite:///{db}"
    with SQLiteStorage(url) as storage:
        desk = Desk(storage=storage)
        ids = [
            desk.intake(
                {
                    "channel": "web",
                    "external_id": f"W{n}",
                    "received_at": datetime(2026, 11, 23, 9, n, tzinfo=UTC).isoformat(),
                    "customer": {"id": f"C{n}"},
                    "text": f"complaint {n}",
                }
            ).id
            for n in range(3)
        ]
    with closing(sqlite3.connect(db)) as raw, raw:
        raw.execute("UPDATE cases SET body = ? WHERE id = ?", (body, ids[1]))
    return url, ids


@pytest.mark.parametrize(
    "body", ["{nope", "[1, 2]", '{"id": "x"}'], ids=["json", "shape", "fields"]
)
def test_cases_list_names_a_damaged_case_and_lists_the_rest(tmp_path: Path, body: str) -> None:
    url, ids = _store(tmp_path, body)
    result = CliRunner().invoke(CLI, ["--db", url, "cases", "list"])
    assert result.exit_code == 1, result.output
    assert ids[0] in result.stdout
    assert ids[2] in result.stdout
    assert ids[1] not in result.stdout
    assert f"case {ids[1]} is damaged:" in result.stderr


def test_cases_list_json_holds_the_readable_cases(tmp_path: Path) -> None:
    url, ids = _store(tmp_path, "{nope")
    result = CliRunner().invoke(CLI, ["--db", url, "cases", "list", "--json"])
    assert result.exit_code == 1
    assert [c["id"] for c in json.loads(result.stdout)] == [ids[0], ids[2]]
    assert ids[1] in result.stderr


def test_the_open_work_list_names_a_damaged_case_too(tmp_path: Path) -> None:
    url, ids = _store(tmp_path, "{nope")
    result = CliRunner().invoke(CLI, ["--db", url, "cases", "list", "--by", "owner"])
    assert result.exit_code == 1
    assert "open" in result.stdout
    assert f"case {ids[1]} is damaged:" in result.stderr


def test_cases_show_of_a_damaged_case_names_it_and_shows_its_history(tmp_path: Path) -> None:
    url, ids = _store(tmp_path, "[1, 2]")
    result = CliRunner().invoke(CLI, ["--db", url, "cases", "show", ids[1]])
    assert result.exit_code == 1
    assert f"case {ids[1]} is damaged:" in result.stderr
    assert "opened" in result.stdout  # its history, read from its events


def test_a_store_of_damaged_cases_alone_is_not_said_to_hold_none(tmp_path: Path) -> None:
    """'No cases match. Take some in with: complaintkit intake' was printed above the
    damaged case's name: the store holds cases, none of them readable."""
    url, ids = _store(tmp_path, "{nope")
    result = CliRunner().invoke(CLI, ["--db", url, "cases", "list", "--customer", "C1"])
    assert result.exit_code == 1
    assert "No cases match" not in result.stdout
    assert f"case {ids[1]} is damaged:" in result.stderr
