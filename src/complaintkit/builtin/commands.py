"""Built-in CLI commands, added through ``register_commands`` like any plugin's."""

from __future__ import annotations

import click

from complaintkit.cli.audit import audit
from complaintkit.cli.calendar import calendar
from complaintkit.cli.cases import cases
from complaintkit.cli.dead_letters import dead_letters
from complaintkit.cli.deliver import deliver
from complaintkit.cli.demo import demo
from complaintkit.cli.intake import intake
from complaintkit.cli.migrate import migrate
from complaintkit.cli.outbox import outbox
from complaintkit.cli.plugins import plugins_command
from complaintkit.cli.policy import explain, schema, validate
from complaintkit.cli.policytest import check_command, test_command
from complaintkit.cli.replay import replay
from complaintkit.cli.report import report
from complaintkit.cli.serve import serve
from complaintkit.cli.tick import tick
from complaintkit.hookspecs import hookimpl


@hookimpl
def register_commands(cli: click.Group) -> None:
    commands = (
        audit,
        calendar,
        cases,
        deliver,
        demo,
        explain,
        intake,
        migrate,
        outbox,
        plugins_command,
        report,
        schema,
        serve,
        tick,
    )
    for command in (*commands, dead_letters, replay, validate, check_command, test_command):
        cli.add_command(command)
