"""SQLite storage, the embedded default: WAL, one transaction per change, versioned schema.

A process killed mid-write leaves either the whole change or none of it: the case row,
its events and its idempotency key are written in one transaction.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from complaintkit.audit.keys import load_key
from complaintkit.audit.records import Snapshot
from complaintkit.audit.stored import cases_read, events_read, read_case, read_event
from complaintkit.delivery.outgoing import Attempt, Delivery, Outgoing, State
from complaintkit.errors import Conflict, DamagedRecord, NotFound, StorageError
from complaintkit.model.case import Case
from complaintkit.model.compensation import given_amount, standing
from complaintkit.model.events import CaseEvent
from complaintkit.model.instants import isoformat
from complaintkit.model.jsonvalues import printable
from complaintkit.model.money import Money
from complaintkit.storage import sqlite_dead_letters as letters
from complaintkit.storage import sqlite_ledger, sqlite_outbox_lock, sqlite_writes
from complaintkit.storage.base import (
    CaseQuery,
    DeadLetter,
    EventPage,
    Storage,
    past_the_head,
    position_cursor,
    raw_bytes,
    unmatchable,
)
from complaintkit.storage.event_feed import FeedPage, readable_page
from complaintkit.storage.json_text import dumps, stored_text
from complaintkit.storage.sqlite_checkpoint import Checkpointer, checkpointer
from complaintkit.storage.sqlite_due_rows import Damaged, claimed_past_damage
from complaintkit.storage.sqlite_opened_file import OpenedFile
from complaintkit.storage.sqlite_openings import acknowledged_since, openings
from complaintkit.storage.sqlite_orphans import SQLiteOrphans
from complaintkit.storage.sqlite_outbox_rows import (
    FIRST_DUE,
    LAST_DUE,
    OUTBOX_COLUMNS,
    RECORD_ATTEMPT,
    delivery_of,
    due_at,
)
from complaintkit.storage.sqlite_ownership import refuse_a_newer_schema, refuse_what_is_not_ours
from complaintkit.storage.sqlite_plan_mark import SQLitePlanMark
from complaintkit.storage.sqlite_query import found, where
from complaintkit.storage.sqlite_read_only import (
    connect_read_only,
    refuse_what_cannot_be_read,
    remove_what_reading_left,
    stored_version,
    wal_files_absent,
)
from complaintkit.storage.sqlite_readers import Readers
from complaintkit.storage.sqlite_schema import MIGRATIONS, migrate
from complaintkit.storage.sqlite_step_answers import SQLiteStepAnswers
from complaintkit.storage.sqlite_transaction import (
    reading,
    refuse_no_database,
    refused_as_such,
    shared_part,
    unopenable,
    write_transaction,
)
from complaintkit.storage.sqlite_unwritable import refuse_unwritable
from complaintkit.storage.sqlite_url import openable_file, synchronous
from complaintkit.storage.sqlite_wal import WAIT, write_ahead_log
from complaintkit.storage.sqlite_writes import KEEP_DEAD_LETTER, UPDATE_CASE, update_row

#: Event kinds that bring a case a complaint, and with it an intake key to store.
_TAKES_IN = frozenset(("opened", "complaint_added"))


#: The position of the last event committed.
_HEAD = "SELECT coalesce(max(position), 0) FROM event_log"


class SQLiteStorage(SQLiteStepAnswers, SQLitePlanMark, SQLiteOrphans):
    """Cases in one SQLite file. ``sqlite:///cases.db?synchronous=normal`` trades power-loss
    durability for speed; the default ``full`` fsyncs every commit."""

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        self.path = openable_file(url)
        refuse_no_database(self.path)  # before SQLite can take it for an empty one
        #: the file as SQLite keeps it, whatever folder the process moves to: every other
        #: connection (reports, checkpoints) and the outbox lock are made from it
        self.absolute_path = Path(os.path.abspath(self.path))
        self.read_only = read_only
        durability = synchronous(url)
        self.url = url
        self._lock = threading.RLock()
        self._outbox = threading.local()  # the outbox lock this thread holds
        self._checkpoints: Checkpointer | None = None  # a read-only store keeps none
        self.readers = Readers()  # those on connections of their own, closed with it
        self._damaged: Damaged = {}  # due rows found on damaged pages (``sqlite_due_rows``)
        try:  # a folder, a file that is no database, one we may not write
            if read_only:
                self._open_read_only()
                return
            refuse_unwritable(url, self.path)
            self._db = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=WAIT
            )
            self._file = OpenedFile(self.path)  # the file the connection opened
            self._db.text_factory = stored_text
            refuse_what_is_not_ours(self._db, self.path, len(MIGRATIONS))
            journal = write_ahead_log(self._db, WAIT)
            self._db.execute(f"PRAGMA synchronous={durability.upper()}")
            self._checkpoints = checkpointer(self._db, journal, self.absolute_path, durability)
            self._batch_written = False  # by the open transaction (intake_many, save_many)
            self._db.execute("PRAGMA foreign_keys=ON")
            self.audit_key = load_key()
            with self._transaction() as db:
                migrate(db, self.path)
        except BaseException as exc:  # nothing is left open: a retried open would leak it
            if hasattr(self, "_db"):
                self.close()
            if not isinstance(exc, sqlite3.Error):
                raise
            raise StorageError(  # /dev/null opens, and fails at its first write
                f"{url!r}: {unopenable(self.path, exc)}"
            ) from exc

    @classmethod
    def reading(cls, url: str) -> SQLiteStorage:
        """The store at ``url`` opened only to read (see ``sqlite_read_only``)."""
        return cls(url, read_only=True)

    @classmethod
    def stored_version(cls, url: str) -> int | None:
        """The schema version of the store at ``url``, asked without writing (see
        ``sqlite_read_only.stored_version``): None when there is no file, 0 for an empty one."""
        return stored_version(openable_file(url))

    def _open_read_only(self) -> None:
        self._found_unopened = wal_files_absent(self.path)  # then its files are ours
        self._db = connect_read_only(
            self.path, isolation_level=None, check_same_thread=False, timeout=30
        )
        self._file = OpenedFile(self.path)
        self._db.text_factory = stored_text
        self.audit_key = load_key()
        refuse_what_cannot_be_read(self._db, self.path, len(MIGRATIONS))  # closed if refused

    @contextmanager
    def _transaction(self, *, savepoint: bool = False) -> Iterator[sqlite3.Connection]:
        """One write transaction; a nested call joins the outer one (as a savepoint of it
        with ``savepoint``: see ``sqlite_transaction.write_transaction``)."""
        if self.read_only:
            raise StorageError(f"{self.url!r} was opened only to read; nothing is written")
        with write_transaction(
            self._db,
            self._lock,
            self._file,
            self._committed,
            known=len(MIGRATIONS),
            savepoint=savepoint,
        ) as db:
            yield db

    def _reading(self) -> AbstractContextManager[None]:
        """Reads under the store's lock; the file failing under them is a ``StorageError``."""
        return reading(self._lock, self._db, self.path)

    def _committed(self) -> None:
        if self._checkpoints is not None:  # a batch's commit leaves its checkpoints apart
            self._checkpoints.committed(self._batch_written)
        self._batch_written = False

    def _insert_cases(self, db: sqlite3.Connection, cases: Sequence[Case]) -> None:
        sqlite_writes.insert_cases(db, cases)

    def _insert_events(self, db: sqlite3.Connection, events: Sequence[CaseEvent]) -> None:
        """Store ``events`` and commit their cases' new heads to the ledger."""
        sqlite_writes.insert_events(db, events, self.audit_key)

    def _insert_keys(self, db: sqlite3.Connection, case: Case) -> None:
        db.executemany(
            "INSERT OR IGNORE INTO intake_keys (channel, external_id, case_id) VALUES (?, ?, ?)",
            [(*c.key, case.id) for c in case.complaints],
        )

    def intake(self, case: Case, events: Sequence[CaseEvent]) -> tuple[Case, bool]:
        with self._transaction() as db:
            existing = self.find_by_key(*case.complaint.key)
            if existing is not None:
                return existing, False
            self._insert_cases(db, [case])
            self._insert_keys(db, case)
            self._insert_events(db, events)
            db.execute(
                "INSERT INTO status_tokens (token, case_id) VALUES (?, ?)",
                (case.status_token, case.id),
            )
            return case, True

    def intake_many(
        self, items: Sequence[tuple[Case, Sequence[CaseEvent]]]
    ) -> list[tuple[Case, bool]]:
        """One transaction and one ``executemany`` per table for the whole batch."""
        results: list[tuple[Case, bool]] = []
        cases: list[Case] = []
        events: list[CaseEvent] = []
        with self._transaction() as db:
            self._batch_written = True
            holders = self.find_by_keys([case.complaint.key for case, _ in items])
            for case, made in items:
                key = case.complaint.key
                holder = holders.get(key)
                if holder is not None:
                    results.append((holder, False))
                    continue
                holders[key] = case
                cases.append(case)
                events += made
                results.append((case, True))
            self._insert_cases(db, cases)
            db.executemany(
                "INSERT OR IGNORE INTO intake_keys (channel, external_id, case_id) VALUES (?, ?, ?)",
                [(*c.key, case.id) for case in cases for c in case.complaints],
            )
            self._insert_events(db, events)
            db.executemany(
                "INSERT INTO status_tokens (token, case_id) VALUES (?, ?)",
                [(case.status_token, case.id) for case in cases],
            )
        return results

    def save(self, case: Case, events: Sequence[CaseEvent]) -> None:
        expected = events[0].seq - 1 if events else case.version
        with self._transaction() as db:
            updated = db.execute(UPDATE_CASE, update_row(case, expected)).rowcount
            if updated != 1:
                row = db.execute("SELECT version FROM cases WHERE id = ?", (case.id,)).fetchone()
                raise Conflict(case.id, expected, None if row is None else row[0])
            sqlite_writes.write_facts(db, [case])
            self._insert_keys(db, case)
            self._insert_events(db, events)

    def save_many(self, changes: Sequence[tuple[Case, Sequence[CaseEvent]]]) -> None:
        """One ``executemany`` per table for the whole batch (ticks save thousands)."""
        rows = [
            update_row(case, events[0].seq - 1 if events else case.version)
            for case, events in changes
        ]
        with refused_as_such(self.path), self._transaction() as db:
            self._batch_written = True
            saved = sqlite_writes.update_cases(db, rows)
            if saved != len(rows):  # name a stale case; raising rolls the batch back
                for (case, _), values in zip(changes, rows, strict=True):
                    row = db.execute(
                        "SELECT version FROM cases WHERE id = ?", (case.id,)
                    ).fetchone()
                    if row is None or row[0] != case.version:
                        raise Conflict(case.id, values[8], None if row is None else row[0])
            sqlite_writes.write_facts(db, [case for case, _ in changes])
            db.executemany(  # only a case that took in a complaint has a key to add
                "INSERT OR IGNORE INTO intake_keys (channel, external_id, case_id) VALUES (?, ?, ?)",
                [
                    (*c.key, case.id)
                    for case, events in changes
                    if any(event.kind in _TAKES_IN for event in events)
                    for c in case.complaints
                ],
            )
            self._insert_events(db, [event for _, events in changes for event in events])

    def _cases(
        self, sql: str, params: Sequence[Any] = (), damaged: list[DamagedRecord] | None = None
    ) -> list[Case]:
        with self._reading():  # rows of (id, body): the id column names a broken body
            return cases_read(self._db.execute(sql, params).fetchall(), damaged)

    def get(self, case_id: str) -> Case:
        if unmatchable(case_id):
            raise NotFound(f"no case {case_id!r} in {self.url}")
        with self._reading():
            row = self._db.execute("SELECT body FROM cases WHERE id = ?", (case_id,)).fetchone()
        if row is None:
            raise NotFound(f"no case {case_id!r} in {self.url}")
        return read_case(row[0], case_id)

    def find_by_key(self, channel: str, external_id: str) -> Case | None:
        return self.find_by_keys([(channel, external_id)]).get((channel, external_id))

    def find_by_keys(self, keys: Collection[tuple[str, str]]) -> dict[tuple[str, str], Case]:
        with self._reading():
            held = sqlite_writes.held_cases(self._db, [k for k in keys if not unmatchable(*k)])
        return {key: read_case(body) for key, body in held.items()}

    def find_by_token(self, token: str) -> Case | None:
        if unmatchable(token):
            return None
        found = self._cases(
            "SELECT c.id, c.body FROM status_tokens t JOIN cases c ON c.id = t.case_id WHERE t.token = ?",
            (token,),
        )
        return found[0] if found else None

    def find(self, query: CaseQuery) -> list[Case]:
        if unmatchable(query.customer_id, query.owner, query.category):
            return []
        return self._cases(*found(query))

    def find_readable(self, query: CaseQuery) -> tuple[list[Case], list[DamagedRecord]]:
        if unmatchable(query.customer_id, query.owner, query.category):
            return [], []
        damaged: list[DamagedRecord] = []
        return self._cases(*found(query), damaged), damaged

    def count(self, query: CaseQuery) -> int:
        if unmatchable(query.customer_id, query.owner, query.category):
            return 0
        clause, params = where(query)
        with self._reading():
            (total,) = self._db.execute(f"SELECT count(*) FROM cases{clause}", params).fetchone()  # noqa: S608 -- columns are fixed, values are bound
        return int(total)

    def openings(
        self, customer_ids: Collection[str], since: datetime
    ) -> Callable[[str, datetime], int]:
        return openings(self._db, self._reading(), self.count, customer_ids, since)

    def acknowledged_since(self, since: datetime) -> list[str]:
        return acknowledged_since(self._db, self._reading(), since)

    def events(self, case_id: str) -> list[CaseEvent]:
        return events_read(self._event_rows(case_id), case_id)

    def events_readable(self, case_id: str) -> tuple[list[CaseEvent], list[DamagedRecord]]:
        damaged: list[DamagedRecord] = []
        return events_read(self._event_rows(case_id), case_id, damaged), damaged

    def _event_rows(self, case_id: str) -> list[tuple[Any, Any]]:
        if unmatchable(case_id):
            raise NotFound(f"no case {case_id!r} in {self.url}")
        with self._reading():
            rows = self._db.execute(
                "SELECT seq, body FROM events WHERE case_id = ? ORDER BY seq", (case_id,)
            ).fetchall()
        if not rows:
            raise NotFound(f"no case {case_id!r} in {self.url}")
        return rows

    def case_ids(self) -> Iterator[str]:
        with self._reading():
            ids = [row[0] for row in self._db.execute("SELECT id FROM cases ORDER BY id")]
        return iter(ids)

    @contextmanager
    def claim_due(self, before: datetime, limit: int) -> Iterator[list[Case]]:
        """Passes over the rows on a damaged page, naming them (``sqlite_due_rows``)."""
        with claimed_past_damage(
            self._db, self._reading, self._transaction, self.path, self._damaged, before, limit
        ) as due:
            yield due

    def compensation_total(
        self,
        customer_id: str,
        since: datetime,
        currency: str,
        kinds: Collection[str] | None = None,
    ) -> Money:
        """Reads only the compensation entries (JSON1), summed exactly in Python."""
        if unmatchable(customer_id):
            return Storage.compensation_total(self, customer_id, since, currency, kinds)
        with self._reading():
            rows = self._db.execute(
                "SELECT e.value, c.is_open FROM cases c, json_each(c.body, '$.compensation') e "
                "WHERE c.customer_id = ? AND json_extract(e.value, '$.offered_at') IS NOT NULL",
                (customer_id,),
            ).fetchall()
        entries = [
            e for value, is_open in rows for e in standing([json.loads(value)], bool(is_open))
        ]
        return Money(given_amount(entries, since, currency, kinds), currency)

    # --- transactions and the outbox ------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._transaction(savepoint=True):
            yield

    def enqueue(self, items: Sequence[Outgoing]) -> None:
        if not items:
            return
        with self._transaction() as db, shared_part("the outbox (table outbox)"):
            db.executemany(
                "INSERT INTO outbox (delivery_id, via, kind, case_id, payload, created_at, "
                "next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        item.delivery_id,
                        item.via,
                        item.kind,
                        item.case_id,
                        dumps(item.payload),
                        isoformat(item.queued_at),
                        item.queued_at.timestamp(),
                    )
                    for item in items
                ],
            )

    @contextmanager
    def hold_outbox(self) -> Iterator[bool]:
        """An exclusive ``flock`` on ``<file>-outbox.lock`` (``sqlite_outbox_lock``); while
        held, this thread's reads of what is due and records check it is still there."""
        with sqlite_outbox_lock.hold(self.absolute_path) as fd:
            outer = getattr(self._outbox, "fd", None)
            self._outbox.fd = fd
            try:
                yield fd is not None
            finally:
                self._outbox.fd = outer

    def _check_outbox(self) -> None:
        fd: int | None = getattr(self._outbox, "fd", None)
        if fd is not None:
            sqlite_outbox_lock.check_held(fd, self.absolute_path)

    def due_deliveries(self, now: datetime, limit: int) -> list[Delivery]:
        self._check_outbox()
        self._file.check()  # a delivery read from a file gone is sent again every pass
        with self._reading():  # and one read from a store it cannot record in any more
            refuse_a_newer_schema(self._db, self.path, len(MIGRATIONS))
        # from the first instant on: a number before it (edited so) is no instant to send at
        return self._deliveries(
            "WHERE state = 'pending' AND next_attempt_at BETWEEN ? AND ? "
            "ORDER BY next_attempt_at, position LIMIT ?",
            (FIRST_DUE, now.timestamp(), limit),
        )

    def undated_deliveries(self) -> list[Delivery]:
        # SQLite sorts NULL before numbers and text and blobs after them: two index ranges
        return self._deliveries(
            "WHERE state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at < ? "
            "OR next_attempt_at > ?) ORDER BY position",
            (FIRST_DUE, LAST_DUE),
        )

    def record_attempts(self, attempts: Sequence[tuple[Delivery, Attempt]]) -> None:
        self._check_outbox()
        with self._transaction() as db:
            db.executemany(
                RECORD_ATTEMPT,
                [
                    (
                        attempt.state,
                        int(attempt.tried),
                        None if attempt.retry_at is None else attempt.retry_at.timestamp(),
                        attempt.error,
                        delivery.position,
                    )
                    for delivery, attempt in attempts
                ],
            )
            for delivery, attempt in attempts:
                source = delivery.outgoing.dead_letter_source
                if attempt.state == "dead":
                    raw = dumps(delivery.outgoing.payload)
                    letters.given_up(db, source, raw, attempt.error, attempt.at.isoformat())
                elif attempt.state == "delivered":
                    letters.delivered(db, source)

    def requeue_dead(
        self, delivery_ids: Collection[str] | None, via: str | None, at: datetime
    ) -> int:
        if unmatchable(via):
            return 0
        if delivery_ids is not None:
            delivery_ids = [id_ for id_ in delivery_ids if not unmatchable(id_)]
        with self._transaction() as db:
            return sqlite_writes.requeue_dead(db, delivery_ids, via, at.timestamp())

    def deliveries(self, state: State | None = None, case_id: str | None = None) -> list[Delivery]:
        if unmatchable(case_id):
            return []
        return self._deliveries(
            "WHERE state = coalesce(?, state) AND case_id = coalesce(?, case_id) ORDER BY position",
            (state, case_id),
        )

    def delivery(self, delivery_id: str) -> Delivery | None:
        if unmatchable(delivery_id):
            return None
        found = self._deliveries("WHERE delivery_id = ?", (delivery_id,))
        return found[0] if found else None

    def _deliveries(self, where: str, params: Sequence[Any] = ()) -> list[Delivery]:
        with self._reading():
            query = f"SELECT {OUTBOX_COLUMNS} FROM outbox {where}"  # noqa: S608 -- fixed clauses
            rows = self._db.execute(query, params).fetchall()
        return [delivery_of(row, due_at) for row in rows]

    def events_since(self, cursor: str | None, limit: int) -> EventPage:
        """SQLite commits one writer at a time, so the log's order is commit order."""
        return self.events_readable_since(cursor, limit).unless_damaged()

    def events_readable_since(self, cursor: str | None, limit: int) -> FeedPage:
        """``events_since``, each damaged event named in the page (``event_feed``)."""
        start = position_cursor(cursor)
        with self._reading():
            rows = self._db.execute(
                "SELECT l.position, e.case_id, e.seq, e.body FROM event_log l "
                "JOIN events e ON e.case_id = l.case_id AND e.seq = l.seq "
                "WHERE l.position > ? ORDER BY l.position LIMIT ?",
                (start, limit),
            ).fetchall()
            if not rows and start:
                (head,) = self._db.execute(_HEAD).fetchone()
                if start > head:
                    raise past_the_head(str(cursor), str(head))
        return readable_page(rows, str(start))

    def feed_head(self) -> str:
        with self._reading():
            (head,) = self._db.execute(_HEAD).fetchone()
        return str(head)

    def openings_since(self, cursor: str | None) -> EventPage:
        """Openings up to the head read first: a later commit's rows lie above it, so the
        cursor passes the events skipped and none committed after."""
        start = position_cursor(cursor)
        with self._reading():
            (head,) = self._db.execute(_HEAD).fetchone()
            if start > head:
                raise past_the_head(str(cursor), str(head))
            rows = self._db.execute(
                "SELECT e.case_id, e.seq, e.body FROM event_log l "
                "JOIN events e ON e.case_id = l.case_id AND e.seq = l.seq "
                "WHERE l.position > ? AND l.position <= ? AND l.seq = 1 ORDER BY l.position",
                (start, head),
            ).fetchall()
        return EventPage([read_event(body, case_id, seq) for case_id, seq, body in rows], str(head))

    # --- dead letters ----------------------------------------------------------------------

    def dead_letter(self, source: str, raw: bytes | str, reason: str, at: datetime) -> None:
        data, source, reason = raw_bytes(raw), printable(source), printable(reason)
        with self._transaction() as db:
            db.execute(
                KEEP_DEAD_LETTER, (source, data, reason, at.isoformat(), source, reason, data)
            )

    def dead_letters(self) -> list[DeadLetter]:
        with self._reading():
            return letters.kept_letters(self._db)

    def dead_letters_from(self, source_prefix: str) -> list[DeadLetter]:
        with self._reading():
            return letters.letters_from(self._db, source_prefix)

    def refused_again(self, letter_id: int, reason: str) -> None:
        with self._transaction() as db:
            letters.refuse_again(db, letter_id, reason)

    def refused_on_retry(self, letter: DeadLetter, reason: str, at: datetime) -> None:
        with self._transaction() as db:
            letters.count_retry(db, letter.id, reason, at.isoformat())

    def purge_dead_letters(self, ids: Collection[int]) -> int:
        with self._transaction() as db:
            return letters.purge_letters(db, ids)

    @contextmanager
    def audit_snapshot(self) -> Iterator[Snapshot]:
        """The ledger and every case's raw rows, in one read transaction."""
        with self._reading(), sqlite_ledger.audit_read(self._db):
            yield sqlite_ledger.snapshot(self._db)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a read-only query (reports use this); writes go through the methods above."""
        with self._reading():
            return self._db.execute(sql, params).fetchall()

    def close(self) -> None:
        self.readers.close()  # first: the connection closing last checkpoints
        if self._checkpoints is not None:
            self._checkpoints.close()
        with self._lock:
            self._db.close()
        if self.read_only and self._found_unopened:
            remove_what_reading_left(self.absolute_path)
