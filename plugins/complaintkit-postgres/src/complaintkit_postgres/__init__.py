"""PostgreSQL storage for complaintkit: ``postgresql://user@host:5432/db?schema=complaints``.

``PostgresStorage`` is imported when first asked for: complaintkit imports this package to
load its plugin for every command, and psycopg is needed only by one that opens a store."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from complaintkit_postgres.storage import PostgresStorage

__all__ = ["PostgresStorage"]


def __getattr__(name: str) -> Any:
    if name == "PostgresStorage":
        from complaintkit_postgres.storage import PostgresStorage  # noqa: PLC0415 - see above

        return PostgresStorage
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
