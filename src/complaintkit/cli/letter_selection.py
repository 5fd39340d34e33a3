"""Which dead letters a ``dead-letters`` command acts on: the ids it names, and the
``--source`` prefix their sources start with."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import click

from complaintkit.channels.read_with import split_options
from complaintkit.cli.errors import utf8_text
from complaintkit.cli.quoted import quoted
from complaintkit.desk import Desk
from complaintkit.policy.typos import close_matches
from complaintkit.storage.base import DeadLetter
from complaintkit.visible import shown

#: How many of the sources there are a note names when ``--source`` matches none.
SOURCES_NAMED = 5

#: The record a source names last (``:3`` of a line, ``#12`` of a message), left out where
#: sources are grouped: ``--source`` is the start of a file or channel, not of one record.
_RECORD = re.compile(r"(?:[:#]\d+|:[^:/\\]*)$")


def selected(
    desk: Desk, ids: Sequence[int], source: str | None, hint: str = "IDS"
) -> list[DeadLetter]:
    storage = desk.storage
    letters = storage.dead_letters() if source is None else storage.dead_letters_from(source)
    if ids:
        known = {d.id for d in letters}
        missing = sorted(set(ids) - known)
        if missing:
            raise click.BadParameter(
                f"no dead letter with id {', '.join(map(str, missing))}; "
                "`complaintkit dead-letters list` shows them",
                param_hint=hint,
            )
        letters = [d for d in letters if d.id in ids]
    if source is not None and not letters:
        _say_none_came_from(source, storage.dead_letters())
    return letters


def _say_none_came_from(source: str, letters: Sequence[DeadLetter]) -> None:
    """Tell, on stderr (``--json`` output stays JSON), that no letter's source starts with
    ``source``, the nearest one that does and the sources there are: a misspelt prefix
    otherwise reads as a command with nothing to do. Silent when there are no letters."""
    if not letters:
        return
    groups = Counter(_group(letter.source) for letter in letters)
    kinds = {group.partition(":")[0] + ":" for group in groups}
    nearest = close_matches(source, sorted(kinds | set(groups)), n=1)
    named = [f"{shown(group, lines=False)} ({n})" for group, n in groups.most_common(SOURCES_NAMED)]
    more = f" and {len(groups) - SOURCES_NAMED} more" if len(groups) > SOURCES_NAMED else ""
    guess = f"did you mean '{shown(nearest[0], lines=False)}'? " if nearest else ""
    click.echo(
        f"--source: no dead letter came from a source starting '{shown(source, lines=False)}'; "
        f"{guess}the sources there are: {', '.join(named)}{more}",
        err=True,
    )


def _group(source: str) -> str:
    """The file or channel a letter's source names, without its record and options."""
    location = split_options(source)[0]
    kind, _, rest = location.partition(":")
    return f"{kind}:{_RECORD.sub('', rest)}" if ":" in rest or "#" in rest else location


def _blank_refused(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--source`` as given; a blank one (``--source "$PREFIX"`` of an unset variable) is
    refused: every source starts with the empty string, and ``purge --all`` would delete
    every letter. So is one holding a NUL, which would select none."""
    value = utf8_text(ctx, param, value)
    if value is not None and not value.strip():
        raise click.BadParameter(
            "is blank; give the start of the sources meant (`jsonl:`, `email:inbox.mbox`), "
            "or leave --source out to mean every letter"
        )
    if value is not None and "\x00" in value:  # no file's or channel's name holds one
        raise click.BadParameter(
            f"{quoted(value)} holds a NUL character at position {value.index(chr(0))}; "
            "no source does"
        )
    return value


source_option = click.option(
    "--source",
    "source",
    metavar="PREFIX",
    callback=_blank_refused,
    help="Only dead letters whose source starts so.",
)
