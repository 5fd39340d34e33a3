"""The usage example each built-in command's ``--help`` ends with.

One short, real command line per command, kept here as data so the help of every command
shows one and a test runs each that can run on a store of its own (``CK-…`` standing for
a case id of that store). A command that brings its own epilog keeps it; a plugin's that
brings none is given one built from its usage (``generic_example``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

import click

CASE: Final = "CK-01JDX3Q7R8VWZ5K2M9T4"

#: By command path (``"cases list"``; ``""`` for complaintkit itself).
EXAMPLES: Final[dict[str, str]] = {
    "": "complaintkit --db sqlite:///cases.db cases list --overdue",
    "audit": "complaintkit audit verify",
    "audit verify": "complaintkit audit verify --json",
    "audit checkpoint": "complaintkit audit checkpoint --out checkpoint.json",
    "calendar": "complaintkit calendar show CN --year 2026",
    "calendar show": "complaintkit --policy supermarket.yaml calendar show store --year 2026",
    "cases": "complaintkit cases list --status received",
    "cases export": f"complaintkit cases export {CASE} --csv",
    "cases list": "complaintkit cases list --overdue --limit 20",
    "cases show": f"complaintkit cases show {CASE}",
    "cases explain": f"complaintkit --policy supermarket.yaml cases explain {CASE}",
    "cases respond": f"complaintkit cases respond {CASE} 'We are looking into it.' --actor li.na",
    "cases note": f"complaintkit cases note {CASE} 'Called the customer back.' --actor li.na",
    "cases event": f"complaintkit cases event {CASE} site_visit --actor li.na",
    "cases assign": f"complaintkit cases assign {CASE} wang.wei --actor li.na",
    "cases move": f"complaintkit cases move {CASE} investigating --actor li.na",
    "cases compensate": (
        f"complaintkit --policy supermarket.yaml cases compensate {CASE} "
        """--facts '{"price": {"amount": "12.80", "currency": "CNY"}}' --actor li.na"""
    ),
    "cases resolve": f"complaintkit cases resolve {CASE} 'Refunded the milk.' --actor li.na",
    "cases follow-up": f"complaintkit cases follow-up {CASE} --score 4 --actor li.na",
    "cases root-cause": (
        f"complaintkit cases root-cause {CASE} --fishbone process "
        "--why 'cold chain broke' --nature systemic --actor li.na"
    ),
    "cases close": f"complaintkit cases close {CASE} --reason 'customer satisfied' --actor li.na",
    "cases approve": f"complaintkit cases approve {CASE} comp-1 --role manager --actor zhao.min",
    "cases reject": f"complaintkit cases reject {CASE} comp-1 --reason 'over the cap' --actor zhao.min",
    "cases offer": f"complaintkit cases offer {CASE} comp-1 --actor li.na",
    "cases accept": f"complaintkit cases accept {CASE} comp-1 --actor li.na",
    "cases decline": f"complaintkit cases decline {CASE} comp-1 --actor li.na",
    "deliver": "complaintkit --policy supermarket.yaml deliver --loop --interval 10",
    "demo": "complaintkit demo --out demo-report",
    "explain": "complaintkit explain supermarket.yaml complaint.json",
    "intake": "complaintkit --policy supermarket.yaml intake complaints.jsonl",
    "migrate": "complaintkit --db sqlite:///cases.db migrate",
    "outbox": "complaintkit outbox --state dead --limit 20",
    "outbox requeue": "complaintkit outbox requeue --all --via mail",
    "plugins": "complaintkit plugins --json",
    "report": "complaintkit report --since 2026-11-01 --by channel",
    "schema": "complaintkit schema --out policy.schema.json",
    "serve": "complaintkit --policy supermarket.yaml serve --port 8000",
    "tick": "complaintkit --policy supermarket.yaml tick",
    "dead-letters": "complaintkit dead-letters count",
    "dead-letters list": "complaintkit dead-letters list --source csv: --limit 20",
    "dead-letters count": "complaintkit dead-letters count --json",
    "dead-letters show": "complaintkit dead-letters show 1 --raw",
    "dead-letters purge": "complaintkit dead-letters purge 1",
    "dead-letters retry": "complaintkit --policy supermarket.yaml dead-letters retry --all",
    "replay": "complaintkit replay candidate.yaml --since 2026-11-01",
    "validate": "complaintkit validate supermarket.yaml",
    "check": "complaintkit check supermarket.yaml --examples 20",
    "test": "complaintkit test supermarket.tests.yaml",
}


def commands(group: click.Group, path: str = "") -> Iterator[tuple[str, click.Command]]:
    """Every command under ``group``, by its path, the group itself first."""
    yield path, group
    for name, command in group.commands.items():
        named = f"{path} {name}".strip()
        if isinstance(command, click.Group):
            yield from commands(command, named)
        else:
            yield named, command


def add_examples(group: click.Group) -> None:
    """End the help of each command with its example: the one ``EXAMPLES`` names, else (a
    plugin's command that brings no epilog of its own) one built from its usage."""
    for path, command in commands(group):
        if command.epilog is None:
            example = EXAMPLES.get(path) or f"complaintkit {generic_example(path, command)}"
            command.epilog = f"\b\nExample:\n  {example}"


def generic_example(path: str, command: click.Command) -> str:
    """``command`` at ``path`` as it is run at least: its required arguments and options,
    each by its metavar (``import-legacy SOURCE --team TEXT``); a group, by the first of
    its commands."""
    if isinstance(command, click.Group) and command.commands:
        name, first = next(iter(command.commands.items()))
        return generic_example(f"{path} {name}", first)
    ctx = click.Context(command, info_name=path)
    words = [path]
    for param in command.params:
        if isinstance(param, click.Argument) and param.required:
            words.append(param.make_metavar(ctx))
        elif isinstance(param, click.Option) and param.required and param.opts:
            words += [param.opts[0], *([] if param.is_flag else [param.make_metavar(ctx)])]
    return " ".join(words)
