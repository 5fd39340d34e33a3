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
  outbox rows commit together.

Open the storage in the process that uses it: a connection pool does not survive ``fork``.
The statements live with their concern: ``writes`` (cases), ``feed`` (``events_since``),
``outbox``, ``dead_letters`` (with their methods), ``case_query``; ``pool`` opens the connections.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from typing import Any, LiteralString

import psycopg
from psycopg import Connection, sql
from psycopg.rows import TupleRow
from psycopg_pool import PoolTimeout

from complaintkit.audit.keys import load_key
from complaintkit.audit.records import Snapshot, unauditable
from complaintkit.audit.stored import cases_read, events_read, read_case
from complaintkit.delivery.outgoing import Attempt, Delivery, Outgoing, State
from complaintkit.errors import Conflict, DamagedRecord, NotFound, StorageError
from complaintkit.model.case import Case
from complaintkit.model.compensation import COUNTED, given_amount, standing
from complaintkit.model.events import CaseEvent
from complaintkit.model.money import Money
from complaintkit.replay.histories import DamagedCase
from complaintkit.reports.source import ReportSource
from complaintkit.storage.base import CaseQuery, EventPage, Storage, unmatchable
from complaintkit.storage.claimed import claimed_cases
from complaintkit.storage.event_feed import FeedPage
from complaintkit_postgres import ledger, outbox
from complaintkit_postgres.case_query import where_clause
from complaintkit_postgres.dead_letters import PostgresDeadLetters
from complaintkit_postgres.feed import WRITING_EVENTS, events_page, feed_head
from complaintkit_postgres.histories import case_openings, history_end, stored_histories
from complaintkit_postgres.instants import placed, unplaced
from complaintkit_postgres.migration_lock import refuse_a_newer_schema
from complaintkit_postgres.orphans import PostgresOrphans
from complaintkit_postgres.plan_mark import PostgresPlanMark
from complaintkit_postgres.pool import no_connection_came_free, open_pool
from complaintkit_postgres.read_only import read_only_options, readable_version, refusing_writes
from complaintkit_postgres.refused import CONCURRENT, refused_as_such, refused_write
from complaintkit_postgres.reports import PostgresReportSource
from complaintkit_postgres.schema import MIGRATIONS, migrate
from complaintkit_postgres.server_said import operation_failed, server_said
from complaintkit_postgres.step_answers import PostgresStepAnswers
from complaintkit_postgres.stored_version import stored_version
from complaintkit_postgres.url import parse_url
from complaintkit_postgres.writes import INTAKE, SAVE, SAVE_MANY, batch_params
from complaintkit_postgres.writes import case_params as _params

#: ``WRITING_EVENTS`` and ``_params`` were defined here; the plugin's tests import them.
__all__ = ["WRITING_EVENTS", "PostgresStorage", "_params"]


class PostgresStorage(PostgresStepAnswers, PostgresPlanMark, PostgresDeadLetters, PostgresOrphans):
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
        self._pool = open_pool(self.options)
        try:
            with self.connection() as conn:
                self.schema_version = (
                    readable_version(conn, self.options)
                    if read_only
                    else migrate(conn, self.options.schema, self.options.display)
                )
        except BaseException:
            self._pool.close()
            raise

    @classmethod
    def reading(cls, url: str) -> PostgresStorage:
        """The store at ``url`` opened only to read (see ``read_only``)."""
        return cls(url, read_only=True)

    @classmethod
    def stored_version(cls, url: str) -> int | None:
        """The schema version of the store at ``url``, asked without writing (see
        ``complaintkit_postgres.stored_version``): None when there is no such schema."""
        return stored_version(url)

    # --- connections and transactions ----------------------------------------------------

    def _current(self) -> Connection[TupleRow] | None:
        conn: Connection[TupleRow] | None = getattr(self._local, "conn", None)
        return conn

    @contextmanager
    def connection(self) -> Iterator[Connection[TupleRow]]:
        """Borrow a connection for one block: that of this thread's open claim or
        ``transaction()`` block (its writes seen, none committed by the borrower), else one
        from the pool, given back when the block ends. Public for the plugin's modules that
        query in SQL beside the storage (reports, replay histories); on a store opened with
        ``reading`` every write through it is refused."""
        current = self._current()
        if current is not None:
            yield current
            return
        try:
            with (
                refusing_writes(self.options, opened_to_read=self.read_only),
                self._pool.connection() as conn,
            ):
                yield conn
        except PoolTimeout as exc:
            raise no_connection_came_free(self.options) from exc
        except CONCURRENT as exc:  # a commit that could not serialize
            raise refused_write(self.options, exc) from exc
        except psycopg.OperationalError as exc:
            raise operation_failed(self.options, exc) from exc

    @contextmanager
    def _transaction(self) -> Iterator[Connection[TupleRow]]:
        """One write transaction, refused on a schema a newer plugin migrated since this
        store opened (``migration_lock``); inside a claim block, a savepoint of the block's
        transaction, which was asked when it began."""
        nested = self._current() is not None
        with self.connection() as conn, conn.transaction():
            if not nested:
                self._refuse_a_newer_schema(conn)
            yield conn

    def _refuse_a_newer_schema(self, conn: Connection[TupleRow]) -> None:
        refuse_a_newer_schema(conn, self.options, len(MIGRATIONS))

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
            with self._transaction() as conn:
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
        params = batch_params(changes, expected)
        with refused_as_such(self.options), self._transaction() as conn:
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
        with self.connection() as conn:
            rows = conn.execute(query, params).fetchall()
        return [read_case(body) for (body,) in rows]

    def get(self, case_id: str) -> Case:
        if unmatchable(case_id):
            raise NotFound(f"no case {case_id!r} in {self.options.display}")
        with self.connection() as conn:
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
        return self._found(query)

    def find_readable(self, query: CaseQuery) -> tuple[list[Case], list[DamagedRecord]]:
        damaged: list[DamagedRecord] = []
        return self._found(query, damaged), damaged

    def _found(self, query: CaseQuery, damaged: list[DamagedRecord] | None = None) -> list[Case]:
        """``find``'s cases; given ``damaged``, a damaged body is added to it, not raised."""
        if unmatchable(query.customer_id, query.owner, query.category):
            return []
        where, params = where_clause(query)
        # ties by id in code point order, as SQLite and memory, whatever the collation
        statement = sql.SQL(
            'SELECT id, body FROM cases{} ORDER BY opened_at, id COLLATE "C"'
        ).format(where)
        if query.limit is not None:
            statement += sql.SQL(" LIMIT {}").format(int(query.limit))
        with self.connection() as conn:
            return cases_read(conn.execute(statement, params).fetchall(), damaged)

    def count(self, query: CaseQuery) -> int:
        if unmatchable(query.customer_id, query.owner, query.category):
            return 0
        where, params = where_clause(query)
        with self.connection() as conn:
            row = conn.execute(sql.SQL("SELECT count(*) FROM cases{}").format(where), params)
            (total,) = row.fetchone() or (0,)
        return int(total)

    def events(self, case_id: str) -> list[CaseEvent]:
        return events_read(self._event_rows(case_id), case_id)

    def events_readable(self, case_id: str) -> tuple[list[CaseEvent], list[DamagedRecord]]:
        damaged: list[DamagedRecord] = []
        return events_read(self._event_rows(case_id), case_id, damaged), damaged

    def _event_rows(self, case_id: str) -> list[tuple[Any, Any]]:
        if unmatchable(case_id):
            raise NotFound(f"no case {case_id!r} in {self.options.display}")
        with self.connection() as conn:
            rows = conn.execute(
                "SELECT seq, body FROM events WHERE case_id = %s ORDER BY seq", (case_id,)
            ).fetchall()
        if not rows:
            raise NotFound(f"no case {case_id!r} in {self.options.display}")
        return rows

    def case_ids(self) -> Iterator[str]:
        with self.connection() as conn:
            ids = [
                str(row[0]) for row in conn.execute('SELECT id FROM cases ORDER BY id COLLATE "C"')
            ]
        return iter(ids)

    # --- the sweep -----------------------------------------------------------------------

    @contextmanager
    def claim_due(self, before: datetime, limit: int) -> Iterator[list[Case]]:
        def fetch(count: int, offset: int) -> list[tuple[str, Any]]:
            with self.connection() as conn:
                return conn.execute(
                    "SELECT id, body FROM cases WHERE next_deadline IS NOT NULL "
                    'AND next_deadline <= %s ORDER BY next_deadline, id COLLATE "C" LIMIT %s OFFSET %s '
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
        with self.connection() as conn:
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
        with self.connection() as conn:
            conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (customer_id,))

    def enqueue(self, items: Sequence[Outgoing]) -> None:
        if not items:
            return
        with self._transaction() as conn:
            outbox.enqueue(conn, items)

    @contextmanager
    def hold_outbox(self) -> Iterator[bool]:
        """Hold the outbox; while held, this thread reads what is due and records its
        attempts on the lock's own connection (see ``complaintkit_postgres.outbox``)."""
        with outbox.hold_outbox(self.options) as held:
            outer = getattr(self._local, "outbox", None)
            self._local.outbox = held
            try:
                yield held is not None
            finally:
                self._local.outbox = outer

    @contextmanager
    def _holding(self) -> Iterator[Connection[TupleRow]]:
        """The connection holding the outbox lock, if this thread holds it, else one of the
        pool's; a holder whose lock connection was ended gets a ``StorageError``."""
        held: Connection[TupleRow] | None = getattr(self._local, "outbox", None)
        if held is None:
            with self.connection() as conn:
                yield conn
            return
        try:
            with refusing_writes(self.options, opened_to_read=self.read_only):
                yield held
        except psycopg.OperationalError as exc:
            if not held.closed:  # a statement the server cancelled: the lock is still held
                raise operation_failed(self.options, exc) from exc
            raise StorageError(
                f"PostgreSQL at {self.options.display}: the outbox lock's connection was "
                f"lost ({server_said(exc)}); this pass ends, the next one sends what is still due"
            ) from exc

    def due_deliveries(self, now: datetime, limit: int) -> list[Delivery]:
        # placed: -infinity (edited so) is before every instant, yet no instant to send at
        with self._holding() as conn:
            self._refuse_a_newer_schema(conn)  # what it sends it must record as sent
            return outbox.deliveries(
                conn,
                "WHERE state = 'pending' AND " + placed("next_attempt_at") + " "
                "AND next_attempt_at <= %s ORDER BY next_attempt_at, position LIMIT %s",
                (now, limit),
            )

    def undated_deliveries(self) -> list[Delivery]:
        return self._deliveries(
            "WHERE state = 'pending' AND (next_attempt_at IS NULL OR "
            + unplaced("next_attempt_at")
            + ") ORDER BY position"
        )

    def record_attempts(self, attempts: Sequence[tuple[Delivery, Attempt]]) -> None:
        with self._holding() as conn, conn.transaction():
            self._refuse_a_newer_schema(conn)
            outbox.record_attempts(conn, attempts)

    def requeue_dead(
        self, delivery_ids: Collection[str] | None, via: str | None, at: datetime
    ) -> int:
        if unmatchable(via):
            return 0
        wanted = None
        if delivery_ids is not None:
            wanted = sorted({id_ for id_ in delivery_ids if not unmatchable(id_)})
        with self._transaction() as conn:
            return outbox.requeue_dead(conn, wanted, via, at)

    def deliveries(self, state: State | None = None, case_id: str | None = None) -> list[Delivery]:
        if unmatchable(case_id):
            return []
        return self._deliveries(
            "WHERE state = coalesce(%s, state) AND case_id = coalesce(%s, case_id) "
            "ORDER BY position",
            (state, case_id),
        )

    def delivery(self, delivery_id: str) -> Delivery | None:
        if unmatchable(delivery_id):
            return None
        found = self._deliveries("WHERE delivery_id = %s", (delivery_id,))
        return found[0] if found else None

    def acknowledged_since(self, since: datetime) -> list[str]:
        with self.connection() as conn:
            return outbox.acknowledged_since(conn, since)

    def _deliveries(self, where: LiteralString, params: Sequence[Any] = ()) -> list[Delivery]:
        with self.connection() as conn:
            return outbox.deliveries(conn, where, params)

    def events_since(self, cursor: str | None, limit: int) -> EventPage:
        return events_page(self.connection(), cursor, limit).unless_damaged()

    def events_readable_since(self, cursor: str | None, limit: int) -> FeedPage:
        """``events_since``, each damaged event named in the page (``GET /events``)."""
        return events_page(self.connection(), cursor, limit)

    def feed_head(self) -> str:
        return feed_head(self.connection())

    def report_source(self) -> ReportSource:
        """Reports answered by SQL aggregates in this database (``complaintkit report``)."""
        return PostgresReportSource(self)

    def histories(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> Iterator[list[CaseEvent] | DamagedCase]:
        """Each case's events in order, for the cases opened in ``[since, until)``, streamed
        (``complaintkit replay``); a case whose events cannot be read as its ``DamagedCase``."""
        return stored_histories(self, since, until)

    def history_end(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> tuple[datetime | None, list[DamagedCase]]:
        """The latest instant a case row records a change at, and each case opened in
        ``[since, until)`` whose row cannot be read (``complaintkit replay``'s horizon)."""
        return history_end(self, since, until)

    def case_openings(self) -> Iterator[tuple[Any, Any, Any, Any]]:
        """Each case row's filing columns beside its first event (``replay``'s check)."""
        return case_openings(self)

    # --- the audit -----------------------------------------------------------------------

    def audit_snapshot(self) -> AbstractContextManager[Snapshot]:
        """The ledger and every case's raw rows, in one repeatable-read transaction."""
        return self._audit_read(None)

    def case_snapshot(self, case_id: str) -> AbstractContextManager[Snapshot]:
        """The ledger and ``case_id``'s raw rows alone, in one repeatable-read transaction
        (``replay --case`` reads no other case)."""
        return self._audit_read(case_id)

    @contextmanager
    def _audit_read(self, case_id: str | None) -> Iterator[Snapshot]:
        try:
            with self._pool.connection() as conn, ledger.snapshot(conn, case_id) as snapshot:
                yield snapshot
        except psycopg.Error as exc:  # a table or column the audit reads was dropped
            raise unauditable(exc) from exc

    def close(self) -> None:
        self._pool.close()
