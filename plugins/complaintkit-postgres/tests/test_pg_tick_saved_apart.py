"""A tick on PostgreSQL whose batch the server refuses for one case — a constraint or
trigger added outside complaintkit, a serialization failure — ended at that batch as a
plugin error: no case of the batch, and none after it, was brought up to date, at every
tick. The batch is now saved case by case (``desk.saved_apart``, as for a damaged SQLite
page): the refused case is named with the server's reason and left due, every other case
is saved with what it sends. A connection the server ends while the cases are saved
apart ends the tick with a ``StorageError`` naming the server, keeping what was saved;
the next tick saves the rest. Nothing is lost: each case is saved whole or left due."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from complaintkit_postgres import PostgresStorage
from psycopg import sql

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import StorageError
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.storage_contract import make_complaint

pytestmark = pytest.mark.postgres

POLICY = load_policy(str(Path(__file__).parents[3] / "policies" / "retail"))
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
LATER = T0 + timedelta(days=2)  # every case's first deadlines are past


@pytest.fixture
def opened(postgres_url: str) -> Iterator[tuple[PostgresStorage, list[str]]]:
    """A store of 8 cases ticked at ``T0``, every one due at ``LATER``."""
    with PostgresStorage(postgres_url) as storage:
        desk = Desk(POLICY, storage=storage, clock=ManualClock(T0))
        ids = [desk.intake(make_complaint(f"k{n}", customer=f"C{n}")).id for n in range(8)]
        desk.tick(T0)
        yield storage, ids


def admin(storage: PostgresStorage, *statements: str) -> None:
    """Run ``statements`` in the store's schema on a connection of their own."""
    with psycopg.connect(storage.options.conninfo, autocommit=True) as conn:
        conn.execute(
            sql.SQL("SET search_path TO {}").format(sql.Identifier(storage.options.schema))
        )
        for statement in statements:
            conn.execute(statement)


def refusing(storage: PostgresStorage, case_id: str, errcode: str) -> None:
    """A trigger refusing every save of ``case_id`` with SQLSTATE ``errcode``."""
    admin(
        storage,
        "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"RAISE EXCEPTION 'refused by the test' USING ERRCODE = '{errcode}'; END $$",
        "CREATE TRIGGER refuse BEFORE UPDATE ON cases FOR EACH ROW "
        f"WHEN (NEW.id = '{case_id}') EXECUTE FUNCTION refuse()",
    )


def breaches(desk: Desk, case_id: str) -> int:
    return sum(1 for event in desk.history(case_id) if event.kind == "sla_breached")


def assert_saved_but(desk: Desk, storage: PostgresStorage, ids: list[str], left: str) -> None:
    for case_id in ids:
        saved = case_id != left
        assert breaches(desk, case_id) == int(saved), case_id
        assert bool(storage.deliveries(case_id=case_id)) == saved, case_id


@pytest.mark.parametrize(
    ("errcode", "said"),
    [
        ("23514", "refused the write"),  # check_violation: a constraint added by hand
        ("23505", "refused the write"),  # unique_violation
        ("40001", "another transaction changed the same rows"),  # serialization_failure
        ("40P01", "another transaction changed the same rows"),  # deadlock_detected
    ],
)
@pytest.mark.parametrize("batch", [3, 500])
def test_a_case_the_server_refuses_is_named_and_the_others_are_saved(
    opened: tuple[PostgresStorage, list[str]], errcode: str, said: str, batch: int
) -> None:
    storage, ids = opened
    refused = ids[batch % len(ids) // 2]
    refusing(storage, refused, errcode)
    desk = Desk(POLICY, storage=storage, clock=ManualClock(LATER))
    report = desk.tick(LATER, batch=batch)
    (named,) = report.failed
    assert named[0] == refused
    assert said in named[1]
    assert storage.options.schema in named[1]
    assert report.cases == len(ids)
    assert_saved_but(desk, storage, ids, refused)
    admin(storage, "DROP TRIGGER refuse ON cases")
    again = desk.tick(LATER)
    assert again.failed == ()
    assert again.cases == 1
    assert_saved_but(desk, storage, ids, "")


def test_a_check_constraint_refusing_one_case_leaves_only_that_case_due(
    opened: tuple[PostgresStorage, list[str]],
) -> None:
    storage, ids = opened
    admin(
        storage,
        f"ALTER TABLE cases ADD CONSTRAINT one_refused CHECK (id <> '{ids[5]}' OR version < 0) "
        "NOT VALID",
    )
    desk = Desk(POLICY, storage=storage, clock=ManualClock(LATER))
    report = desk.tick(LATER)
    assert [case_id for case_id, _ in report.failed] == [ids[5]]
    assert "one_refused" in report.failed[0][1]
    assert_saved_but(desk, storage, ids, ids[5])


def test_a_connection_ended_while_saving_apart_keeps_what_was_saved(
    opened: tuple[PostgresStorage, list[str]],
) -> None:
    storage, ids = opened
    refusing(storage, ids[0], "23514")
    admin(  # the first delivery written (saving apart: the batch failed before its own)
        storage,
        "CREATE SEQUENCE ended",
        "CREATE FUNCTION end_once() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF nextval('ended') = 2 THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF; "
        "RETURN NEW; END $$",
        "CREATE TRIGGER end_once BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION end_once()",
    )
    desk = Desk(POLICY, storage=storage, clock=ManualClock(LATER))
    with pytest.raises(StorageError) as ended:
        desk.tick(LATER)
    assert "127.0.0.1" in str(ended.value)
    saved = [case_id for case_id in ids if breaches(desk, case_id)]
    for case_id in saved:  # each saved whole, with what it sends
        assert storage.deliveries(case_id=case_id), case_id
    assert len(saved) < len(ids) - 1
    report = desk.tick(LATER)
    assert [case_id for case_id, _ in report.failed] == [ids[0]]
    assert_saved_but(desk, storage, ids, ids[0])
    with psycopg.connect(storage.options.conninfo) as conn:
        table = sql.Identifier(storage.options.schema, "outbox")
        distinct, every = conn.execute(
            sql.SQL("SELECT count(DISTINCT delivery_id), count(*) FROM {}").format(table)
        ).fetchone() or (0, -1)
    assert distinct == every > 0
