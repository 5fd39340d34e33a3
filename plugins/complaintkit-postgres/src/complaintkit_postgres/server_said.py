"""What PostgreSQL said, as the reason in one line of a complaintkit error."""

from __future__ import annotations

import psycopg

from complaintkit.errors import StorageError
from complaintkit_postgres.url import PostgresURL

#: What to change when the server cancelled a statement past a session timeout.
_TIMEOUTS = {
    psycopg.errors.QueryCanceled: "statement_timeout",
    psycopg.errors.LockNotAvailable: "lock_timeout",
}


def server_said(exc: psycopg.Error) -> str:
    """The first line of ``exc``'s message, or its type when it has none: the lines after
    it quote the statement the server was running (``LINE 1: SELECT …`` and a caret under
    it), the library's code, not something an operator can act on."""
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def operation_failed(options: PostgresURL, exc: psycopg.OperationalError) -> StorageError:
    """The error for an operation on the store at ``options`` that the server or the
    connection failed, naming the schema (one server holds many stores) and, for a
    statement cancelled past a session timeout, the setting that bounds it."""
    said = f"PostgreSQL schema {options.schema!r} at {options.display}: {server_said(exc)}"
    setting = next((name for kind, name in _TIMEOUTS.items() if isinstance(exc, kind)), None)
    if setting is not None:
        said += (
            f"; the statement ran past the session's {setting} (or was cancelled), and "
            "nothing of it was written: raise the setting (the URL's options, PGOPTIONS, or "
            "the role's or database's), or find the session holding it up"
        )
    return StorageError(said)
