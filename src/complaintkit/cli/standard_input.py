"""``-`` naming standard input when the command was started with none.

A process started with its standard input closed (``<&-``, a service or cron job given no
input) has no ``sys.stdin`` at all: reading ``-`` then failed inside click or a channel, in
a traceback or "'NoneType' object has no attribute 'buffer'". It is refused as a usage
error naming the argument, saying what to do.
"""

from __future__ import annotations

import sys

import click


def refuse_closed_stdin(
    value: object, param: click.Parameter | None = None, ctx: click.Context | None = None
) -> None:
    """Raise a usage error when ``value`` is ``-`` and there is no standard input to read."""
    if value == "-" and (sys.stdin is None or sys.stdin.closed):
        raise click.BadParameter(
            "'-' reads standard input, which this command was started without (closed, "
            "as by `<&-`, or not given to a service): pipe the input in, or name a file",
            ctx,
            param,
        )


def stdin_when_open(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """The callback of an argument naming a source, ``-`` for standard input."""
    refuse_closed_stdin(value, param, ctx)
    return value
