"""A plugin's command raising an error that cannot be read as text (its ``__str__``
raises, its message is an int too long to print) is still one line naming the plugin and
the command, not a traceback of what failed while the line was written."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.hookspecs import hookimpl
from complaintkit.plugins import Plugins, plugin_manager


class Unsayable(Exception):
    def __str__(self) -> str:
        raise RuntimeError("str of the error broke")


ERRORS = {"unsayable": Unsayable(), "huge-message": ValueError(10**5000)}


class Commands:
    def __init__(self, error: Exception) -> None:
        self.error = error

    @hookimpl
    def register_commands(self, cli: click.Group) -> None:
        @cli.command("boom")
        def boom() -> None:
            raise self.error


@pytest.mark.parametrize("error", ERRORS)
def test_one_line_naming_plugin_and_command(error: str) -> None:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(Commands(ERRORS[error]), name="acme")
    result = CliRunner().invoke(build_cli(Plugins(pm)), ["boom"])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # no traceback
    assert "'boom'" in result.output
    assert "'acme'" in result.output
    assert type(ERRORS[error]).__name__ in result.output
