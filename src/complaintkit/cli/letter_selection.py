"""Which dead letters a ``dead-letters`` command acts on: the ids it names, and the
``--source`` prefix their sources start with."""

from __future__ import annotations

from collections.abc import Sequence

import click

from complaintkit.desk import Desk
from complaintkit.storage.base import DeadLetter


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
    return letters


def _blank_refused(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--source`` as given; a blank one (``--source "$PREFIX"`` of an unset variable) is
    refused: every source starts with the empty string, and ``purge --all`` would delete
    every letter."""
    if value is not None and not value.strip():
        raise click.BadParameter(
            "is blank; give the start of the sources meant (`jsonl:`, `email:inbox.mbox`), "
            "or leave --source out to mean every letter"
        )
    return value


source_option = click.option(
    "--source",
    "source",
    metavar="PREFIX",
    callback=_blank_refused,
    help="Only dead letters whose source starts so.",
)
