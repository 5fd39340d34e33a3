"""An option that takes one value, given twice with two values, is refused.

click keeps the last and drops the first without a word: ``--reason A … --reason B``
records B alone, ``report --since A --since B`` reports from B. What was typed is lost, so
the command line is a usage error naming the option and both values instead. The same
value twice drops nothing and is accepted, as are flags and options meant to repeat.
"""

from __future__ import annotations

import click


def refuse_given_twice(ctx: click.Context, command: click.Command, args: list[str]) -> None:
    """Raise a ``UsageError`` when ``args`` (what follows ``command``'s name) gives one of
    its single-value options two values; in a group, its subcommand's options too."""
    options = {
        name: option
        for option in command.params
        if isinstance(option, click.Option)
        for name in option.opts
        if name.startswith("--")  # the short ones (-o) all repeat on purpose
    }
    given: dict[str, tuple[str, str]] = {}
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            return
        name, inline, value = arg.partition("=")
        option = options.get(name)
        if option is None:
            if isinstance(command, click.Group) and not arg.startswith("-"):
                _in_subcommand(ctx, command, args[index:])
                return
            index += 1
            continue
        takes = 0 if option.is_flag or option.count else option.nargs
        if not inline:
            value = " ".join(args[index + 1 : index + 1 + takes])
        index += 1 + (0 if inline else takes)
        if takes == 0 or option.multiple or option.name is None:
            continue
        first = given.setdefault(option.name, (name, value))
        if first[1] != value:
            raise click.UsageError(
                f"{name} is given twice, {first[1]!r} and {value!r}: give it once "
                "(the first would be dropped without a word)",
                ctx,
            )


def _in_subcommand(ctx: click.Context, group: click.Group, args: list[str]) -> None:
    sub = group.get_command(ctx, args[0])
    if sub is not None:
        refuse_given_twice(ctx, sub, args[1:])
