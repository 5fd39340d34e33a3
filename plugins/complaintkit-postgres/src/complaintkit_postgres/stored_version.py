"""Which schema version a PostgreSQL store has, asked without writing anything.

``complaintkit migrate`` asks before and after it migrates: a schema that is not there (a
misspelt ``?schema=``) is no store, and it creates none; an empty schema, one no migration
has run on, is version 0, which it makes a store.
"""

from __future__ import annotations

import math

import psycopg

from complaintkit.errors import StorageError
from complaintkit_postgres.read_only import read_only_options
from complaintkit_postgres.schema import version_found
from complaintkit_postgres.server_said import server_said
from complaintkit_postgres.url import parse_url


def stored_version(url: str) -> int | None:
    """The schema version of the store ``url`` names, read on one connection that can write
    nothing; a server that cannot be reached is a ``StorageError``."""
    options = read_only_options(parse_url(url))
    try:
        with psycopg.connect(
            options.conninfo,
            connect_timeout=max(1, math.ceil(options.pool_timeout)),
            options=options.server_options,
            autocommit=True,
        ) as conn:
            return version_found(conn, options.schema, options.display)
    except psycopg.Error as exc:
        raise StorageError(
            f"cannot read the schema version of PostgreSQL schema {options.schema!r} at "
            f"{options.display}: {server_said(exc)}"
        ) from exc
