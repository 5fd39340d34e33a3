"""``outbox requeue --all --via nope`` (a notifier no dead delivery went through) said only
"0 deliveries requeued": a misspelt notifier read as nothing to do. It now says on stderr
that no dead delivery went through it and names the notifiers the dead ones went through."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))


def test_a_notifier_no_dead_delivery_went_through_is_named(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    SQLiteStorage(db).close()
    result = CliRunner().invoke(CLI, ["--db", db, "outbox", "requeue", "--all", "--via", "nope"])
    assert result.exit_code == 0, result.output
    assert "'nope'" in result.stderr
