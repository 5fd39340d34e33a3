"""The readers that read a SQLite store on a connection of their own, closed with it.

The connection that closes a store's file last checkpoints its write-ahead log into it and
removes the log. A reader left open (a report source no caller closes, as the batch
watcher's, kept for the Desk's life) kept the log beside the file after the process ended,
every change since the last checkpoint in it and not in the file: a copy of the file alone
(a backup, a file sent on) lacked them. The store closes its readers first.
"""

from __future__ import annotations

import weakref
from typing import Protocol


class Closable(Protocol):
    """A reader holding a connection to the store's file."""

    def close(self) -> None: ...


class Readers:
    """The readers opened on one store and not yet collected."""

    def __init__(self) -> None:
        self._open: weakref.WeakSet[Closable] = weakref.WeakSet()

    def add(self, reader: Closable) -> None:
        """Close ``reader`` when the store closes (closing twice is harmless)."""
        self._open.add(reader)

    def close(self) -> None:
        for reader in list(self._open):
            reader.close()
