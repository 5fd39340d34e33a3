"""A ``schema_version`` row set by hand to a version the store's tables are not at.

The upgrade from the version the row names runs again over tables it already made, and
failed in the server's words alone (``relation "dead_letters" already exists``), naming
neither the store nor what to do; a negative version, which no plugin writes, was taken
for an old one and had the last upgrade run on it. Both are refused, nothing written.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

from complaintkit.errors import StorageError
from complaintkit_postgres.server_said import server_said


@contextmanager
def upgrading(schema: str, at: str, current: int) -> Iterator[None]:
    """The upgrade of ``schema`` (at ``at``) from version ``current``, refused when that
    version cannot be the one its tables are at."""
    where = f"PostgreSQL schema {schema!r} at {at} says version {current}"
    advice = "nothing was written. Restore it from a backup, or set the version it is at"
    if current < 0:
        raise StorageError(f"{where}, which no complaintkit-postgres writes; {advice}")
    try:
        yield
    except psycopg.errors.ProgrammingError as exc:  # a table it makes already there, …
        raise StorageError(
            f"{where}, but upgrading it failed ({server_said(exc)}): its tables are not "
            f"those of version {current} (the version set by hand, or its tables altered); "
            f"{advice}"
        ) from exc
