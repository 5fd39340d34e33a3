"""Ctrl-C in a command that runs once: one line saying what became of the work, and the
exit code shells give a program that SIGINT ended, so a script can tell it from a failure.

Every change is committed whole (a batch of intake, a case's tick, a retried letter), so
what was committed before the key was pressed stays and nothing is left half-made.
"""

from __future__ import annotations

import click

from complaintkit.cli.ctrl_c import INTERRUPTED, INTERRUPTED_MESSAGE


class Interrupted(click.ClickException):
    """The command was stopped by Ctrl-C (``KeyboardInterrupt``)."""

    exit_code = INTERRUPTED

    def __init__(self) -> None:
        super().__init__(INTERRUPTED_MESSAGE)
