"""Making each pooled connection a session the storage can read and write.

The URL's ``options`` pin ``DateStyle=ISO`` (``url.PINNED``), but libpq sends the client's
``PGDATESTYLE`` and ``PGCLIENTENCODING`` after them, and the server takes the last; a role's
or database's ``client_encoding`` applies too. With ``PGDATESTYLE='SQL, DMY'`` every read of
an instant failed in the driver, which reads them only in ISO form; with a ``LATIN1`` client
encoding no complaint in Chinese could be written or read. The server reports both when the
connection opens, so a session not in ISO and UTF8 is set to them then: no round trip for
the others.
"""

from __future__ import annotations

from typing import Any

from psycopg import Connection

from complaintkit_postgres import jsonb


def configure(conn: Connection[Any]) -> None:
    """Read ``conn``'s json with ``jsonb.loads``, its instants in ISO form, its text in UTF8."""
    jsonb.configure(conn)
    if not (conn.info.parameter_status("DateStyle") or "").startswith("ISO"):
        conn.execute("SET DateStyle TO ISO")
    if conn.info.parameter_status("client_encoding") != "UTF8":
        conn.execute("SET client_encoding TO 'UTF8'")
