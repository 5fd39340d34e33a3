"""Whether a PostgreSQL schema is complaintkit's to use, asked before anything is created in it.

A table named ``schema_version`` does not make a schema ours: Flyway (before version 5) keeps
its history in one. Ours has exactly one integer column, ``version``, and beside it the
tables the first migration made (one of them dropped by hand is a damaged store, which
``audit verify`` names, not a foreign one).
"""

from __future__ import annotations

from psycopg import Connection
from psycopg.rows import TupleRow

from complaintkit.errors import StorageError

#: The tables every complaintkit store has had since its first migration.
_OURS = frozenset({"cases", "events", "intake_keys"})


def refuse_another_applications(conn: Connection[TupleRow], schema: str, at: str) -> None:
    """Raise if ``schema`` holds tables that are not a complaintkit store's (``--db``
    pointed at the wrong database or schema): an empty schema is a new store. The refusal
    names the server and database, ``at``, beside the schema."""
    tables = sorted(
        str(name)
        for (name,) in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
            (schema,),
        )
    )
    ours = _OURS.intersection(tables) or tables == ["schema_version"]
    if not tables or (ours and _our_version_table(conn, schema)):
        return
    shown = ", ".join(tables[:3]) + (", …" if len(tables) > 3 else "")
    raise StorageError(
        f"PostgreSQL schema {schema!r} at {at} holds another application's tables ({shown}), "
        "not a complaintkit store; give complaintkit a schema of its own (?schema=…)"
    )


def _our_version_table(conn: Connection[TupleRow], schema: str) -> bool:
    columns = conn.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = %s AND table_name = 'schema_version'",
        (schema,),
    ).fetchall()
    return [tuple(map(str, column)) for column in columns] == [("version", "integer")]
