"""``cases list`` over a store holding events whose case row is gone (deleted by hand, or
lost): it listed the other cases and exited 0, the orphaned history unseen, though
``audit verify`` and ``replay`` name it. It now names how many cases' events have no row,
their ids, and what to run, on stderr, exit 1; the list itself is as before."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from answered_cases import answered_cases
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))


def _orphaned(db: Path, deleted: int) -> tuple[list[str], list[str]]:
    """Four answered cases at ``db``, the rows of the first ``deleted`` removed: the ids of
    those and of the others."""
    ids = answered_cases(db, ["牛奶过期了", "鸡蛋是碎的", "面包发霉了", "收银员态度很差"], "L")
    with closing(sqlite3.connect(db)) as connection, connection:
        for case_id in ids[:deleted]:
            connection.execute("DELETE FROM cases WHERE id = ?", (case_id,))
    return ids[:deleted], ids[deleted:]


@pytest.mark.parametrize("options", [[], ["--json"], ["--status", "closed"], ["--overdue"]])
@pytest.mark.parametrize("deleted", [1, 3])
def test_orphaned_events_are_named(tmp_path: Path, options: list[str], deleted: int) -> None:
    db = tmp_path / "s.db"
    orphans, kept = _orphaned(db, deleted)
    result = CliRunner().invoke(CLI, ["--db", f"sqlite:///{db}", "cases", "list", *options])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    said = " ".join(result.stderr.split())
    assert f"{deleted} case" in said
    for case_id in orphans:
        assert case_id in said
        assert case_id not in result.stdout
    assert "complaintkit audit verify" in said
    if options == ["--json"]:
        assert sorted(row["id"] for row in json.loads(result.stdout)) == sorted(kept)
    elif not options:
        for case_id in kept:
            assert case_id in result.stdout


def test_a_sound_store_lists_with_exit_0(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _orphaned(db, 0)
    result = CliRunner().invoke(CLI, ["--db", f"sqlite:///{db}", "cases", "list"])
    assert result.exit_code == 0
    assert result.stderr == ""


@pytest.mark.parametrize("options", [[], ["--json"]])
def test_rows_without_events_are_named(tmp_path: Path, options: list[str]) -> None:
    db = tmp_path / "s.db"
    _, kept = _orphaned(db, 0)
    with closing(sqlite3.connect(db)) as connection, connection:
        connection.execute("DELETE FROM events WHERE case_id = ?", (kept[1],))
    result = CliRunner().invoke(CLI, ["--db", f"sqlite:///{db}", "cases", "list", *options])
    assert result.exit_code == 1, result.output
    said = " ".join(result.stderr.split())
    assert f"1 case has a case row but no events (deleted or lost): {kept[1]}" in said
    assert "complaintkit audit verify" in said
