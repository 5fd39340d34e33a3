"""A store whose ledger was emptied or dropped while its cases stayed.

The ledger is what a case's history is verified against: without it an edited, cut or
re-chained history can no longer be told from the one complaintkit wrote. Only ``audit
verify`` used to notice; ``cases show``, ``replay`` and ``tick`` carried on as if the
history were vouched for. A backend that can tell cheaply (reads of primary keys)
implements ``KeepsLedger``, and the commands that show or work on history say so.

After an emptying, the next write restarts the chain at ``RESTARTED_AT`` (``ledger``): a
ledger that starts past entry 1 lost entries, whether it restarted or was cut.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from complaintkit.audit.ledger import RESTARTED_AT, parse_entry
from complaintkit.errors import DamagedRecord
from complaintkit.storage.base import Storage

#: Where the ledger starts: its first entry's id, None when it is empty.
FIRST_ENTRY = "SELECT min(id) FROM ledger"
#: Whether any event is stored, and how many case rows: asked of an empty ledger only.
EVENTS_AND_CASES = "SELECT EXISTS (SELECT 1 FROM events), (SELECT COUNT(*) FROM cases)"

#: What ``ledger_lost`` says of a ledger table that is not there.
TABLE_GONE = "its ledger table is gone (dropped)"


@runtime_checkable
class KeepsLedger(Protocol):
    """A storage that can say whether its ledger is still there to verify history against."""

    def ledger_lost(self) -> str | None:
        """What is wrong with the ledger (``TABLE_GONE``, ``emptied(n)`` or
        ``starts_late(…)``), else None."""


def emptied(cases: int) -> str:
    """The ledger holds no entry, yet ``cases`` case rows (or events) are stored."""
    stored = "1 case is" if cases == 1 else f"{cases:,} cases are"
    return f"its ledger holds no entries, yet {stored} stored (emptied)"


def starts_late(first: int, body: str | None) -> str:
    """A ledger whose first entry is ``first`` (past 1, ``body`` as stored): restarted after
    it was emptied, as the restarted entry says, or its first entries deleted."""
    try:
        restarted = None if body is None else parse_entry(body).restarted
    except ValueError:
        restarted = None
    if first == RESTARTED_AT and restarted is not None:
        return (
            f"its ledger was emptied while cases were stored, and restarted at entry {first} "
            f"on {restarted}: every entry before it was lost"
        )
    return f"its ledger's entries before entry {first} are missing (deleted)"


def ledger_lost(storage: Storage) -> list[DamagedRecord]:
    """The store's lost ledger as the one record a command names; none when it is there."""
    problem = storage.ledger_lost() if isinstance(storage, KeepsLedger) else None
    if problem is None:
        return []
    check = (
        "`complaintkit audit verify` cannot check the store until a backup restores it"
        if problem == TABLE_GONE
        else "`complaintkit audit verify` checks what is left, `audit verify --against FILE` "
        "with a checkpoint taken before shows what was lost, and a backup restores the ledger"
    )
    return [
        DamagedRecord(
            f"the store is damaged: {problem}, so no case's history can be verified any more "
            f"(an edited, cut or re-chained history reads as sound); {check}"
        )
    ]
