"""A server that refuses writes to the store's role, said as that.

A DBA may start a role's or database's sessions read-only (``ALTER ROLE … SET
default_transaction_read_only = on``, as for a reporting user), or the URL may name a
standby. A store opened to write there must fail naming the server and schema, not as a
backend bug with the driver's message alone, and lose nothing it already held.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from complaintkit_postgres import PostgresStorage
from complaintkit_postgres.url import parse_url
from pg_roles import role_url

from complaintkit.cli import build_cli
from complaintkit.delivery.outgoing import Attempt, Outgoing
from complaintkit.desk import Desk
from complaintkit.errors import StorageError
from complaintkit.model.message import Message
from complaintkit.testing.storage_contract import make_complaint

pytestmark = pytest.mark.postgres

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _read_only_from_now_on(url: str) -> None:
    with psycopg.connect(parse_url(url).conninfo, autocommit=True) as conn:
        conn.execute("ALTER ROLE CURRENT_USER SET default_transaction_read_only = on")


def test_a_new_store_for_a_read_only_role_is_refused_naming_server_and_schema(
    postgres_server_url: str,
) -> None:
    settings = {"default_transaction_read_only": "on"}
    with role_url(postgres_server_url, settings) as url:
        where = parse_url(url)
        with pytest.raises(StorageError) as refused:
            PostgresStorage(url)
    assert where.schema in str(refused.value)
    assert where.display in str(refused.value)


def test_a_write_to_a_store_whose_role_became_read_only_is_refused_and_loses_nothing(
    postgres_server_url: str,
) -> None:
    with role_url(postgres_server_url, {}) as url:
        with PostgresStorage(url) as storage:
            kept = Desk(storage=storage).intake(make_complaint("kept"))
        _read_only_from_now_on(url)
        with PostgresStorage(url) as storage:
            with pytest.raises(StorageError) as refused:
                Desk(storage=storage).intake(make_complaint("refused"))
            assert list(storage.case_ids()) == [kept.id]
    assert parse_url(url).display in str(refused.value)


def test_the_cli_names_a_read_only_server_in_one_line(
    postgres_server_url: str, tmp_path: Path
) -> None:
    complaints = tmp_path / "complaints.jsonl"
    complaints.write_text(json.dumps(make_complaint("refused").to_json()) + "\n")
    with role_url(postgres_server_url, {"default_transaction_read_only": "on"}) as url:
        result = CliRunner().invoke(build_cli(), ["--db", url, "intake", "--json", str(complaints)])
    assert result.exit_code == 1, result.output
    error = json.loads(result.output)["error"]
    assert error["type"] == "StorageError"
    assert parse_url(url).schema in error["message"]


def test_a_delivery_worker_whose_role_became_read_only_names_it_and_sends_it_again(
    postgres_server_url: str,
) -> None:
    message = Message(to="c@example.com", subject="s", body="b", case_id="CK-1")
    with role_url(postgres_server_url, {}) as url:
        with PostgresStorage(url) as storage:
            storage.enqueue([Outgoing.message("mail", message, T0)])
        _read_only_from_now_on(url)
        with PostgresStorage(url) as storage:
            with storage.hold_outbox() as held:
                assert held
                (due,) = storage.due_deliveries(T0, limit=10)
                with pytest.raises(StorageError) as refused:
                    storage.record_attempts([(due, Attempt(T0))])
            assert [d.outgoing for d in storage.due_deliveries(T0, 10)] == [due.outgoing]
    assert parse_url(url).display in str(refused.value)
