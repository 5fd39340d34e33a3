"""``complaintkit migrate`` on PostgreSQL: a schema that is not there is no store and is not
created; an empty one is made a store; the versions found and left are the real ones, asked
with ``PostgresStorage.stored_version(url)``, which writes nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import psycopg
import pytest
from click.testing import CliRunner, Result
from complaintkit_postgres import PostgresStorage, schema
from complaintkit_postgres.url import parse_url
from pg_cases import ladder_case
from pg_older import migrations_before
from psycopg import sql

from complaintkit.cli import build_cli
from complaintkit.errors import StorageError

pytestmark = pytest.mark.postgres

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
CURRENT = len(schema.MIGRATIONS)


def _run(url: str, *args: str) -> Result:
    return CliRunner().invoke(build_cli(), ["--db", url, "migrate", *args])


def _execute(url: str, statement: sql.Composed) -> None:
    with psycopg.connect(parse_url(url).conninfo, autocommit=True) as conn:
        conn.execute(statement)


def _schema_exists(url: str) -> bool:
    name = parse_url(url).schema
    with psycopg.connect(parse_url(url).conninfo, autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (name,))
        return found.fetchone() is not None


def _create_schema(url: str) -> None:
    _execute(url, sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(parse_url(url).schema)))


def _older(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store as the plugin before its last migration left it, holding one case."""
    with monkeypatch.context() as patch:
        patch.setattr(schema, "MIGRATIONS", migrations_before(len(schema.MIGRATIONS) - 1))
        with PostgresStorage(url) as storage:
            storage.intake(*ladder_case(1, T0, [T0]))


def test_migrate_creates_no_schema_where_there_is_none(postgres_url: str) -> None:
    result = _run(postgres_url, "--json")
    assert result.exit_code == 2, result.output  # a usage error of --db
    error = json.loads(result.output)["error"]
    assert "no complaintkit store" in error["message"]
    assert parse_url(postgres_url).schema in error["message"]
    assert not _schema_exists(postgres_url)


def test_migrate_makes_an_empty_schema_a_store(postgres_url: str) -> None:
    _create_schema(postgres_url)
    result = _run(postgres_url, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"schema_version": CURRENT, "was": 0}
    assert PostgresStorage.stored_version(postgres_url) == CURRENT


def test_migrate_reports_the_versions_it_found_and_left(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _older(postgres_url, monkeypatch)
    result = _run(postgres_url, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"schema_version": CURRENT, "was": CURRENT - 1}
    again = _run(postgres_url)
    assert again.exit_code == 0, again.output
    assert f"schema version {CURRENT}, already up to date" in again.output


def test_migrate_refuses_another_applications_schema(postgres_url: str) -> None:
    _create_schema(postgres_url)
    name = sql.Identifier(parse_url(postgres_url).schema)
    _execute(postgres_url, sql.SQL("CREATE TABLE {}.invoices (id integer)").format(name))
    result = _run(postgres_url, "--json")
    assert result.exit_code == 1, result.output
    assert "invoices" in json.loads(result.output)["error"]["message"]


def test_stored_version_writes_nothing(postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert PostgresStorage.stored_version(postgres_url) is None
    assert not _schema_exists(postgres_url)
    _create_schema(postgres_url)
    assert PostgresStorage.stored_version(postgres_url) == 0
    _older(postgres_url, monkeypatch)
    assert PostgresStorage.stored_version(postgres_url) == CURRENT - 1
    assert PostgresStorage.stored_version(postgres_url) == CURRENT - 1  # not migrated


def test_stored_version_names_a_server_it_cannot_reach() -> None:
    with pytest.raises(StorageError, match="nosuchdb"):
        PostgresStorage.stored_version("postgresql://postgres@127.0.0.1:5432/nosuchdb")


#: Commands that change what is stored but never create a store, after ``--db``.
CHANGING = (
    ["dead-letters", "purge", "--all", "--json"],
    ["outbox", "requeue", "--all", "--json"],
    ["cases", "note", "CK-L0000001", "called back", "--actor", "ops", "--json"],
)


@pytest.mark.parametrize("args", CHANGING, ids=lambda args: " ".join(args[:2]))
def test_a_command_that_changes_a_store_creates_no_schema_where_there_is_none(
    postgres_url: str, args: list[str]
) -> None:
    result = CliRunner().invoke(build_cli(), ["--db", postgres_url, *args])
    assert result.exit_code == 2, result.output  # a usage error of --db
    assert parse_url(postgres_url).schema in json.loads(result.output)["error"]["message"]
    assert not _schema_exists(postgres_url)


def test_a_command_that_changes_a_store_works_on_one(postgres_url: str) -> None:
    with PostgresStorage(postgres_url) as storage:
        storage.intake(*ladder_case(1, T0, [T0]))
    result = CliRunner().invoke(
        build_cli(),
        ["--db", postgres_url, "cases", "note", "CK-L0000001", "called back", "--actor", "ops"],
    )
    assert result.exit_code == 0, result.output
