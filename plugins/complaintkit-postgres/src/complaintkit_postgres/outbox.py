"""The outbox in PostgreSQL: deliveries queued with their change, sent by one worker per schema.

The delivery worker's lock (``hold_outbox``) is a session advisory lock on a connection of
its own: the server drops it when the holder's connection dies, however the holder ends.
The holder reads its due deliveries and records its attempts on that same connection, so
a holder whose lock connection the server ended (a ``pg_terminate_backend``, a proxy's
idle timeout) fails at its next read or record instead of sending on beside the worker
that took the lock after it: at most the delivery in flight goes twice, as after a kill.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import datetime
from typing import Any, LiteralString

import psycopg
from psycopg import Connection, sql
from psycopg.rows import TupleRow

from complaintkit.delivery.outgoing import Attempt, Delivery, Outgoing, stored_payload
from complaintkit.storage.base import kept_at
from complaintkit_postgres.dead_letters import delivered, given_up
from complaintkit_postgres.instants import lenient
from complaintkit_postgres.server_said import operation_failed
from complaintkit_postgres.session import configure
from complaintkit_postgres.url import PostgresURL

#: Any constant both sides agree on, with the schema's hash: one delivery worker per schema.
_OUTBOX_LOCK = 0x636B6F62  # "ckob"


def enqueue(conn: Connection[TupleRow], items: Sequence[Outgoing]) -> None:
    """Queue ``items``, due at once, in ``conn``'s transaction."""
    with conn.cursor() as cursor:
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
                    item.queued_at,
                    item.queued_at,
                )
                for item in items
            ],
        )


@contextmanager
def hold_outbox(options: PostgresURL) -> Iterator[Connection[TupleRow] | None]:
    """The connection holding the schema's outbox lock, for the block, or ``None`` when
    another worker holds it."""
    key = zlib.crc32(options.schema.encode()) - 2**31  # one lock per schema
    try:
        conn = psycopg.connect(options.conninfo, autocommit=True, options=options.server_options)
    except psycopg.OperationalError as exc:
        raise operation_failed(options, exc) from exc
    configure(conn)
    with conn:
        row = conn.execute("SELECT pg_try_advisory_lock(%s, %s)", (_OUTBOX_LOCK, key)).fetchone()
        held = bool(row and row[0])
        try:
            yield conn if held else None
        finally:
            if held:
                _release(conn, key)


def _release(conn: Connection[TupleRow], key: int) -> None:
    """Unlock before the connection closes: the server frees a closed connection's locks only
    once it has ended its backend, after the close returns, and the next pass (this worker's
    or another's) would find the outbox still held and skip."""
    with suppress(psycopg.Error):  # a connection the server ended holds nothing any more
        conn.execute("SELECT pg_advisory_unlock(%s, %s)", (_OUTBOX_LOCK, key))


def record_attempts(
    conn: Connection[TupleRow], attempts: Sequence[tuple[Delivery, Attempt]]
) -> None:
    """Record each attempt in ``conn``'s transaction; a delivery given up on becomes a dead
    letter in the same transaction."""
    with conn.cursor() as cursor:
        cursor.executemany(
            # counting on from the count as read (``Delivery``: one below zero as none), kept
            # within the column: an edited 2**31 - 1 plus one failed the record, every pass
            "UPDATE outbox SET state = %s, "
            "attempts = least(greatest(attempts, 0)::bigint + %s, 2147483647), "
            "next_attempt_at = %s, last_error = %s WHERE position = %s",
            [
                (
                    attempt.state,
                    int(attempt.tried),
                    attempt.retry_at,
                    attempt.error,
                    delivery.position,
                )
                for delivery, attempt in attempts
            ],
        )
        for delivery, attempt in attempts:
            if attempt.state == "dead":  # on this connection: one transaction with it
                raw = json.dumps(dict(delivery.outgoing.payload), ensure_ascii=False)
                source = delivery.outgoing.dead_letter_source
                given_up(conn, source, raw, attempt.error, attempt.at)
        sent = [d.outgoing.dead_letter_source for d, a in attempts if a.state == "delivered"]
        if sent:
            delivered(conn, sent)


def requeue_dead(
    conn: Connection[TupleRow], wanted: list[str] | None, via: str | None, at: datetime
) -> int:
    """Make the dead deliveries ``wanted`` (all: ``None``) through ``via`` due again at
    ``at``; how many."""
    cursor = conn.execute(
        "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = %s "
        "WHERE state = 'dead' AND via = coalesce(%s, via) "
        "AND (%s::text[] IS NULL OR delivery_id = ANY(%s::text[]))",
        (at, via, wanted, wanted),
    )
    return cursor.rowcount


def deliveries(
    conn: Connection[TupleRow], where: LiteralString, params: Sequence[Any] = ()
) -> list[Delivery]:
    """The outbox rows selected by ``where`` (with its ``ORDER BY``)."""
    query = sql.SQL(
        "SELECT position, delivery_id, via, kind, case_id, payload, created_at, state, "
        "attempts, next_attempt_at, last_error FROM outbox {}"
    ).format(sql.SQL(where))
    with conn.cursor() as cursor:
        lenient(cursor)  # an instant Python cannot hold (edited so) is unknown, not an error
        rows = cursor.execute(query, params).fetchall()
    return [
        Delivery(
            int(position),
            Outgoing(delivery_id, via, kind, case_id, stored_payload(payload), kept_at(at)),
            state,
            attempts,
            kept_at(due),
            error,
            due is not None and kept_at(due) is None,
        )
        for position, delivery_id, via, kind, case_id, payload, at, state, attempts, due, error in rows
    ]


def acknowledged_since(conn: Connection[TupleRow], since: datetime) -> list[str]:
    """``Storage.acknowledged_since``: the messages queued at or after ``since`` read from
    the index ``outbox_created``, not the whole outbox; a payload that is no JSON object
    (edited so) is no acknowledgement."""
    rows = conn.execute(
        "SELECT payload FROM outbox WHERE kind = 'message' AND created_at >= %s", (since,)
    ).fetchall()
    sent = []
    for (text,) in rows:
        try:
            payload = json.loads(text)
        except ValueError:
            continue
        if (
            isinstance(payload, dict)
            and payload.get("role") == "customer"
            and payload.get("event") == "opened"
        ):
            sent.append(str(payload.get("to", "")))
    return sent
