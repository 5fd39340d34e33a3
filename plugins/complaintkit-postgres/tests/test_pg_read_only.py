"""Commands that only read open a PostgreSQL store without writing to it: a schema that is
not there is not created, an older one is refused, not migrated, and nothing is written."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

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
from complaintkit.storage.base import CaseQuery

pytestmark = pytest.mark.postgres

SHOP = Path(__file__).resolve().parents[3] / "policies" / "ecommerce" / "online-shop.yaml"
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

#: Every command that only reads, with what it is given after ``--db``.
READING = (
    ["--policy", str(SHOP), "replay", str(SHOP), "--json"],
    ["--policy", str(SHOP), "report", "--json"],
    ["cases", "list", "--json"],
    ["audit", "verify", "--json"],
    ["outbox", "--json"],
    ["dead-letters", "list", "--json"],
    ["dead-letters", "count", "--json"],
)
IDS = [" ".join(a for a in args if "/" not in a) for args in READING]


def _run(url: str, args: list[str]) -> Result:
    return CliRunner().invoke(build_cli(), ["--db", url, *args])


def _error(result: Result) -> dict[str, str]:
    assert result.exit_code == 1, result.output
    error: dict[str, str] = json.loads(result.output)["error"]
    return error


def _execute(url: str, statement: sql.Composed) -> list[tuple[object, ...]]:
    where = parse_url(url)
    with psycopg.connect(where.conninfo, autocommit=True) as conn:
        cursor = conn.execute(statement)
        return cursor.fetchall() if cursor.description else []


def _tables(url: str) -> list[str]:
    """The tables in the URL's schema, and whether the schema exists as a last entry."""
    name = parse_url(url).schema
    rows = _execute(
        url,
        sql.SQL(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = {} "
            "UNION ALL SELECT '<schema>' FROM pg_namespace WHERE nspname = {} ORDER BY 1"
        ).format(sql.Literal(name), sql.Literal(name)),
    )
    return [str(row[0]) for row in rows]


def _version(url: str) -> int:
    name = sql.Identifier(parse_url(url).schema)
    ((version,),) = _execute(url, sql.SQL("SELECT version FROM {}.schema_version").format(name))
    return int(str(version))


def _stored(url: str) -> str:
    """A current store holding one case."""
    with PostgresStorage(url) as storage:
        storage.intake(*ladder_case(1, T0, [T0]))
    return url


def _older(url: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """A store as the plugin before its last migration left it, holding one case."""
    with monkeypatch.context() as patch:
        patch.setattr(schema, "MIGRATIONS", migrations_before(len(schema.MIGRATIONS) - 1))
        _stored(url)
    return len(schema.MIGRATIONS) - 1


@pytest.mark.parametrize("args", READING, ids=IDS)
def test_a_reading_command_creates_no_schema_where_there_is_no_store(
    postgres_url: str, args: list[str]
) -> None:
    error = _error(_run(postgres_url, args))
    assert error["type"] == "StorageError"
    assert parse_url(postgres_url).schema in error["message"]
    assert _tables(postgres_url) == []


def test_an_empty_schema_is_no_store_and_stays_empty(postgres_url: str) -> None:
    _execute(
        postgres_url,
        sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(parse_url(postgres_url).schema)),
    )
    error = _error(_run(postgres_url, ["cases", "list", "--json"]))
    assert "no complaintkit store" in error["message"]
    assert _tables(postgres_url) == ["<schema>"]


def test_another_applications_schema_is_refused_by_a_reading_command(postgres_url: str) -> None:
    name = sql.Identifier(parse_url(postgres_url).schema)
    _execute(postgres_url, sql.SQL("CREATE SCHEMA {}").format(name))
    _execute(postgres_url, sql.SQL("CREATE TABLE {}.customers (id integer)").format(name))
    error = _error(_run(postgres_url, ["cases", "list", "--json"]))
    assert "customers" in error["message"]
    assert _tables(postgres_url) == ["<schema>", "customers"]


@pytest.mark.parametrize("args", READING, ids=IDS)
def test_a_reading_command_reads_a_current_store(postgres_url: str, args: list[str]) -> None:
    _stored(postgres_url)
    result = _run(postgres_url, args)
    assert result.exit_code == 0, result.output
    json.loads(result.output)


def test_cases_list_shows_what_is_stored(postgres_url: str) -> None:
    _stored(postgres_url)
    result = _run(postgres_url, ["cases", "list", "--json"])
    assert result.exit_code == 0, result.output
    assert [case["id"] for case in json.loads(result.output)] == ["CK-L0000001"]


@pytest.mark.parametrize("args", READING, ids=IDS)
def test_a_reading_command_leaves_an_older_schema_unmigrated_and_says_how_to_upgrade(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    older = _older(postgres_url, monkeypatch)
    tables = _tables(postgres_url)
    error = _error(_run(postgres_url, args))
    assert "complaintkit migrate" in error["message"]
    assert parse_url(postgres_url).schema in error["message"]
    assert _version(postgres_url) == older
    assert _tables(postgres_url) == tables


def test_a_reading_command_refuses_a_newer_schema(postgres_url: str) -> None:
    _stored(postgres_url)
    name = sql.Identifier(parse_url(postgres_url).schema)
    _execute(postgres_url, sql.SQL("UPDATE {}.schema_version SET version = 99").format(name))
    error = _error(_run(postgres_url, ["cases", "list", "--json"]))
    assert "upgrade the plugin" in error["message"]


def test_migrate_upgrades_an_older_schema_for_the_reading_commands(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _older(postgres_url, monkeypatch)
    migrated = _run(postgres_url, ["migrate", "--json"])
    assert migrated.exit_code == 0, migrated.output
    assert _version(postgres_url) == len(schema.MIGRATIONS)
    result = _run(postgres_url, ["cases", "list", "--json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)) == 1


def test_a_store_opened_to_read_reads_and_refuses_every_write(postgres_url: str) -> None:
    _stored(postgres_url)
    with PostgresStorage.reading(postgres_url) as storage:
        assert storage.count(CaseQuery()) == 1
        case = storage.get("CK-L0000001")
        with pytest.raises(StorageError, match="only to read"):
            storage.dead_letter("test", b"x", "a reason", T0)
        with pytest.raises(StorageError, match="only to read"):
            storage.intake(*ladder_case(2, T0, [T0]))
        with pytest.raises(StorageError, match="only to read"), storage.claim_due(T0, 10):
            pass
        with pytest.raises(StorageError, match="only to read"), storage.transaction():
            storage.save(case, [])
        assert storage.count(CaseQuery()) == 1
        assert storage.dead_letters() == []
