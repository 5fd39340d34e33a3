"""A letter ``dead-letters retry`` refuses again for a new reason kept its old one: the
new reason was printed once and lost, and ``list``/``count`` went on naming a cause since
fixed. The store keeps the latest reason, on the same letter (its id stays)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

import embedded_backends
from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.base import Storage

AT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
storage = embedded_backends.storage


def test_a_letter_refused_again_keeps_the_latest_reason(storage: Storage) -> None:
    storage.dead_letter("csv:rows.csv:3", b"x", "text: column 'narrative' is blank", AT)
    storage.dead_letter("csv:rows.csv:4", b"y", "text: column 'narrative' is blank", AT)
    first, second = storage.dead_letters()
    storage.refused_again(first.id, "received_at: '11/23/2026' is not a date")
    assert [(d.id, d.reason) for d in storage.dead_letters()] == [
        (first.id, "received_at: '11/23/2026' is not a date"),
        (second.id, second.reason),
    ]


def test_retry_refused_for_a_new_reason_lists_the_new_one(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    path = tmp_path / "old.csv"
    path.write_text("id,date,text,narrative\n1,11/23/2026,late,\n", "utf-8")
    columns = ["-o", "columns.external_id=id", "-o", "columns.received_at=date"]
    columns += ["-o", "columns.text=narrative"]
    runner = CliRunner()
    result = runner.invoke(CLI, ["--db", db, "intake", "--channel", "csv", *columns, str(path)])
    assert result.exit_code == 3
    before = runner.invoke(CLI, ["--db", db, "dead-letters", "list"]).output
    assert "narrative" in before
    given = ["-o", "columns.text=text"]
    result = runner.invoke(CLI, ["--db", db, "dead-letters", "retry", "--all", *given])
    assert result.exit_code == 3
    after = runner.invoke(CLI, ["--db", db, "dead-letters", "list"]).output
    assert "narrative" not in after
    assert "received_at" in after
