"""``complaintkit intake``: take complaints in through any channel, by name."""

from __future__ import annotations

from typing import Any

import click

from complaintkit.channels import take_in
from complaintkit.cli.context import App, echo_json, json_option, pass_app


def parse_options(pairs: tuple[str, ...]) -> dict[str, Any]:
    """``-o key=value`` pairs as channel keyword arguments; ``a.b=c`` builds ``{"a": {"b": "c"}}``
    so a CSV column mapping can be given inline (``-o columns.text="Narrative"``)."""
    options: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{pair!r} is not KEY=VALUE", param_hint="--option")
        head, dot, rest = key.partition(".")
        if dot:
            options.setdefault(head, {})[rest] = value
        else:
            options[key] = value
    return options


@click.command()
@click.argument("source")
@click.option("--channel", "channel_name", default="jsonl", show_default=True, help="Channel name.")
@click.option(
    "-o",
    "--option",
    "options",
    multiple=True,
    metavar="KEY=VALUE",
    help="A channel option, e.g. -o columns=mapping.yaml -o timezone=Asia/Shanghai "
    "(csv), -o format=mbox (email).",
)
@json_option
@pass_app
def intake(
    app: App, source: str, channel_name: str, options: tuple[str, ...], as_json: bool
) -> None:
    """Take in every complaint in SOURCE through a channel (default: JSON lines).

    Taking the same source in twice opens no new case. Rejected input (a bad line or row,
    an unreadable e-mail) is kept in the dead-letter store with the reason; the exit code
    is 1 if anything was rejected. `complaintkit plugins` lists the channels.
    """
    desk = app.desk()
    channel = desk.plugins.channel(channel_name, parse_options(options), desk.context)
    summary = take_in(desk, channel_name, channel.read(source))
    if as_json:
        echo_json(summary.to_json())
    else:
        click.echo(
            f"{summary.opened} cases opened, {summary.already_known} complaints already known, "
            f"{len(summary.rejected)} rejected (kept as dead letters)"
        )
        for where, reason in summary.rejected:
            click.echo(f"  {where}: {reason}", err=True)
    if summary.rejected:
        raise click.exceptions.Exit(1)
