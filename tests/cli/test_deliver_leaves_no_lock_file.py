"""``complaintkit deliver`` left ``<db>-outbox.lock`` beside the store after it ended."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager

POLICY = str(Path(__file__).parents[2] / "policies" / "retail" / "supermarket.yaml")


def test_deliver_leaves_only_the_store_files_it_found(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    Desk(storage=url).storage.close()
    before = sorted(p.name for p in tmp_path.iterdir())
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    result = CliRunner().invoke(cli, ["--db", url, "--policy", POLICY, "deliver"])
    assert result.exit_code == 0, result.output
    after = sorted(p.name for p in tmp_path.iterdir())
    assert [name for name in after if name.endswith(".lock")] == []
    assert set(after) <= set(before) | {"cases.db-wal", "cases.db-shm"}
