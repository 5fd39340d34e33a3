"""A plugin command taking the plugin context refuses a ``--db`` naming no store, as the
built-in commands that never create one do: it made a new empty database at the misspelt
path and reported on its nothing. A command that makes a store says so with
``pass_plugin_context(creates_store=True)``."""

from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner, Result

from complaintkit.cli import build_cli
from complaintkit.cli.context import pass_plugin_context
from complaintkit.desk.context import PluginContext
from complaintkit.hookspecs import hookimpl
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.storage.sqlite import SQLiteStorage


class Commands:
    """One command that only reads the store, one that may make it."""

    @hookimpl
    def register_commands(self, cli: click.Group) -> None:
        @cli.command("overdue")
        @pass_plugin_context
        def overdue(context: PluginContext) -> None:
            click.echo(f"{len(context.desk.find())} cases")

        @cli.command("import-legacy")
        @pass_plugin_context(creates_store=True)
        def import_legacy(context: PluginContext, /) -> None:
            click.echo(f"{len(context.desk.find())} cases before the import")


def run(db: str, *args: str) -> Result:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Commands(), name="legacy")
    return CliRunner().invoke(build_cli(Plugins(pm)), ["--db", db, *args])


def test_a_plugin_command_refuses_a_misspelt_db_and_creates_nothing(tmp_path: Path) -> None:
    typo = tmp_path / "cases.bd"
    result = run(f"sqlite:///{typo}", "overdue")
    assert result.exit_code == 2, result.output
    assert "--db" in result.stderr
    assert str(typo) in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_plugin_command_reads_an_existing_store(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    SQLiteStorage(db).close()
    result = run(db, "overdue")
    assert result.exit_code == 0, result.output
    assert result.output == "0 cases\n"


def test_a_plugin_command_that_creates_its_store_may(tmp_path: Path) -> None:
    result = run(f"sqlite:///{tmp_path / 'cases.db'}", "import-legacy")
    assert result.exit_code == 0, result.output
    assert result.output == "0 cases before the import\n"
    assert (tmp_path / "cases.db").is_file()
