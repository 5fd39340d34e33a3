"""Making each pooled connection a session the storage can read.

The URL's ``options`` pin ``DateStyle=ISO`` (``url.PINNED``), but libpq sends the client's
``PGDATESTYLE`` after them, and the server takes the last: with ``PGDATESTYLE='SQL, DMY'``
in a deployment's environment every read of an instant failed in the driver, which reads
them only in ISO form. The server reports the style it chose when the connection opens, so
a session not in ISO is set to it then: no round trip for the others.
"""

from __future__ import annotations

from typing import Any

from psycopg import Connection

from complaintkit_postgres import jsonb


def configure(conn: Connection[Any]) -> None:
    """Read ``conn``'s json with ``jsonb.loads`` and its instants in ISO form."""
    jsonb.configure(conn)
    if not (conn.info.parameter_status("DateStyle") or "").startswith("ISO"):
        conn.execute("SET DateStyle TO ISO")
