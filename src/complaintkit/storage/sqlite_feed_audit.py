"""The audit's look at SQLite's event feed log: every stored event is fed exactly once.

``events_since`` (``GET /events``) pages through ``event_log`` joined to ``events``, and
storage writes a log row with each event. An event whose row was deleted is never
delivered to a feed reader, one logged twice is delivered twice, and a row naming no
stored event feeds nothing; none of them happens but by an edit, so each is a finding.

A case's events are not required to be logged in their order: a store that predates the
log had it filled in order of the events' ``at`` column, which need not follow ``seq``.
"""

from __future__ import annotations

import sqlite3

from complaintkit.audit.columns import short

#: (case id, seq, problem) of one feed log finding.
FeedProblem = tuple[str | None, int | None, str]

#: ``EXCEPT``, not ``NOT EXISTS``: ``event_log`` has no index on (case_id, seq), so a lookup
#: per event scanned it whole, and the work grew with the square of the events (minutes for
#: 50,000). Both compare the values as stored (no column has another's affinity), and an
#: event's (case_id, seq) is its key, so no row is merged away.
_UNLOGGED = """
    SELECT case_id, seq FROM events
    EXCEPT SELECT case_id, seq FROM event_log
    ORDER BY case_id, seq
"""
_TWICE = """
    SELECT case_id, seq, count(*) FROM event_log GROUP BY case_id, seq HAVING count(*) > 1
    ORDER BY case_id, seq
"""
_DANGLING = """
    SELECT l.position, l.case_id, l.seq FROM event_log l
    WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.case_id = l.case_id AND e.seq = l.seq)
    ORDER BY l.position
"""


def feed_problems(db: sqlite3.Connection) -> list[FeedProblem]:
    """What in ``event_log`` does not feed each stored event once, read in the caller's
    transaction."""
    found = [
        _located(
            case_id, seq, "the event feed's log holds no row for it: GET /events never delivers it"
        )
        for case_id, seq in db.execute(_UNLOGGED)
    ]
    found += [
        _located(
            case_id,
            seq,
            f"the event feed's log holds {count} rows for it: it is delivered {count} times",
        )
        for case_id, seq, count in db.execute(_TWICE)
    ]
    found += [
        _located(
            case_id,
            seq,
            f"the event feed's log row {position} names an event the store does not hold",
        )
        for position, case_id, seq in db.execute(_DANGLING)
    ]
    return found


def _located(case_id: object, seq: object, problem: str) -> FeedProblem:
    """A finding located at the case and event its columns name, where they name one (an
    edited column may hold a number or a blob, which the audit reports apart)."""
    number = seq if isinstance(seq, int) and not isinstance(seq, bool) else None
    if number is None:
        problem = f"{problem} (the event whose seq column holds {short(seq)})"
    return (case_id if isinstance(case_id, str) else None, number, problem)
