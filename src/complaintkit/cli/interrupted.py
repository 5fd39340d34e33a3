"""Ctrl-C or SIGTERM in a command that runs once: one line saying what became of the work,
and the exit code shells give a program that SIGINT or SIGTERM ended, so a script can tell
it from a failure.

Every change is committed whole (a batch of intake, a case's tick, a retried letter), so
what was committed before the key was pressed stays and nothing is left half-made.
"""

from __future__ import annotations

from types import CodeType

import click

from complaintkit.cli.ctrl_c import (
    INTERRUPTED,
    INTERRUPTED_MESSAGE,
    TERMINATED,
    TERMINATED_MESSAGE,
    UNCHANGED,
    Terminated,
)
from complaintkit.plugins import DEFAULT_PLUGINS, Plugins


class Interrupted(click.ClickException):
    """The command was stopped by Ctrl-C (``KeyboardInterrupt``)."""

    exit_code = INTERRUPTED

    def __init__(self, message: str = INTERRUPTED_MESSAGE) -> None:
        super().__init__(message)


class StoppedBySigterm(Interrupted):
    """The command was stopped by SIGTERM (``ctrl_c.Terminated``)."""

    exit_code = TERMINATED

    def __init__(self, message: str = TERMINATED_MESSAGE) -> None:
        super().__init__(message)


def interrupted(
    by: KeyboardInterrupt, plugins: Plugins | None = None, *, only_read: bool = False
) -> Interrupted:
    """The error ending a command that ``by`` stopped; naming the plugin hook it stopped in,
    if it stopped in one of ``plugins``' (a hook that hangs can only be stopped so). With
    ``only_read`` (the store was opened read-only) it says that nothing was changed: what
    it says of committed changes would suggest work left half done."""
    error = StoppedBySigterm() if isinstance(by, Terminated) else Interrupted()
    during = None if plugins is None else running_hook(plugins, by)
    what, kept = error.message.split(": ", 1)
    if during is not None:
        what = f"{what} while {during} ran"
    return type(error)(f"{what}: {UNCHANGED if only_read else kept}")


def running_hook(plugins: Plugins, error: BaseException) -> str | None:
    """``plugin 'acme' (classify_complaint)``: the innermost hook implementation of a
    plugin other than the built-ins that ``error`` was raised in, or None."""
    pm = plugins.pm
    hooks: dict[CodeType, str] = {}
    for plugin in pm.get_plugins():
        name = pm.get_name(plugin)
        if name is None or name in DEFAULT_PLUGINS:
            continue
        for caller in pm.get_hookcallers(plugin) or ():
            for impl in caller.get_hookimpls():
                code = getattr(impl.function, "__code__", None)
                if impl.plugin is plugin and code is not None:
                    hooks[code] = f"plugin {name!r} ({caller.name})"
    frames: list[CodeType] = []
    trace = error.__traceback__
    while trace is not None:
        frames.append(trace.tb_frame.f_code)
        trace = trace.tb_next
    return next((hooks[code] for code in reversed(frames) if code in hooks), None)
