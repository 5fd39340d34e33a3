"""Ctrl-C or SIGTERM in a command that runs once: one line saying what became of the work,
and the exit code shells give a program that SIGINT or SIGTERM ended, so a script can tell
it from a failure.

Every change is committed whole (a batch of intake, a case's tick, a retried letter), so
what was committed before the key was pressed stays and nothing is left half-made.
"""

from __future__ import annotations

import click

from complaintkit.cli.ctrl_c import (
    INTERRUPTED,
    INTERRUPTED_MESSAGE,
    TERMINATED,
    TERMINATED_MESSAGE,
    Terminated,
)


class Interrupted(click.ClickException):
    """The command was stopped by Ctrl-C (``KeyboardInterrupt``)."""

    exit_code = INTERRUPTED

    def __init__(self, message: str = INTERRUPTED_MESSAGE) -> None:
        super().__init__(message)


class StoppedBySigterm(Interrupted):
    """The command was stopped by SIGTERM (``ctrl_c.Terminated``)."""

    exit_code = TERMINATED

    def __init__(self) -> None:
        super().__init__(TERMINATED_MESSAGE)


def interrupted(by: KeyboardInterrupt) -> Interrupted:
    """The error ending a command that ``by`` stopped."""
    return StoppedBySigterm() if isinstance(by, Terminated) else Interrupted()
