"""A store whose ledger was emptied or dropped while its cases stayed.

The ledger is what a case's history is verified against: without it an edited, cut or
re-chained history can no longer be told from the one complaintkit wrote. Only ``audit
verify`` used to notice; ``cases show``, ``replay`` and ``tick`` carried on as if the
history were vouched for. A backend that can tell cheaply (two reads of a primary key)
implements ``KeepsLedger``, and the commands that show or work on history say so.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from complaintkit.errors import DamagedRecord
from complaintkit.storage.base import Storage

#: Whether the ledger holds an entry, and whether any event is stored.
LEDGER_AND_EVENTS = (
    "SELECT EXISTS (SELECT 1 FROM ledger), EXISTS (SELECT 1 FROM events), "
    "(SELECT COUNT(*) FROM cases)"
)

#: What ``ledger_lost`` says of a ledger table that is not there.
TABLE_GONE = "its ledger table is gone (dropped)"


@runtime_checkable
class KeepsLedger(Protocol):
    """A storage that can say whether its ledger is still there to verify history against."""

    def ledger_lost(self) -> str | None:
        """What is wrong with the ledger (``TABLE_GONE``, or ``emptied(n)``), else None."""


def emptied(cases: int) -> str:
    """The ledger holds no entry, yet ``cases`` case rows (or events) are stored."""
    stored = "1 case is" if cases == 1 else f"{cases:,} cases are"
    return f"its ledger holds no entries, yet {stored} stored (emptied)"


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
