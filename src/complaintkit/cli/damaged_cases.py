"""Cases ``cases list`` and ``cases show`` read, each damaged one named, not the end.

A case body altered outside complaintkit (not JSON, or JSON of another shape) ended
``cases list`` at the first such case with exit 1, none of the other cases listed. They are
read by ``Storage.find_readable`` now: the readable ones are listed, each damaged one is
named on stderr (its id and what is wrong) after them, and the command exits 1 at the end,
as a failure still — ``complaintkit audit verify`` lists every damaged record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from complaintkit.desk import Desk
from complaintkit.errors import DamagedRecord
from complaintkit.model.case import Case
from complaintkit.storage.base import CaseQuery
from complaintkit.visible import shown

#: The exit code of a listing that named a damaged case.
DAMAGED = 1


@contextmanager
def naming_damaged(desk: Desk) -> Iterator[Callable[..., list[Case]]]:
    """A ``find(**filters)`` of ``desk``'s readable cases; once the block is done, each
    damaged case it met is named on stderr, and the command exits ``DAMAGED``."""
    damaged: list[DamagedRecord] = []

    def find(**filters: Any) -> list[Case]:
        cases, broken = desk.storage.find_readable(CaseQuery.given(filters))
        damaged.extend(broken)
        return cases

    yield find
    name_damaged(damaged)


def name_damaged(damaged: list[DamagedRecord]) -> None:
    """Name each of ``damaged`` on stderr and exit ``DAMAGED``; nothing when none."""
    for exc in damaged:
        click.echo(f"Error: {shown(str(exc), lines=False)}", err=True)
    if damaged:
        raise click.exceptions.Exit(DAMAGED)
