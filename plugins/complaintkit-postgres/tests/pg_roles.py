"""A login role of its own, with settings a deployment gives its role.

A DBA sets a database's or a role's defaults (``ALTER ROLE … SET DateStyle``…), and every
session of the store's user then starts with them, whatever the storage URL says. A role
per test, named at random, keeps them off every other test on the server.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from urllib.parse import urlsplit

import psycopg
from complaintkit_postgres.testing import drop_schema, scratch_url
from psycopg import sql


@contextmanager
def role_url(server_url: str, settings: Mapping[str, str]) -> Iterator[str]:
    """A storage URL on a fresh schema, connecting as a new role whose sessions start with
    ``settings``; the role and schema are dropped after the block."""
    role = f"ck_role_{secrets.token_hex(6)}"
    schema = f"ck_test_{secrets.token_hex(6)}"
    parts = urlsplit(server_url)
    with psycopg.connect(server_url, autocommit=True) as conn:
        # a superuser needs no GRANT on the database, which two sessions at once fail
        # ("tuple concurrently updated": both rewrite its row of pg_database)
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN SUPERUSER").format(sql.Identifier(role)))
        for name, value in settings.items():
            conn.execute(
                sql.SQL("ALTER ROLE {} SET {} = {}").format(
                    sql.Identifier(role), sql.Identifier(name), sql.Literal(value)
                )
            )
    host = parts.netloc.rpartition("@")[2]
    try:
        yield scratch_url(parts._replace(netloc=f"{role}@{host}").geturl(), schema)
    finally:
        drop_schema(server_url, schema)
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)))
            conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))
