"""Command lines for every CLI command with one hostile value in one slot: the commands
and their slots read from the click group itself, so a command added later is probed too."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click

REPO = Path(__file__).parents[2]
POLICY = str(REPO / "policies" / "retail" / "supermarket.yaml")
#: Commands that take seconds whatever they are given (demo).
NOT_PROBED = {("demo",)}
#: Commands that run until stopped: serve always, these with ``--loop``.
LOOPING = {("tick",), ("deliver",)}
#: Values the hostile one is not put in: a flag, or --json (given or not, separately).
_NO_SLOT = {"as_json"}


def commands(group: click.Group, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """The path of every command under ``group``, a subcommand's group included."""
    for name, command in group.commands.items():
        yield (*path, name)
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))


def command_at(group: click.Group, path: tuple[str, ...]) -> click.Command:
    command: click.Command = group
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    return command


def slots(group: click.Group) -> list[tuple[tuple[str, ...], str]]:
    """(command path, parameter name) of every value a command line can give."""
    found = []
    for path in commands(group):
        if path[:1] in NOT_PROBED:
            continue
        for param in command_at(group, path).params:
            flag = isinstance(param, click.Option) and param.is_flag
            if not flag and param.name not in _NO_SLOT and param.name is not None:
                found.append((path, param.name))
    return found


def command_line(
    group: click.Group,
    path: tuple[str, ...],
    slot: str,
    value: str,
    fills: dict[str, str],
    loop: bool = False,
) -> list[str]:
    """``path`` with ``value`` in ``slot``, every other required argument from ``fills``;
    with ``loop``, a command of ``LOOPING`` runs as a loop. serve listens on a free port."""
    command = command_at(group, path)
    args: list[str] = list(path)
    options: list[str] = []
    for param in command.params:
        if isinstance(param, click.Argument):
            if param.name == slot:
                args.append(value)
            elif param.name in fills and (param.required or param.nargs == 1):
                args.append(fills[param.name])
        elif param.name == slot:
            options += [_option_name(param), value]
        elif param.name == "actor":
            options += ["--actor", "li.na"]
    if path == ("check",) and slot != "examples":
        options += ["--examples", "2"]  # the policy's own property search, kept short
    if path == ("tick",) and slot != "count":
        options += ["--count", "1"]
    if path == ("serve",) and slot != "port":
        options += ["--port", "0"]
    if loop and path in LOOPING:
        options.append("--loop")
    return [*args, *options]


def takes_json(group: click.Group, path: tuple[str, ...]) -> bool:
    return any(param.name == "as_json" for param in command_at(group, path).params)


def _option_name(param: click.Parameter) -> str:
    return next(opt for opt in param.opts if opt.startswith("--"))
