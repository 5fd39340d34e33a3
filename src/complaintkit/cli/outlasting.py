"""A worker loop's pass that outlasts its store going away for a moment.

``tick --loop`` and ``deliver --loop`` run for weeks; a PostgreSQL restart or a locked
SQLite file fails one pass, which is said in one line, and the next interval tries again.
A single run still ends with the error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import click

from complaintkit.errors import StorageError
from complaintkit.visible import shown

T = TypeVar("T")


def outlasting(what: str, interval: float, work: Callable[[], T]) -> T | None:
    """``work()``, or None when the store failed it (said on stderr)."""
    try:
        return work()
    except StorageError as exc:
        reason = shown(str(exc), lines=False)
        click.echo(f"{what}: {reason}; trying again in {interval:g} s", err=True)
        return None
