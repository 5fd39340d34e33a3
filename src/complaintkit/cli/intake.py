"""``complaintkit intake``: take complaints in through any channel, by name."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import click

from complaintkit.channels import take_in
from complaintkit.channels.intake import IntakeSummary, records_read
from complaintkit.channels.mail import MailChannel
from complaintkit.channels.mail_acknowledgements import MailAcknowledgements
from complaintkit.channels.read_with import read_options
from complaintkit.cli.context import App, echo_json, json_option, pass_app
from complaintkit.cli.ctrl_c import stopped_by
from complaintkit.cli.period_option import PeriodSeconds
from complaintkit.cli.progress import progress
from complaintkit.cli.standard_input import stdin_when_open
from complaintkit.cli.terminal import in_row
from complaintkit.errors import StorageError, UnknownOption

#: Exit code of a run that finished but dead-lettered some records.
DEAD_LETTERED = 3


def _a_named_pipe(source: str) -> bool:
    try:
        return stat.S_ISFIFO(os.stat(source).st_mode)
    except (OSError, ValueError):  # no such file (a channel's own name for its source)
        return False


def parse_options(pairs: tuple[str, ...]) -> dict[str, Any]:
    """``-o key=value`` pairs as channel keyword arguments; ``a.b=c`` builds ``{"a": {"b": "c"}}``
    so a CSV column mapping can be given inline (``-o columns.text="Narrative"``)."""
    options: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{pair!r} is not KEY=VALUE", param_hint="--option")
        head, dot, rest = key.partition(".")
        if dot and not (head and rest):
            raise click.BadParameter(
                f"{pair!r}: write KEY=VALUE or KEY.NAME=VALUE", param_hint="--option"
            )
        given = options.get(head)
        if given is not None and isinstance(given, dict) != bool(dot):  # columns= and columns.x=
            raise click.BadParameter(
                f"{pair!r}: {head!r} is given both as a value and as {head}.NAME=VALUE",
                param_hint="--option",
            )
        if dot:
            options.setdefault(head, {})[rest] = value
        else:
            options[key] = value
    return options


def mail_limit_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--mail-acknowledgements`` and ``--mail-acknowledgement-period``: ``intake``'s and
    ``dead-letters retry``'s, so that a retried letter is acknowledged as the intake was."""
    command = click.option(
        "--mail-acknowledgement-period",
        default=3600,
        show_default=True,
        type=PeriodSeconds(),
        help="Seconds over which --mail-acknowledgements are counted.",
    )(command)
    return click.option(
        "--mail-acknowledgements",
        default=5,
        show_default=True,
        type=click.IntRange(min=0),
        help="E-mails from one sender that are acknowledged per --mail-acknowledgement-period "
        "(the email channel; a mail loop, a flood); later ones are kept, not acknowledged.",
    )(command)


def mail_limit(count: int, period: int) -> MailAcknowledgements:
    """The limit ``mail_limit_options`` read."""
    return MailAcknowledgements(count, timedelta(seconds=period))


@click.command()
@click.argument("source", callback=stdin_when_open)
@click.option(
    "--channel",
    "channel_name",
    help="Channel name. Without it: csv for a .csv or .tsv file, email for a .eml or .mbox "
    "file or a Maildir, jsonl for anything else.",
)
@click.option(
    "-o",
    "--option",
    "options",
    multiple=True,
    metavar="KEY=VALUE",
    help="A channel option, e.g. -o columns=mapping.yaml -o timezone=Asia/Shanghai "
    "(csv), -o format=mbox (email).",
)
@mail_limit_options
@json_option
@pass_app
def intake(
    app: App,
    source: str,
    channel_name: str | None,
    options: tuple[str, ...],
    mail_acknowledgements: int,
    mail_acknowledgement_period: int,
    as_json: bool,
) -> None:
    """Take in every complaint in SOURCE through a channel (default: by SOURCE's name).

    Taking the same source in twice opens no new case. A record that cannot be taken in
    (a bad line or row, an unreadable e-mail, a key another customer holds) is kept in the
    dead-letter store with its location and reason, and the run goes on.

    Exit codes: 0 everything was taken in; 3 the run finished but some records were
    dead-lettered (`complaintkit dead-letters list`); 1 the source or channel could not be
    used; 2 usage error. `complaintkit plugins` lists the channels.
    """
    desk = app.desk()
    channel_options = parse_options(options)
    if channel_name is None:
        channel_name, implied = channel_by_name(source)
        channel_options = {**implied, **channel_options}
        if channel_name != "jsonl":
            click.echo(
                f"reading {in_row(source)} through the {channel_name} channel, as its name "
                "says (--channel jsonl reads it as JSON lines)",
                err=True,
            )
    try:
        channel = desk.plugins.channel(channel_name, channel_options, desk.context)
    except UnknownOption as exc:  # a typo in -o: a usage error (exit 2), like any other
        raise click.BadParameter(str(exc), param_hint="--option") from None
    if _a_named_pipe(source):  # opening it waits for a writer, which may never come
        click.echo(
            f"reading {in_row(source)}: a named pipe, read as its writer writes into it "
            "(waiting for one to open it; Ctrl-C stops)",
            err=True,
        )
    acknowledge = getattr(channel, "acknowledge", None)  # streaming channels have one
    read = records_read(desk, channel_name, channel, source)
    summary = IntakeSummary()
    with _kept_said(summary), progress(read, "taking in", enabled=not as_json) as records:
        kept = _retried_anywhere(read_options(channel, channel_options))  # in each letter
        take_in(
            desk,
            channel_name,
            records,
            acknowledge=acknowledge,
            options=kept,
            locate=lambda: getattr(channel, "location", None),
            bytes_read=lambda: getattr(channel, "raw", None),
            into=summary,
            mail_acknowledgements=mail_limit(mail_acknowledgements, mail_acknowledgement_period)
            if isinstance(channel, MailChannel)
            else None,
        )
    # a writer's half line, held for the next run; entries of the source read as no record
    for warning in (*getattr(channel, "held", ()), *getattr(channel, "unread", ())):
        click.echo(f"warning: {in_row(str(warning))}", err=True)
    if as_json:
        echo_json(summary.to_json())
    else:
        click.echo(_counts(summary))
        if summary.answered:
            click.echo(
                f"{summary.answered} earlier dead letters removed: their records were taken "
                "in now, at their place",
                err=True,
            )
        for where, reason in summary.rejected:
            click.echo(f"  {in_row(where)}: {in_row(reason)}", err=True)
        if summary.rejected:
            click.echo(
                "See them with `complaintkit dead-letters list`; after fixing the cause, "
                "`complaintkit dead-letters retry` takes them in.",
                err=True,
            )
    if summary.rejected:
        raise click.exceptions.Exit(DEAD_LETTERED)


#: The built-in channel that reads a file named so, and the options the name implies.
_BY_SUFFIX: dict[str, tuple[str, dict[str, str]]] = {
    ".csv": ("csv", {}),
    ".tsv": ("csv", {"delimiter": "tab"}),
    ".tab": ("csv", {"delimiter": "tab"}),
    ".eml": ("email", {}),
    ".mbox": ("email", {}),
}


def channel_by_name(source: str) -> tuple[str, dict[str, str]]:
    """The channel that reads ``source`` when ``--channel`` names none, by what its name
    says it is: read as JSON lines, each row of a CSV export was a dead letter."""
    path = Path(source)
    if path.is_dir() and all((path / sub).is_dir() for sub in ("cur", "new")):
        return "email", {}  # a Maildir
    return _BY_SUFFIX.get(path.suffix.lower(), ("jsonl", {}))


def _counts(summary: IntakeSummary) -> str:
    again = summary.refused_again
    replies = (
        f"{summary.replies} replies recorded on the case of the letter they answer, "
        if summary.replies
        else ""
    )
    return (
        f"{summary.opened + summary.replies + summary.already_known} taken in "
        f"({summary.opened} new cases, {replies}{summary.already_known} duplicates already "
        f"known), {len(summary.rejected)} dead-lettered"
        + (f" ({again} more refused again as one of those)" if again else "")
    )


@contextmanager
def _kept_said(summary: IntakeSummary) -> Iterator[None]:
    """A store failing part-way, Ctrl-C or SIGTERM keeps the chunks committed before it: said on
    stderr, so that the one-line error does not read as if nothing was taken in."""
    try:
        yield
    except (StorageError, KeyboardInterrupt) as exc:
        stopped = "the store failed" if isinstance(exc, StorageError) else stopped_by(exc)
        if summary.opened or summary.replies or summary.already_known or summary.rejected:
            click.echo(
                f"before {stopped}: {_counts(summary)}; taking it in again takes in "
                "the rest and opens none of them twice",
                err=True,
            )
        raise


def _retried_anywhere(options: dict[str, Any]) -> dict[str, Any]:
    """``options`` as each dead letter keeps them, a column mapping file by its whole path:
    ``dead-letters retry`` reads it again, maybe from another folder."""
    columns = options.get("columns")
    if isinstance(columns, str) and Path(columns).is_file():
        return {**options, "columns": str(Path(columns).resolve())}
    return options
