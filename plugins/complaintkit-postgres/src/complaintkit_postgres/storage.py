"""PostgreSQL storage: many worker processes on one database.

* Every save is optimistic: ``UPDATE … WHERE id = %s AND version = %s``; a stale version
  updates no row and raises ``Conflict``, so two agents never silently overwrite each other.
* Intake claims the complaint's idempotency key first (``INSERT … ON CONFLICT DO NOTHING``);
  a concurrent intake of the same complaint waits for the first to commit, then returns its
  case.
* ``claim_due`` holds one transaction on one connection and locks the due rows with
  ``FOR UPDATE SKIP LOCKED``: each worker gets cases no other worker holds. Reads and saves
  made inside the block by the same thread use that connection (each save in a savepoint),
  so a worker killed mid-block loses its whole block and another worker redoes it.
* ``transaction`` pins one connection to the thread for its block, so the change and its
  outbox rows commit together. ``hold_outbox`` is a session advisory lock on a connection
  of its own: the server drops it when the holder's connection dies.
* ``events_since`` orders events by (writing transaction, position) and returns only those
  of transactions older than every one still able to write events to this schema
  (``FEED_HORIZON``), so a transaction that commits late can never land behind a cursor
  already handed out, and a long transaction elsewhere on the server does not stall it.

Open the storage in the process that uses it: a connection pool does not survive ``fork``.
"""

from __future__ import annotations

import json
import math
import threading
import zlib
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from datetime import datetime
from typing import Any, LiteralString

import psycopg
from psycopg import Connection, sql
from psycopg.rows import TupleRow
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool, PoolTimeout

from complaintkit.audit.keys import load_key
from complaintkit.audit.records import Snapshot, unauditable
from complaintkit.audit.stored import read_case, read_event
from complaintkit.delivery.outgoing import Attempt, Delivery, Outgoing, State
from complaintkit.errors import Conflict, InvalidInput, NotFound, StorageError
from complaintkit.model.case import Case
from complaintkit.model.compensation import COUNTED, given_amount, standing
from complaintkit.model.complaint import Complaint
from complaintkit.model.events import CaseEvent
from complaintkit.model.instants import aware
from complaintkit.model.jsonvalues import printable
from complaintkit.model.money import Money
from complaintkit.reports.source import ReportSource
from complaintkit.storage.base import (
    CaseQuery,
    DeadLetter,
    EventPage,
    Storage,
    counter_text,
    past_the_head,
    raw_bytes,
    unmatchable,
)
from complaintkit.storage.claimed import claimed_cases
from complaintkit_postgres import jsonb, ledger
from complaintkit_postgres.histories import stored_histories
from complaintkit_postgres.read_only import read_only_options, readable_version, refusing_writes
from complaintkit_postgres.schema import migrate
from complaintkit_postgres.url import parse_url

# Each write is one statement: atomic on its own, one round trip. Data-modifying CTEs see
# the same snapshot, so SAVE's final SELECT reads the version stored *before* its update.

#: Claim the complaint's key first; only the claimant inserts the case. A concurrent intake
#: of the same key waits on the key's index entry until the first commits, then skips.
INTAKE = """
    WITH claimed AS (
        INSERT INTO intake_keys (channel, external_id, case_id)
        VALUES (%(channel)s, %(external_id)s, %(id)s)
        ON CONFLICT DO NOTHING RETURNING case_id
    ), written AS (
        INSERT INTO cases (id, version, status, is_open, customer_id, owner, category,
                           opened_at, next_deadline, body)
        SELECT %(id)s, %(version)s, %(status)s, %(is_open)s, %(customer_id)s, %(owner)s,
               %(category)s, %(opened_at)s, %(next_deadline)s, %(body)s FROM claimed
        RETURNING id
    ), new_events AS (
        INSERT INTO events (case_id, seq, kind, at, body)
        SELECT written.id, e.seq, e.kind, e.at, e.body FROM written,
            unnest(%(seqs)s::integer[], %(kinds)s::text[], %(ats)s::timestamptz[],
                   %(bodies)s::jsonb[]) AS e (seq, kind, at, body)
    ), new_keys AS (
        INSERT INTO intake_keys (channel, external_id, case_id)
        SELECT k.channel, k.external_id, written.id FROM written,
            unnest(%(channels)s::text[], %(external_ids)s::text[]) AS k (channel, external_id)
        ON CONFLICT DO NOTHING
    )
    SELECT count(*) > 0 FROM written
"""

#: Optimistic: the row is written only if it still has the version the events follow.
SAVE = """
    WITH written AS (
        UPDATE cases SET version = %(version)s, status = %(status)s, is_open = %(is_open)s,
            customer_id = %(customer_id)s, owner = %(owner)s, category = %(category)s,
            opened_at = %(opened_at)s, next_deadline = %(next_deadline)s, body = %(body)s
        WHERE id = %(id)s AND version = %(expected)s
        RETURNING id
    ), new_events AS (
        INSERT INTO events (case_id, seq, kind, at, body)
        SELECT written.id, e.seq, e.kind, e.at, e.body FROM written,
            unnest(%(seqs)s::integer[], %(kinds)s::text[], %(ats)s::timestamptz[],
                   %(bodies)s::jsonb[]) AS e (seq, kind, at, body)
    ), new_keys AS (
        INSERT INTO intake_keys (channel, external_id, case_id)
        SELECT k.channel, k.external_id, written.id FROM written,
            unnest(%(channels)s::text[], %(external_ids)s::text[]) AS k (channel, external_id)
        ON CONFLICT DO NOTHING
    )
    SELECT (SELECT count(*) > 0 FROM written), (SELECT version FROM cases WHERE id = %(id)s)
"""


#: A tick's batch in one statement: every case whose stored version is the one its events
#: follow is written, and only their events and keys are inserted; ``save_many`` compares
#: the written ids with the batch and raises ``Conflict`` (rolling the batch back) if short.
#: Parameters go binary (``%b``): text arrays of jsonb cost a regex escape per character.
SAVE_MANY = """
    WITH batch AS (
        SELECT * FROM unnest(%(ids)b::text[], %(versions)b::integer[], %(expected)b::integer[],
            %(statuses)b::text[], %(is_opens)b::boolean[], %(customer_ids)b::text[],
            %(owners)b::text[], %(categories)b::text[], %(opened_ats)b::timestamptz[],
            %(next_deadlines)b::timestamptz[], %(bodies)b::jsonb[])
            AS b (id, version, expected, status, is_open, customer_id, owner, category,
                  opened_at, next_deadline, body)
    ), written AS (
        UPDATE cases c SET version = b.version, status = b.status, is_open = b.is_open,
            customer_id = b.customer_id, owner = b.owner, category = b.category,
            opened_at = b.opened_at, next_deadline = b.next_deadline, body = b.body
        FROM batch b WHERE c.id = b.id AND c.version = b.expected
        RETURNING c.id
    ), new_events AS (
        INSERT INTO events (case_id, seq, kind, at, body)
        SELECT e.case_id, e.seq, e.kind, e.at, e.body
        FROM unnest(%(e_case_ids)b::text[], %(e_seqs)b::integer[], %(e_kinds)b::text[],
                    %(e_ats)b::timestamptz[], %(e_bodies)b::jsonb[])
            AS e (case_id, seq, kind, at, body)
        WHERE e.case_id IN (SELECT id FROM written)
    ), new_keys AS (
        INSERT INTO intake_keys (channel, external_id, case_id)
        SELECT k.channel, k.external_id, k.case_id
        FROM unnest(%(k_channels)b::text[], %(k_external_ids)b::text[], %(k_case_ids)b::text[])
            AS k (channel, external_id, case_id)
        WHERE k.case_id IN (SELECT id FROM written)
        ON CONFLICT DO NOTHING
    )
    SELECT coalesce(array_agg(id), '{}') FROM written
"""


def _params(
    case: Case, events: Sequence[CaseEvent], complaints: Sequence[Complaint]
) -> dict[str, Any]:
    return {
        "id": case.id,
        "version": case.version,
        "status": case.status.value,
        "is_open": case.is_open,
        "customer_id": case.customer_id,
        "owner": case.owner,
        "category": case.category,
        "opened_at": case.opened_at,
        "next_deadline": case.next_deadline,
        "body": Jsonb(case.to_json(shared=True)),
        "seqs": [e.seq for e in events],
        "kinds": [e.kind for e in events],
        "ats": [e.at for e in events],
        "bodies": [Jsonb(e.to_json()) for e in events],
        "channels": [c.channel for c in complaints],
        "external_ids": [c.external_id for c in complaints],
    }


#: Taken first by every transaction that may write events (a statement writing them takes it
#: itself), so a transaction holds it before it has a transaction id.
WRITING_EVENTS: LiteralString = "LOCK TABLE events IN ROW EXCLUSIVE MODE"

#: The feed's horizon: below the snapshot's xmax (every id under it has completed, or is
#: still running) and below the smallest id among transactions holding ``WRITING_EVENTS`` on
#: this schema's table. A writer takes that lock before it has an id and keeps it until its
#: commit is visible, so every id below the horizon has committed, rolled back, or never
#: writes events. Transactions of other schemas and databases do not hold the feed back.
#: Ids in pg_locks are 32-bit: each is widened to the 64-bit id nearest the xmax, which a
#: running writer's id may be at or past (PostgreSQL keeps running ids within 2**31 of it).
FEED_HORIZON: LiteralString = """
    WITH top AS (
        SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS xmax
    ), writers AS (
        SELECT x.transactionid::text::bigint AS xid
        FROM pg_locks r JOIN pg_locks x ON x.virtualtransaction = r.virtualtransaction
        WHERE r.locktype = 'relation' AND r.relation = 'events'::regclass
          AND r.mode = 'RowExclusiveLock'
          AND x.locktype = 'transactionid' AND x.mode = 'ExclusiveLock'
    )
    SELECT least(
        min(t.xmax),
        min(t.xmax + (w.xid - (t.xmax & 4294967295) + 6442450944) % 4294967296 - 2147483648)
    )::text
    FROM top t LEFT JOIN writers w ON true
"""

#: Any constant both sides agree on, with the schema's hash: one delivery worker per schema.
_OUTBOX_LOCK = 0x636B6F62  # "ckob"


#: Keep a dead letter unless the same one is kept: found through the index on the hashes
#: of its source and reason, which holds text of any length (a btree entry of the text
#: itself holds at most about 2.7 KB).
KEEP_DEAD_LETTER: LiteralString = """
    INSERT INTO dead_letters (source, raw, reason, at) SELECT %s, %s, %s, %s
    WHERE NOT EXISTS (SELECT 1 FROM dead_letters
        WHERE hashtextextended(source, 0) = hashtextextended(%s, 0)
          AND hashtextextended(reason, 0) = hashtextextended(%s, 0)
          AND source = %s AND reason = %s AND raw = %s)
"""


#: The first key of the transaction locks taken on a dead letter's source and reason.
_DEAD_LETTER_LOCK = 0x636B646C  # "ckdl"


def _keep_dead_letter(
    conn: Connection[TupleRow], source: str, raw: bytes | str, reason: str, at: datetime
) -> None:
    """Keep a dead letter through ``conn``, unless the same one is kept already.

    Under read committed, two transactions keeping the same letter (one file taken in by
    two workers, a message delivered again to another reader) each look before the other
    commits, and both would insert it: a lock on its source and reason, held to the commit,
    makes the second look once the first's letter is there."""
    data, source, reason = raw_bytes(raw), printable(source), printable(reason)
    with conn.transaction():  # the lock lasts as long as the transaction keeping the letter
        conn.execute(
            "SELECT pg_advisory_xact_lock(%s, hashtext(%s) # hashtext(%s))",
            (_DEAD_LETTER_LOCK, source, reason),
        )
        conn.execute(
            KEEP_DEAD_LETTER, (source, data, reason, at, source, reason, source, reason, data)
        )


def _xmax(conn: psycopg.Connection[Any]) -> int:
    """The first transaction id not yet given out: no cursor this storage returned names it
    or one above it."""
    row = conn.execute("SELECT pg_snapshot_xmax(pg_current_snapshot())::text").fetchone()
    return int(row[0]) if row else 0


def _feed_cursor(cursor: str | None) -> tuple[str, int]:
    """``"<transaction id>.<position>"`` of the last event read; ``None``: nothing read."""
    if not cursor:
        return "0", 0
    tx, dot, position = cursor.partition(".")
    if not (dot and counter_text(tx, 2**64) and counter_text(position, 2**63)):
        raise InvalidInput("cursor", f"{cursor!r:.80} is not a cursor this storage returned")
    return tx, int(position)


def _where(query: CaseQuery) -> tuple[sql.Composable, list[Any]]:
    clauses: list[sql.Composable] = []
    params: list[Any] = []
    for column, value in (
        ("status", None if query.status is None else query.status.value),
        ("customer_id", query.customer_id),
        ("owner", query.owner),
        ("category", query.category),
    ):
        if value is not None:
            clauses.append(sql.SQL("{} = %s").format(sql.Identifier(column)))
            params.append(value)
    if query.opened_since is not None:
        clauses.append(sql.SQL("opened_at >= %s"))
        params.append(query.opened_since)
    if query.open_only:
        clauses.append(sql.SQL("is_open"))
    if not clauses:
        return sql.SQL(""), params
    return sql.SQL(" WHERE ") + sql.SQL(" AND ").join(clauses), params


class PostgresStorage(Storage):
    """Cases in a PostgreSQL schema, shared by any number of processes.

    ``postgresql://user@host:5432/db?schema=complaints&pool_max=8`` — ``schema`` (default
    ``public``) is created and migrated on first open; ``pool_min``/``pool_max`` size the
    connection pool; ``pool_timeout`` is how long to wait for a free connection or a silent server.
    ``read_only`` (``reading(url)``) creates and migrates nothing and writes nothing.
    """

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        self.url = url
        self.read_only = read_only
        self.options = read_only_options(parse_url(url)) if read_only else parse_url(url)
        self.audit_key = load_key()
        self._local = threading.local()
        self._reach_server()
        self._pool: ConnectionPool[Connection[TupleRow]] = ConnectionPool(
            self.options.conninfo,
            min_size=self.options.pool_min,
            max_size=self.options.pool_max,
            timeout=self.options.pool_timeout,
            kwargs={
                "autocommit": True,
                "options": self.options.server_options,
            },
            configure=jsonb.configure,
            # a connection the server ended (a restart, an idle timeout) is replaced when it
            # is handed out, for a round trip, instead of failing the next operation on it
            check=ConnectionPool.check_connection,
            name="complaintkit",
            open=False,
        )
        try:
            self._pool.open(wait=True, timeout=self.options.pool_timeout)
        except PoolTimeout as exc:
            self._pool.close()
            raise StorageError(
                f"cannot connect to PostgreSQL at {self.options.display} within "
                f"{self.options.pool_timeout:g}s; is the server running and does the URL name "
                "an existing database and user?"
            ) from exc
        try:
            with self._connection() as conn:
                self.schema_version = (
                    readable_version(conn, self.options)
                    if read_only
                    else migrate(conn, self.options.schema)
                )
        except BaseException:
            self._pool.close()
            raise

    @classmethod
    def reading(cls, url: str) -> PostgresStorage:
        """The store at ``url`` opened only to read (see ``read_only``)."""
        return cls(url, read_only=True)

    def _reach_server(self) -> None:
        """One connection made before the pool: a server that refuses it (not running, a
        wrong port, no such database or user) is a ``StorageError`` at once, where the pool
        would retry in the background, logging each failure, until ``pool_timeout``; a server
        that does not answer is waited for up to ``pool_timeout``."""
        try:
            psycopg.connect(
                self.options.conninfo,
                connect_timeout=max(1, math.ceil(self.options.pool_timeout)),
                options=self.options.server_options,
            ).close()
        except psycopg.Error as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StorageError(
                f"cannot connect to PostgreSQL at {self.options.display}: {reason}; is the "
                "server running and does the URL name an existing database and user?"
            ) from exc

    # --- connections and transactions ----------------------------------------------------

    def _current(self) -> Connection[TupleRow] | None:
        conn: Connection[TupleRow] | None = getattr(self._local, "conn", None)
        return conn

    @contextmanager
    def _connection(self) -> Iterator[Connection[TupleRow]]:
        """The connection of this thread's open claim block, else one from the pool."""
        current = self._current()
        if current is not None:
            yield current
            return
        refusals = refusing_writes(self.options) if self.read_only else nullcontext()
        try:
            with refusals, self._pool.connection() as conn:
                yield conn
        except (psycopg.OperationalError, PoolTimeout) as exc:
            raise StorageError(f"PostgreSQL at {self.options.display}: {exc}") from exc

    @contextmanager
    def _transaction(self) -> Iterator[Connection[TupleRow]]:
        """One transaction; inside a claim block, a savepoint of the block's transaction."""
        with self._connection() as conn, conn.transaction():
            yield conn

    @contextmanager
    def _held(self, conn: Connection[TupleRow]) -> Iterator[None]:
        """Make ``conn``'s open transaction this thread's for the block: writes join it, and
        the events they store are committed to the ledger once, as the block's last step."""
        outer, outer_events = self._current(), getattr(self._local, "events", None)
        self._local.conn, self._local.events = conn, []
        try:
            yield
            stored: list[CaseEvent] = self._local.events
        finally:
            self._local.conn, self._local.events = outer, outer_events
        self._committed(conn, stored)

    def _committed(self, conn: Connection[TupleRow], events: Sequence[CaseEvent]) -> None:
        """Commit stored ``events`` to the ledger now, or at the end of the held block."""
        if self._current() is not None:
            self._local.events.extend(events)
        else:
            ledger.commit_events(conn, events, self.audit_key)

    # --- writes --------------------------------------------------------------------------

    def _write(
        self, query: LiteralString, params: dict[str, Any], events: Sequence[CaseEvent]
    ) -> tuple[Any, ...]:
        """Run one write statement atomically and return its row; its first column says
        whether ``events`` were stored, and then they are committed to the ledger.

        Alone it is its own transaction. Inside a claim block it runs in a savepoint,
        pipelined into one round trip, so a failed write leaves the saves before it
        standing and the block usable.
        """
        current = self._current()
        if current is None:
            with self._connection() as conn, conn.transaction():
                row = conn.execute(query, params).fetchone()
                if row is not None and row[0]:
                    ledger.commit_events(conn, events, self.audit_key)
        else:
            try:
                with current.pipeline():
                    current.execute("SAVEPOINT ck_write")
                    cursor = current.execute(query, params)
                    current.execute("RELEASE SAVEPOINT ck_write")
            except psycopg.Error:
                current.execute("ROLLBACK TO SAVEPOINT ck_write")
                raise
            row = cursor.fetchone()
            if row is not None and row[0]:
                self._local.events.extend(events)
        assert row is not None  # every write statement ends in a one-row SELECT
        return row

    def intake(self, case: Case, events: Sequence[CaseEvent]) -> tuple[Case, bool]:
        channel, external_id = case.complaint.key
        (created,) = self._write(
            INTAKE,
            {
                **_params(case, events, case.complaints[1:]),
                "channel": channel,
                "external_id": external_id,
            },
            events,
        )
        if created:
            return case, True
        existing = self.find_by_key(channel, external_id)
        if existing is None:  # cannot happen: a key and its case are committed together
            raise StorageError(f"intake key {case.complaint.key} has no case")
        return existing, False

    def intake_many(
        self, items: Sequence[tuple[Case, Sequence[CaseEvent]]]
    ) -> list[tuple[Case, bool]]:
        """The batch's ``INTAKE`` statements pipelined in one transaction: one round trip
        and one commit for the batch. A key repeated in the batch conflicts with the
        first one's row, so it is not created twice.

        Each claimed key stays locked until the commit, so the keys are claimed in key
        order, whatever the batch's: two batches sharing keys in opposite orders would
        otherwise wait for each other, and PostgreSQL would fail one of them whole."""
        order = sorted(range(len(items)), key=lambda n: items[n][0].complaint.key)
        with self._transaction() as conn:
            with conn.pipeline():
                cursors = {
                    n: conn.execute(
                        INTAKE,
                        {
                            **_params(case, events, case.complaints[1:]),
                            "channel": case.complaint.channel,
                            "external_id": case.complaint.external_id,
                        },
                    )
                    for n in order
                    for case, events in (items[n],)
                }
            created = [bool((cursors[n].fetchone() or (False,))[0]) for n in range(len(items))]
            self._committed(
                conn,
                [e for (_, events), new in zip(items, created, strict=True) if new for e in events],
            )
        results: list[tuple[Case, bool]] = []
        for (case, _), new in zip(items, created, strict=True):
            existing = None if new else self.find_by_key(*case.complaint.key)
            if not new and existing is None:  # cannot happen: key and case commit together
                raise StorageError(f"intake key {case.complaint.key} has no case")
            results.append((case, True) if existing is None else (existing, False))
        return results

    def save(self, case: Case, events: Sequence[CaseEvent]) -> None:
        expected = events[0].seq - 1 if events else case.version
        updated, stored = self._write(
            SAVE, {**_params(case, events, case.complaints), "expected": expected}, events
        )
        if not updated:
            raise Conflict(case.id, expected, stored)

    def save_many(self, changes: Sequence[tuple[Case, Sequence[CaseEvent]]]) -> None:
        """The whole batch in one statement, in one transaction (inside ``claim_due``, a
        savepoint of the claim's): a stale case raises ``Conflict`` and undoes the batch."""
        if not changes:
            return
        if len({case.id for case, _ in changes}) < len(changes):  # one row, two versions
            with self._transaction() as conn, self._held(conn):  # one save after another
                super().save_many(changes)
            return
        cases = [case for case, _ in changes]
        expected = {
            case.id: events[0].seq - 1 if events else case.version for case, events in changes
        }
        events = [event for _, saved in changes for event in saved]
        keys = [(case.id, c) for case in cases for c in case.complaints]
        params = {
            "ids": [c.id for c in cases],
            "versions": [c.version for c in cases],
            "expected": [expected[c.id] for c in cases],
            "statuses": [c.status.value for c in cases],
            "is_opens": [c.is_open for c in cases],
            "customer_ids": [c.customer_id for c in cases],
            "owners": [c.owner for c in cases],
            "categories": [c.category for c in cases],
            "opened_ats": [c.opened_at for c in cases],
            "next_deadlines": [c.next_deadline for c in cases],
            "bodies": [Jsonb(c.to_json(shared=True)) for c in cases],
            "e_case_ids": [e.case_id for e in events],
            "e_seqs": [e.seq for e in events],
            "e_kinds": [e.kind for e in events],
            "e_ats": [e.at for e in events],
            "e_bodies": [Jsonb(e.to_json()) for e in events],
            "k_channels": [c.channel for _, c in keys],
            "k_external_ids": [c.external_id for _, c in keys],
            "k_case_ids": [case_id for case_id, _ in keys],
        }
        with self._transaction() as conn:
            row = conn.execute(SAVE_MANY, params).fetchone()
            written = set(row[0]) if row is not None else set()
            for case in cases:
                if case.id not in written:  # raising rolls the whole batch back
                    stored = conn.execute(
                        "SELECT version FROM cases WHERE id = %s", (case.id,)
                    ).fetchone()
                    raise Conflict(
                        case.id, expected[case.id], None if stored is None else stored[0]
                    )
            self._committed(conn, events)

    # --- reads ---------------------------------------------------------------------------

    def _cases(self, query: LiteralString | sql.Composed, params: Any = ()) -> list[Case]:
        with self._connection() as conn:
            rows = conn.execute(query, params).fetchall()
        return [read_case(body) for (body,) in rows]

    def get(self, case_id: str) -> Case:
        if unmatchable(case_id):
            raise NotFound(f"no case {case_id!r} in {self.options.display}")
        with self._connection() as conn:
            row = conn.execute("SELECT body FROM cases WHERE id = %s", (case_id,)).fetchone()
        if row is None:
            raise NotFound(f"no case {case_id!r} in {self.options.display}")
        return read_case(row[0], case_id)

    def find_by_key(self, channel: str, external_id: str) -> Case | None:
        if unmatchable(channel, external_id):
            return None
        found = self._cases(
            "SELECT c.body FROM intake_keys k JOIN cases c ON c.id = k.case_id "
            "WHERE k.channel = %s AND k.external_id = %s",
            (channel, external_id),
        )
        return found[0] if found else None

    def find_by_token(self, token: str) -> Case | None:
        if unmatchable(token):
            return None
        found = self._cases("SELECT body FROM cases WHERE body ->> 'status_token' = %s", (token,))
        return found[0] if found else None

    def find(self, query: CaseQuery) -> list[Case]:
        if unmatchable(query.customer_id, query.owner, query.category):
            return []
        where, params = _where(query)
        statement = sql.SQL("SELECT body FROM cases{} ORDER BY opened_at, id").format(where)
        if query.limit is not None:
            statement += sql.SQL(" LIMIT {}").format(int(query.limit))
        return self._cases(statement, params)

    def count(self, query: CaseQuery) -> int:
        if unmatchable(query.customer_id, query.owner, query.category):
            return 0
        where, params = _where(query)
        with self._connection() as conn:
            row = conn.execute(sql.SQL("SELECT count(*) FROM cases{}").format(where), params)
            (total,) = row.fetchone() or (0,)
        return int(total)

    def events(self, case_id: str) -> list[CaseEvent]:
        if unmatchable(case_id):
            raise NotFound(f"no case {case_id!r} in {self.options.display}")
        with self._connection() as conn:
            rows = conn.execute(
                "SELECT seq, body FROM events WHERE case_id = %s ORDER BY seq", (case_id,)
            ).fetchall()
        if not rows:
            raise NotFound(f"no case {case_id!r} in {self.options.display}")
        return [read_event(body, case_id, seq) for seq, body in rows]

    def case_ids(self) -> Iterator[str]:
        with self._connection() as conn:
            ids = [str(row[0]) for row in conn.execute("SELECT id FROM cases ORDER BY id")]
        return iter(ids)

    # --- the sweep -----------------------------------------------------------------------

    @contextmanager
    def claim_due(self, before: datetime, limit: int) -> Iterator[list[Case]]:
        def fetch(count: int, offset: int) -> list[tuple[str, Any]]:
            with self._connection() as conn:
                return conn.execute(
                    "SELECT id, body FROM cases WHERE next_deadline IS NOT NULL "
                    "AND next_deadline <= %s ORDER BY next_deadline, id LIMIT %s OFFSET %s "
                    "FOR UPDATE SKIP LOCKED",
                    (before, count, offset),
                ).fetchall()

        if self._current() is not None:  # nested in this thread's block: join it
            with self._transaction():
                yield claimed_cases(fetch, limit)
            return
        with self._transaction() as conn, self._held(conn):
            conn.execute(WRITING_EVENTS)  # before the row locks give it a transaction id
            yield claimed_cases(fetch, limit)

    def compensation_total(
        self,
        customer_id: str,
        since: datetime,
        currency: str,
        kinds: Collection[str] | None = None,
    ) -> Money:
        """Reads only the customer's counted compensation entries (jsonb), summed exactly
        in Python by the same rule every backend uses."""
        if unmatchable(customer_id):
            return Storage.compensation_total(self, customer_id, since, currency, kinds)
        with self._connection() as conn:
            rows = conn.execute(
                "SELECT e.entry, c.is_open FROM cases c, "
                "jsonb_array_elements(c.body -> 'compensation') "
                "AS e (entry) WHERE c.customer_id = %s AND e.entry ->> 'status' = ANY(%s) "
                "AND e.entry ? 'offered_at'",
                (customer_id, sorted(COUNTED)),
            ).fetchall()
        entries = [e for entry, is_open in rows for e in standing([entry], is_open)]
        return Money(given_amount(entries, since, currency, kinds), currency)

    # --- transactions and the outbox ------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._current() is not None:  # nested: a savepoint of the outer block
            with self._transaction():
                yield
            return
        with self._transaction() as conn, self._held(conn):
            conn.execute(WRITING_EVENTS)
            yield

    def hold_customer(self, customer_id: str) -> None:
        """A transaction-scoped advisory lock on the customer: read committed lets two
        transactions read one cap's room before either writes. No writer gives anything to
        a customer id no case can hold."""
        if unmatchable(customer_id):
            return
        with self._connection() as conn:
            conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (customer_id,))

    def enqueue(self, items: Sequence[Outgoing]) -> None:
        if not items:
            return
        with self._transaction() as conn, conn.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO outbox (delivery_id, via, kind, case_id, payload, created_at, "
                "next_attempt_at) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [
                    (
                        item.delivery_id,
                        item.via,
                        item.kind,
                        item.case_id,
                        json.dumps(item.payload, ensure_ascii=False),
                        item.created_at,
                        item.created_at,
                    )
                    for item in items
                ],
            )

    @contextmanager
    def hold_outbox(self) -> Iterator[bool]:
        key = zlib.crc32(self.options.schema.encode()) - 2**31  # one lock per schema
        try:
            conn = psycopg.connect(
                self.options.conninfo, autocommit=True, options=self.options.server_options
            )
        except psycopg.OperationalError as exc:
            raise StorageError(f"PostgreSQL at {self.options.display}: {exc}") from exc
        with conn:
            row = conn.execute(
                "SELECT pg_try_advisory_lock(%s, %s)", (_OUTBOX_LOCK, key)
            ).fetchone()
            yield bool(row and row[0])  # closing the connection releases the lock

    def due_deliveries(self, now: datetime, limit: int) -> list[Delivery]:
        return self._deliveries(
            "WHERE state = 'pending' AND next_attempt_at <= %s "
            "ORDER BY next_attempt_at, position LIMIT %s",
            (now, limit),
        )

    def record_attempts(self, attempts: Sequence[tuple[Delivery, Attempt]]) -> None:
        with self._transaction() as conn, conn.cursor() as cursor:
            cursor.executemany(
                "UPDATE outbox SET state = %s, attempts = attempts + 1, next_attempt_at = %s, "
                "last_error = %s WHERE position = %s",
                [
                    (attempt.state, attempt.retry_at, attempt.error, delivery.position)
                    for delivery, attempt in attempts
                ],
            )
            for delivery, attempt in attempts:
                if attempt.state == "dead":  # on this connection: one transaction with it
                    raw = json.dumps(dict(delivery.outgoing.payload), ensure_ascii=False)
                    source = delivery.outgoing.dead_letter_source
                    _keep_dead_letter(conn, source, raw, attempt.error, attempt.at)

    def requeue_dead(
        self, delivery_ids: Collection[str] | None, via: str | None, at: datetime
    ) -> int:
        if unmatchable(via):
            return 0
        wanted = None
        if delivery_ids is not None:
            wanted = sorted({id_ for id_ in delivery_ids if not unmatchable(id_)})
        with self._transaction() as conn:
            cursor = conn.execute(
                "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = %s "
                "WHERE state = 'dead' AND via = coalesce(%s, via) "
                "AND (%s::text[] IS NULL OR delivery_id = ANY(%s::text[]))",
                (at, via, wanted, wanted),
            )
            return cursor.rowcount

    def deliveries(self, state: State | None = None, case_id: str | None = None) -> list[Delivery]:
        if unmatchable(case_id):
            return []
        return self._deliveries(
            "WHERE state = coalesce(%s, state) AND case_id = coalesce(%s, case_id) "
            "ORDER BY position",
            (state, case_id),
        )

    def _deliveries(self, where: LiteralString, params: Sequence[Any] = ()) -> list[Delivery]:
        with self._connection() as conn:
            query = sql.SQL(
                "SELECT position, delivery_id, via, kind, case_id, payload, created_at, state, "
                "attempts, next_attempt_at, last_error FROM outbox {}"
            ).format(sql.SQL(where))
            rows = conn.execute(query, params).fetchall()
        return [
            Delivery(
                int(position),
                Outgoing(delivery_id, via, kind, case_id, json.loads(payload), at),
                state,
                attempts,
                due,
                error,
            )
            for position, delivery_id, via, kind, case_id, payload, at, state, attempts, due, error in rows
        ]

    def events_since(self, cursor: str | None, limit: int) -> EventPage:
        tx, position = _feed_cursor(cursor)
        with self._connection() as conn:
            # two statements: the horizon first, then the events, on a later snapshot that
            # sees every transaction below it finished
            (horizon,) = conn.execute(FEED_HORIZON).fetchone() or ("0",)
            rows = conn.execute(
                "SELECT tx::text, position, case_id, seq, body FROM events "
                "WHERE (tx, position) > (%s::text::xid8, %s) AND tx < %s::text::xid8 "
                "ORDER BY tx, position LIMIT %s",
                (tx, position, str(horizon), limit),
            ).fetchall()
        if not rows:
            if int(tx) >= int(horizon) and int(tx) >= _xmax(conn):
                raise past_the_head(str(cursor), f"transactions below {horizon}")
            return EventPage([], cursor or "0.0")
        last_tx, last_position, *_ = rows[-1]
        return EventPage(
            [read_event(body, case_id, seq) for _, _, case_id, seq, body in rows],
            f"{last_tx}.{last_position}",
        )

    # --- dead letters --------------------------------------------------------------------

    def dead_letter(self, source: str, raw: bytes | str, reason: str, at: datetime) -> None:
        aware(at, "at")
        with self._connection() as conn:
            _keep_dead_letter(conn, source, raw, reason, at)

    def dead_letters(self) -> list[DeadLetter]:
        with self._connection() as conn:
            rows = conn.execute(
                "SELECT id, source, raw, reason, at FROM dead_letters ORDER BY id"
            ).fetchall()
        return [
            DeadLetter(int(id_), source, bytes(raw), reason, at)
            for id_, source, raw, reason, at in rows
        ]

    def purge_dead_letters(self, ids: Collection[int]) -> int:
        with self._connection() as conn:
            cursor = conn.execute(
                "DELETE FROM dead_letters WHERE id = ANY(%s)", (sorted(set(ids)),)
            )
            return cursor.rowcount

    def report_source(self) -> ReportSource:
        """Reports answered by SQL aggregates in this database (``complaintkit report``)."""
        from complaintkit_postgres.reports import PostgresReportSource  # noqa: PLC0415 -- it imports this module

        return PostgresReportSource(self)

    def histories(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> Iterator[list[CaseEvent]]:
        """Each case's events in order, for the cases opened in ``[since, until)``, streamed
        (``complaintkit replay``)."""
        return stored_histories(self, since, until)

    # --- the audit -----------------------------------------------------------------------

    @contextmanager
    def audit_snapshot(self) -> Iterator[Snapshot]:
        """The ledger and every case's raw rows, in one repeatable-read transaction."""
        try:
            with self._pool.connection() as conn, ledger.snapshot(conn) as snapshot:
                yield snapshot
        except psycopg.Error as exc:  # a table or column the audit reads was dropped
            raise unauditable(exc) from exc

    def close(self) -> None:
        self._pool.close()
