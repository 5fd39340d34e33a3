"""A plugin's command ended its ``--help`` with no example, where every built-in command
shows one. One that brings none now shows a generic one built from its usage (its path,
its required arguments and options by their metavars), which runs as far as parsing; one
that brings its own epilog keeps it, as docs/plugins.md tells plugin authors."""

from __future__ import annotations

import shlex

import click
import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.hookspecs import hookimpl
from complaintkit.plugins import Plugins, plugin_manager

OWN = "complaintkit acme import legacy.csv --team billing"


class Commands:
    """A command with no arguments, one with required ones, a group, and one with its own
    example."""

    @hookimpl
    def register_commands(self, cli: click.Group) -> None:
        @cli.command("overdue")
        def overdue() -> None:
            """Count overdue cases."""

        @cli.command("import-legacy")
        @click.argument("source", type=click.Path())
        @click.option("--team", required=True, help="Team to own the cases.")
        @click.option("--dry-run", is_flag=True)
        def import_legacy(source: str, team: str, dry_run: bool) -> None:
            """Import cases from a legacy CSV."""

        @cli.group("acme")
        def acme() -> None:
            """Acme's tools."""

        @acme.command("import", epilog=f"\b\nExample:\n  {OWN}")
        @click.argument("source")
        def acme_import(source: str) -> None:
            """Import from Acme."""


def cli() -> click.Group:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Commands(), name="acme")
    return build_cli(Plugins(pm))


def example(group: click.Group, path: str) -> str:
    result = CliRunner().invoke(group, [*path.split(), "--help"])
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.output.splitlines()]
    assert "Example:" in lines, result.output
    return lines[lines.index("Example:") + 1]


@pytest.mark.parametrize("path", ["overdue", "import-legacy", "acme"])
def test_a_plugin_command_without_an_example_shows_one_of_itself(path: str) -> None:
    group = cli()
    words = shlex.split(example(group, path))
    assert words[:2] == ["complaintkit", path]


def test_the_generic_example_names_what_the_command_requires() -> None:
    group = cli()
    words = shlex.split(example(group, "import-legacy"))
    assert "--team" in words
    assert "--dry-run" not in words  # only what it cannot run without
    assert "SOURCE" in words


def test_a_plugin_command_with_its_own_example_keeps_it() -> None:
    assert example(cli(), "acme import") == OWN
