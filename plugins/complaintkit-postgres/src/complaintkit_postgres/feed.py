"""The event feed (``events_since``): events in the order their transactions commit.

Events are ordered by (writing transaction, position), and a page holds only those of
transactions older than every one still able to write events to this schema
(``FEED_HORIZON``), so a transaction that commits late can never land behind a cursor
already handed out, and a long transaction elsewhere on the server does not stall the feed.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any, LiteralString

from psycopg import Connection

from complaintkit.errors import InvalidInput
from complaintkit.storage.base import counter_text, past_the_head
from complaintkit.storage.event_feed import FeedPage, readable_page

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

_EVENTS_AFTER: LiteralString = """
    SELECT tx::text, position, case_id, seq, body FROM events
    WHERE (tx, position) > (%s::text::xid8, %s) AND tx < %s::text::xid8
    ORDER BY tx, position LIMIT %s
"""


def _xmax(conn: Connection[Any]) -> int:
    """The first transaction id not yet given out: no cursor this storage returned names it
    or one above it."""
    row = conn.execute("SELECT pg_snapshot_xmax(pg_current_snapshot())::text").fetchone()
    return int(row[0]) if row else 0


def _feed_cursor(cursor: str | None) -> tuple[str, int]:
    """``"<transaction id>.<position>"`` of the last event read; ``None``, ``""`` or a
    zero (``"0"``, the embedded stores' cursor before every event): nothing read."""
    if not cursor or (counter_text(cursor, 2**63) and int(cursor) == 0):
        return "0", 0
    tx, dot, position = cursor.partition(".")
    if not (dot and counter_text(tx, 2**64) and counter_text(position, 2**63)):
        raise InvalidInput("cursor", f"{cursor!r:.80} is not a cursor this storage returned")
    return tx, int(position)


def events_page(
    connection: AbstractContextManager[Connection[Any]], cursor: str | None, limit: int
) -> FeedPage:
    """Up to ``limit`` events after ``cursor``, each damaged one named in the page, not
    raised (``complaintkit.storage.event_feed``); the cursor is checked before
    ``connection`` is entered, so a bad one is refused without taking a connection."""
    tx, position = _feed_cursor(cursor)
    with connection as conn:
        # two statements: the horizon first, then the events, on a later snapshot that
        # sees every transaction below it finished
        (horizon,) = conn.execute(FEED_HORIZON).fetchone() or ("0",)
        rows = conn.execute(_EVENTS_AFTER, (tx, position, str(horizon), limit)).fetchall()
        ahead = not rows and int(tx) >= int(horizon) and int(tx) >= _xmax(conn)
    if ahead:
        raise past_the_head(str(cursor), f"transactions below {horizon}")
    placed = [(f"{t}.{p}", case_id, seq, body) for t, p, case_id, seq, body in rows]
    return readable_page(placed, cursor or "0.0")


def feed_head(connection: AbstractContextManager[Connection[Any]]) -> str:
    """A cursor past every event committed now: every transaction below the horizon has
    finished, so each event committed later has a transaction id at or above it."""
    with connection as conn:
        (horizon,) = conn.execute(FEED_HORIZON).fetchone() or ("0",)
    return f"{max(int(horizon) - 1, 0)}.{2**63 - 1}"
