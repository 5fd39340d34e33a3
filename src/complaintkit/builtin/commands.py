"""Built-in CLI commands, added through ``register_commands`` like any plugin's."""

from __future__ import annotations

import click

from complaintkit.cli.audit import audit
from complaintkit.cli.cases import cases
from complaintkit.cli.demo import demo
from complaintkit.cli.intake import intake
from complaintkit.cli.plugins import plugins_command
from complaintkit.cli.tick import tick
from complaintkit.hookspecs import hookimpl


@hookimpl
def register_commands(cli: click.Group) -> None:
    for command in (audit, cases, demo, intake, plugins_command, tick):
        cli.add_command(command)
