"""Cases ``cases list`` and ``cases show`` read, each damaged one named, not the end.

A case body altered outside complaintkit (not JSON, or JSON of another shape) ended
``cases list`` at the first such case with exit 1, none of the other cases listed. They are
read by ``Storage.find_readable`` now: the readable ones are listed, each damaged one is
named on stderr (its id and what is wrong) after them, and the command exits 1 at the end,
as a failure still — ``complaintkit audit verify`` lists every damaged record. A case
whose row reads but whose history was edited (an event rewritten, its status set without
an event) is listed too, and named the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from complaintkit.audit.ledger_lost import ledger_lost
from complaintkit.audit.stored import damaged
from complaintkit.cli.case_view import history_damage
from complaintkit.desk import Desk
from complaintkit.errors import DamagedRecord
from complaintkit.model.case import Case
from complaintkit.storage.base import CaseQuery
from complaintkit.storage.orphaned_events import FindsOrphanedEvents
from complaintkit.visible import shown

#: The exit code of a listing that named a damaged case.
DAMAGED = 1


class Readable:
    """``find(**filters)``: the readable cases of a desk's store, the damaged ones kept in
    ``damaged`` (a listing of none says nothing matched only when none is damaged)."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.damaged: list[DamagedRecord] = []

    def __call__(self, **filters: Any) -> list[Case]:
        cases, broken = self.desk.storage.find_readable(CaseQuery.given(filters))
        self.damaged.extend(broken)
        return cases

    def listed(self, cases: Iterable[Case]) -> None:
        """Check the history of each of ``cases``, as the listing shows them: a case row
        reads as sound while its events were edited behind complaintkit's back."""
        for case in cases:
            self.damaged.extend(history_damage(self.desk, case))


@contextmanager
def naming_damaged(desk: Desk) -> Iterator[Readable]:
    """A ``Readable`` of ``desk``; once the block is done, each damaged case it met is
    named on stderr, and the command exits ``DAMAGED``."""
    find = Readable(desk)
    yield find
    name_damaged([*find.damaged, *_orphaned(desk), *ledger_lost(desk.storage)])


#: The most ids of cases without a row named in the one line that counts them.
MOST_ORPHANS_NAMED = 10


def _orphaned(desk: Desk) -> list[DamagedRecord]:
    """The cases whose events are stored without their row, and the rows whose events
    are gone, each kind in one record: no filter or listing finds the first, and the
    second lists as a case no history backs, so the list would pass for a sound store."""
    storage = desk.storage
    if not isinstance(storage, FindsOrphanedEvents):
        return []
    found = []
    if ids := storage.orphaned_case_ids():
        found.append(
            damaged(
                "the store",
                f"{_cases_have(ids)} events stored but no case row (deleted or lost), "
                f"so no list shows them: {_named(ids)}; `complaintkit cases show CASE` shows "
                "what is left of one",
            )
        )
    if ids := storage.eventless_case_ids():
        found.append(
            damaged(
                "the store",
                f"{_cases_have(ids)} a case row but no events (deleted or lost): "
                f"{_named(ids)}; no history backs what the list shows of them",
            )
        )
    return found


def _cases_have(ids: list[str]) -> str:
    return "1 case has" if len(ids) == 1 else f"{len(ids):,} cases have"


def _named(ids: list[str]) -> str:
    """The first ``MOST_ORPHANS_NAMED`` of ``ids``, then how many more."""
    named = ", ".join(ids[:MOST_ORPHANS_NAMED])
    extra = len(ids) - MOST_ORPHANS_NAMED
    return f"{named} and {extra:,} more" if extra > 0 else named


def name_damaged(damaged: list[DamagedRecord]) -> None:
    """Name each of ``damaged`` on stderr and exit ``DAMAGED``; nothing when none."""
    for exc in damaged:
        click.echo(f"Error: {shown(str(exc), lines=False)}", err=True)
    if damaged:
        raise click.exceptions.Exit(DAMAGED)
