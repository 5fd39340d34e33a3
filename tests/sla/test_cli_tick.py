"""``complaintkit tick`` on a SQLite file."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager


def test_tick_reports_json_and_rejects_bad_instants(tmp_path: Path) -> None:
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    result = CliRunner().invoke(
        cli, ["--db", db, "tick", "--now", "2024-03-02T09:00:00+08:00", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["cases"] == 0
    bad = CliRunner().invoke(cli, ["--db", db, "tick", "--now", "yesterday"])
    assert bad.exit_code == 2
    both = CliRunner().invoke(cli, ["--db", db, "tick", "--now", "2024-03-02T09:00:00Z", "--loop"])
    assert both.exit_code == 2


def test_tick_refuses_an_instant_that_has_not_come(tmp_path: Path) -> None:
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    later = (datetime.now(UTC) + timedelta(hours=3)).isoformat()
    result = CliRunner().invoke(cli, ["--db", db, "tick", "--now", later])
    assert result.exit_code == 2
    assert "--now" in result.output
