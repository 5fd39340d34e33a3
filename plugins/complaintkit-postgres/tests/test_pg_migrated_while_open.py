"""A PostgreSQL store migrated by a newer complaintkit-postgres while an older process has it
open (an upgrade run beside a ``serve`` or ``tick --loop`` not yet stopped) was written on by
the older process as if nothing had changed: the schema version was asked only when the
store opened. Every write transaction now reads it, after taking the schema's migration lock
shared (a migration in progress is waited for), and a store newer than this plugin is
refused, rolled back and named, as SQLite's is (tests/storage/test_sqlite_migrated_while_open.py)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest
from complaintkit_postgres import PostgresStorage, schema
from complaintkit_postgres.migration_lock import take_migration_lock
from complaintkit_postgres.url import parse_url
from pg_cases import chain, ladder_case
from psycopg import sql

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker, Outgoing
from complaintkit.delivery.outgoing import Attempt
from complaintkit.desk import Desk
from complaintkit.errors import StorageError
from complaintkit.model.message import Message
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.plan_mark import PlanMark
from complaintkit.storage.step_answers import StepAnswer

pytestmark = pytest.mark.postgres

SHOP = Path(__file__).resolve().parents[3] / "policies" / "ecommerce" / "online-shop.yaml"
T0 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
NEWER = len(schema.MIGRATIONS) + 1


def _message(subject: str) -> Outgoing:
    return Outgoing.message(
        "mail", Message(to="a@b.c", subject=subject, body="您的投诉已受理", case_id="CK-1"), T0
    )


def _migrate_as_a_newer_version(url: str) -> None:
    """What a newer plugin's migration leaves: its schema, and its version."""
    where = parse_url(url)
    with psycopg.connect(where.conninfo, autocommit=True) as newer, newer.transaction():
        name = sql.Identifier(where.schema)
        newer.execute(sql.SQL("CREATE TABLE {}.surveys (case_id text)").format(name))
        newer.execute(sql.SQL("UPDATE {}.schema_version SET version = %s").format(name), (NEWER,))


def _contents(url: str) -> dict[str, str | None]:
    """Every table of the schema, as a digest of its rows."""
    where = parse_url(url)
    with psycopg.connect(where.conninfo, autocommit=True) as conn:
        tables = [
            str(name)
            for (name,) in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
                (where.schema,),
            )
        ]
        return {
            table: conn.execute(
                sql.SQL(
                    "SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM {}.{} t"
                ).format(sql.Identifier(where.schema), sql.Identifier(table))
            ).fetchone()[0]  # type: ignore[index]
            for table in tables
        }


def _held(opened: Callable[[PostgresStorage], Any]) -> Callable[[PostgresStorage], None]:
    """A write that is a block: entered and left."""

    def enter(storage: PostgresStorage) -> None:
        with opened(storage):
            pass

    return enter


def _save(storage: PostgresStorage) -> None:
    stored = storage.find_by_key("web", "ladder-1")
    assert stored is not None
    storage.save(stored, [chain(stored, "assigned", {"owner": "许客服"}, T0)])


def _save_many(storage: PostgresStorage) -> None:
    stored = storage.find_by_key("web", "ladder-1")
    assert stored is not None
    storage.save_many([(stored, [chain(stored, "assigned", {"owner": "许客服"}, T0)])])


def _due_while_holding(storage: PostgresStorage) -> None:
    """What the delivery worker reads: sent from a store it cannot record in, a delivery
    would go out again every pass."""
    with storage.hold_outbox() as held:
        assert held
        storage.due_deliveries(T0, 10)


#: Every way the storage writes, each as a call on a store migrated past this plugin.
WRITES: dict[str, Callable[[PostgresStorage], Any]] = {
    "intake": lambda s: s.intake(*ladder_case(2, T0, [T0])),
    "intake_many": lambda s: s.intake_many([ladder_case(2, T0, [T0])]),
    "save": _save,
    "save_many": _save_many,
    "claim_due": _held(lambda s: s.claim_due(T0 + timedelta(days=1), 10)),
    "transaction": _held(lambda s: s.transaction()),
    "enqueue": lambda s: s.enqueue([_message("second")]),
    "record_attempts": lambda s: s.record_attempts([(s.deliveries()[0], Attempt(T0))]),
    "requeue_dead": lambda s: s.requeue_dead(None, None, T0),
    "dead_letter": lambda s: s.dead_letter("csv:投诉.csv:3", b"x", "text: is blank", T0),
    "refused_again": lambda s: s.refused_again(s.dead_letters()[0].id, "again"),
    "refused_on_retry": lambda s: s.refused_on_retry(s.dead_letters()[0], "again", T0),
    "purge_dead_letters": lambda s: s.purge_dead_letters([s.dead_letters()[0].id]),
    "claim_step_key": lambda s: s.claim_step_key("lin.kefu", "key-2", T0),
    "keep_step_answer": lambda s: s.keep_step_answer(
        "lin.kefu", "key-2", StepAnswer(b"r", 200, {"ok": True}, T0)
    ),
    "hold_plan_mark": _held(lambda s: s.hold_plan_mark()),
    "set_plan_mark": lambda s: s.set_plan_mark(PlanMark("v2")),
    "due_deliveries": _due_while_holding,
}


@pytest.fixture
def seeded(postgres_url: str) -> Iterator[PostgresStorage]:
    """A store with a case, a queued message, a dead letter and a kept step answer, then
    migrated by a newer plugin while it is open."""
    with PostgresStorage(postgres_url) as storage:
        storage.intake(*ladder_case(1, T0, [T0]))
        storage.enqueue([_message("first")])
        storage.dead_letter("csv:投诉.csv:2", b"x", "text: is blank", T0)
        storage.claim_step_key("lin.kefu", "key-1", T0)
        storage.keep_step_answer("lin.kefu", "key-1", StepAnswer(b"r", 200, {"ok": True}, T0))
        _migrate_as_a_newer_version(postgres_url)
        yield storage


@pytest.mark.parametrize("write", list(WRITES))
def test_a_write_to_a_store_a_newer_version_migrated_is_refused_and_writes_nothing(
    seeded: PostgresStorage, postgres_url: str, write: str
) -> None:
    before = _contents(postgres_url)
    with pytest.raises(StorageError, match="newer than this complaintkit") as refused:
        WRITES[write](seeded)
    assert repr(parse_url(postgres_url).schema) in str(refused.value)
    assert f"version {NEWER}" in str(refused.value)
    assert _contents(postgres_url) == before


def test_a_desk_on_a_store_a_newer_version_migrated_neither_takes_in_nor_sends(
    seeded: PostgresStorage,
) -> None:
    sent: list[str] = []

    class Counting:
        def send(self, message: Message) -> None:
            sent.append(message.subject)

    desk = Desk(load_policy(SHOP), storage=seeded, clock=ManualClock(T0))
    complaint = {
        "channel": "web",
        "external_id": "after",
        "received_at": T0.isoformat(),
        "customer": {"id": "C1"},
        "text": "包裹迟迟未到",
    }
    with pytest.raises(StorageError, match="newer than this complaintkit"):
        desk.intake(complaint)
    with pytest.raises(StorageError, match="newer than this complaintkit"):
        desk.tick()
    worker = DeliveryWorker(seeded, {"mail": Counting()}, ManualClock(T0))
    for _ in range(2):
        with pytest.raises(StorageError, match="newer than this complaintkit"):
            worker.run_once()
    assert sent == []
    assert seeded.find_by_key("web", "after") is None


def test_a_write_begun_while_a_newer_version_migrates_waits_for_it_and_is_refused(
    postgres_url: str,
) -> None:
    """Read before the migration commits, the version would still be this plugin's and the
    write would land in the newer schema: the write waits for the migration's lock."""
    where = parse_url(postgres_url)
    with PostgresStorage(postgres_url) as storage:
        with psycopg.connect(where.conninfo, autocommit=True) as newer:
            (pid,) = newer.execute("SELECT pg_backend_pid()").fetchone() or (0,)
            with newer.transaction():
                take_migration_lock(newer, where.schema)
                name = sql.Identifier(where.schema)
                newer.execute(
                    sql.SQL("UPDATE {}.schema_version SET version = %s").format(name), (NEWER,)
                )
                outcome: list[BaseException | None] = []

                def write() -> None:
                    try:
                        storage.intake(*ladder_case(3, T0, [T0]))
                        outcome.append(None)
                    except BaseException as exc:  # handed to the test's thread
                        outcome.append(exc)

                writer = threading.Thread(target=write)
                writer.start()
                with psycopg.connect(where.conninfo, autocommit=True) as watcher:
                    while not watcher.execute(
                        "SELECT count(*) FROM pg_locks l JOIN pg_locks m ON l.objid = m.objid "
                        "AND l.classid = m.classid AND l.objsubid = m.objsubid "
                        "WHERE l.locktype = 'advisory' AND NOT l.granted AND m.pid = %s",
                        (pid,),
                    ).fetchone()[0]:  # type: ignore[index]
                        writer.join(0.01)
                        assert writer.is_alive(), outcome
        writer.join()
        (refused,) = outcome
        assert isinstance(refused, StorageError)
        assert "newer than this complaintkit" in str(refused)
        assert storage.find_by_key("web", "ladder-3") is None
