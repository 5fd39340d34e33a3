"""A database collating text as a language does (``en-US``, the default of many
installations), where text sorts otherwise than by code point as SQLite and memory sort it:
``CK-a`` before ``CK-B``, ``a-b`` beside ``ab``."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql


@pytest.fixture(scope="module")
def language_collated_server(postgres_server_url: str) -> Iterator[str]:
    """The URL of a fresh database of the server, dropped after the module's tests."""
    name = f"ck_test_en_{secrets.token_hex(4)}"
    with psycopg.connect(postgres_server_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL(
                "CREATE DATABASE {} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' "
                "LOCALE 'C.UTF-8'"
            ).format(sql.Identifier(name))
        )
    try:
        yield f"{postgres_server_url.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(postgres_server_url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
