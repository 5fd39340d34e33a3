"""A write the server refused for what the store holds, as ``RefusedWrite``.

A constraint an operator added (a ``CHECK``, a trigger raising) refuses the row of one
case, and a serializable transaction fails when another changed the same rows at the
same moment: neither is the server failing, and neither is every case's. As a plain driver
error the first ended every tick at the batch holding that case, and the second ended the
tick; as ``RefusedWrite`` the tick saves the batch case by case and names the one refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

from complaintkit.errors import RefusedWrite
from complaintkit_postgres.server_said import server_said
from complaintkit_postgres.url import PostgresURL

#: A transaction the server ended for a concurrent one (SQLSTATE class 40): psycopg makes
#: each of them an ``OperationalError`` of its own, not a ``TransactionRollback``.
CONCURRENT = (
    psycopg.errors.TransactionRollback,
    psycopg.errors.SerializationFailure,
    psycopg.errors.DeadlockDetected,
)

#: What the server raises for a write refused by what the store holds.
REFUSALS = (psycopg.IntegrityError, psycopg.DataError, *CONCURRENT)


def refused_write(options: PostgresURL, exc: psycopg.Error) -> RefusedWrite:
    """The error for a write of the store at ``options`` the server refused with ``exc``."""
    where = f"PostgreSQL schema {options.schema!r} at {options.display}"
    if isinstance(exc, CONCURRENT):
        return RefusedWrite(
            f"{where}: {server_said(exc)}: another transaction changed the same rows at the "
            "same moment; nothing of this write was kept, and the next run tries it again"
        )
    return RefusedWrite(
        f"{where} refused the write: {server_said(exc)}; nothing of it was written. A "
        "constraint or trigger added to the store outside complaintkit refuses it: correct "
        "or drop it, and the next run tries again"
    )


@contextmanager
def refused_as_such(options: PostgresURL) -> Iterator[None]:
    """A save of the store at ``options`` the server refuses for what the store holds
    raises ``RefusedWrite``, which a tick saves apart."""
    try:
        yield
    except REFUSALS as exc:
        raise refused_write(options, exc) from exc
