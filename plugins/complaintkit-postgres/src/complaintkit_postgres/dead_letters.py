"""Dead letters in PostgreSQL: each kept once, however many workers keep it."""

from __future__ import annotations

from collections.abc import Callable, Collection
from contextlib import AbstractContextManager
from datetime import datetime
from typing import LiteralString

from psycopg import Connection, Cursor
from psycopg.rows import TupleRow

from complaintkit.model.jsonvalues import printable
from complaintkit.storage.base import DeadLetter, Storage, kept_at, raw_bytes
from complaintkit_postgres.instants import lenient

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


def keep_dead_letter(
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


def given_up(
    conn: Connection[TupleRow], source: str, raw: bytes | str, reason: str, at: datetime
) -> None:
    """Keep the dead letter of a delivery given up on at ``at`` (``source`` names it); one
    given up on again since it was requeued keeps its one letter, with the cause that holds
    now and the retry counted: a second letter would count one message refused twice."""
    source, reason = printable(source), printable(reason)
    again = conn.execute(  # found through the index on the hashes of source and reason
        "UPDATE dead_letters SET reason = %s, retries = retries + 1, last_retry_at = %s "
        "WHERE hashtextextended(source, 0) = hashtextextended(%s, 0) AND source = %s",
        (reason, at, source, source),
    )
    if not again.rowcount:
        conn.execute(
            "INSERT INTO dead_letters (source, raw, reason, at) VALUES (%s, %s, %s, %s)",
            (source, raw_bytes(raw), reason, at),
        )


def delivered(conn: Connection[TupleRow], sources: list[str]) -> None:
    """Delete the letters of deliveries delivered (``sources`` name them): given up on once
    and requeued since, their messages are refused input no more. One statement for a
    batch, found through the index on the hashes of source and reason."""
    kept = [printable(source) for source in sources]
    conn.execute(
        "DELETE FROM dead_letters WHERE hashtextextended(source, 0) = ANY(ARRAY("
        "SELECT hashtextextended(s, 0) FROM unnest(%s::text[]) AS s)) "
        "AND source = ANY(%s::text[])",
        (kept, kept),
    )


#: Every letter, with its columns in the order ``_letters`` reads them.
_EVERY: LiteralString = (
    "SELECT id, source, raw, reason, at, retries, last_retry_at FROM dead_letters"
)


def _letters(rows: Cursor[TupleRow]) -> list[DeadLetter]:
    return [
        DeadLetter(int(id_), source, bytes(raw), reason, kept_at(at), int(n), kept_at(last))
        for id_, source, raw, reason, at, n, last in rows.fetchall()
    ]


def kept_dead_letters(conn: Connection[TupleRow]) -> list[DeadLetter]:
    """Every dead letter, oldest first; one whose instant Python cannot hold (``infinity``,
    edited outside complaintkit) with that instant unknown (``kept_at``)."""
    cursor = conn.cursor()
    lenient(cursor)
    return _letters(cursor.execute(_EVERY + " ORDER BY id"))


#: The letters whose source starts with a text (``^@``: plain text, no wildcard), oldest
#: first, found through ``SOURCE_INDEX``.
FROM_PREFIX: LiteralString = _EVERY + " WHERE source ^@ %(p)s ORDER BY id"

#: The migration adding the index ``FROM_PREFIX`` reads. A radix tree (SP-GiST) serves
#: ``^@`` whatever the database's collation and, unlike a btree, holds a source of any
#: length: a btree entry holds at most about 2.7 KB, and a source that long could then not
#: be kept at all.
SOURCE_INDEX: LiteralString = """
    CREATE INDEX IF NOT EXISTS dead_letters_source ON dead_letters USING spgist (source);
"""


def dead_letters_from(conn: Connection[TupleRow], prefix: str) -> list[DeadLetter]:
    """The dead letters whose source starts with ``prefix`` (plain text), oldest first:
    no other letter's raw bytes are read."""
    cursor = conn.cursor()
    lenient(cursor)
    return _letters(cursor.execute(FROM_PREFIX, {"p": printable(prefix)}))


def refuse_again(conn: Connection[TupleRow], letter_id: int, reason: str) -> None:
    """Keep ``reason`` as the cause the letter ``letter_id`` is refused for now."""
    conn.execute(
        "UPDATE dead_letters SET reason = %s WHERE id = %s", (printable(reason), letter_id)
    )


def count_retry(conn: Connection[TupleRow], letter_id: int, reason: str, at: datetime) -> None:
    """Keep ``reason`` as the letter's cause, and count a retry refused at ``at``."""
    conn.execute(
        "UPDATE dead_letters SET reason = %s, retries = retries + 1, last_retry_at = %s "
        "WHERE id = %s",
        (printable(reason), at, letter_id),
    )


def purge_kept_letters(conn: Connection[TupleRow], ids: Collection[int]) -> int:
    """Delete the dead letters ``ids``; how many there were."""
    cursor = conn.execute("DELETE FROM dead_letters WHERE id = ANY(%s)", (sorted(set(ids)),))
    return cursor.rowcount


class PostgresDeadLetters(Storage):
    """The ``Storage`` methods on dead letters, each one statement above: reads on a
    borrowed connection, writes in a transaction of the store's."""

    connection: Callable[[], AbstractContextManager[Connection[TupleRow]]]
    _transaction: Callable[[], AbstractContextManager[Connection[TupleRow]]]

    def dead_letter(self, source: str, raw: bytes | str, reason: str, at: datetime) -> None:
        with self._transaction() as conn:
            keep_dead_letter(conn, source, raw, reason, at)

    def dead_letters(self) -> list[DeadLetter]:
        with self.connection() as conn:
            return kept_dead_letters(conn)

    def dead_letters_from(self, source_prefix: str) -> list[DeadLetter]:
        with self.connection() as conn:
            return dead_letters_from(conn, source_prefix)

    def refused_again(self, letter_id: int, reason: str) -> None:
        with self._transaction() as conn:
            refuse_again(conn, letter_id, reason)

    def refused_on_retry(self, letter: DeadLetter, reason: str, at: datetime) -> None:
        with self._transaction() as conn:
            count_retry(conn, letter.id, reason, at)

    def purge_dead_letters(self, ids: Collection[int]) -> int:
        with self._transaction() as conn:
            return purge_kept_letters(conn, ids)
