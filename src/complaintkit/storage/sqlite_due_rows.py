"""A SQLite claim on due work, and how it reads past a damaged page.

A page of the ``cases`` table damaged on disk (a failing disk, a copy taken mid-write)
fails every query that reaches a row on it; were the claim to fail, no due case of the
store would be swept until the file was restored. Worse, SQLite takes a write transaction
that met the damage for lost: its every later write fails. So a claim that meets it is
rolled back, and the due rows are then read in runs outside any transaction, a run that
fails read again in halves down to the rows that cannot be read; which rows are due, and
their ids, come from the indexes (``cases_due``, the primary key's), which are whole apart
from the table. The claim is then taken again past those rows, each named with its case, as
``Claimed.damaged`` (``storage.claimed``). The store keeps what it found for its later
claims, so that they do not meet the damage again; each reads those of the rows it would
reach again first (outside any transaction: a few rows), forgets those that read now (a
page written back whole), and names only those due by its own instant, with the deadline
each has been due since. The normal path is the one query it always was.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from complaintkit.errors import DamagedStore
from complaintkit.model.case import Case
from complaintkit.storage.claimed import Claimed, claimed_cases
from complaintkit.storage.json_text import stored_body, stored_text, text_as_bytes
from complaintkit.storage.sqlite_transaction import damage_advice, damaged_file, forget_pages

_DUE = (
    "SELECT id, body, typeof(body) = 'blob' FROM cases WHERE next_deadline IS NOT NULL AND "
    "next_deadline <= ? {past} ORDER BY next_deadline, id LIMIT ? OFFSET ?"
)
_DUE_WHOLE = _DUE.format(past="")
_DUE_PAST_DAMAGE = _DUE.format(past="AND rowid NOT IN (SELECT value FROM json_each(?))")

#: Rows read at once when looking for those a damaged page holds.
_RUN = 256

#: The rows of a store found on damaged pages: rowid to (case id, what to say of it).
Damaged = dict[int, tuple[str, str]]


@contextmanager
def claimed_past_damage(
    db: sqlite3.Connection,
    reading: Callable[[], AbstractContextManager[None]],
    transaction: Callable[[], AbstractContextManager[Any]],
    path: Path,
    damaged: Damaged,
    before: datetime,
    limit: int,
) -> Iterator[list[Case]]:
    """``Storage.claim_due`` on the SQLite ``db``; ``damaged``: the store's rows found on
    damaged pages so far, added to when the claim meets more."""
    outermost, claimed = not db.in_transaction, None
    if damaged and outermost:  # rows found before: still damaged, and due by ``before``?
        with reading():
            _read_again(db, path, damaged, before.timestamp())
    try:
        with transaction():
            claimed = _claimed(db, reading, damaged, before, limit)
            yield claimed
    except DamagedStore:
        if claimed is not None or not outermost:  # not the claim's reads: a write's, or
            raise  # those of a transaction it joined, which is lost with them
        with reading():
            damaged.update(_damaged_due(db, path, before.timestamp()))
        with transaction():
            yield _claimed(db, reading, damaged, before, limit)


def _claimed(
    db: sqlite3.Connection,
    reading: Callable[[], AbstractContextManager[None]],
    damaged: Damaged,
    before: datetime,
    limit: int,
) -> Claimed:
    """Up to ``limit`` due cases, past the ``damaged`` rows, which are named."""
    due_by = before.timestamp()
    past = json.dumps(list(damaged)) if damaged else None

    def fetch(count: int, offset: int) -> list[tuple[Any, Any]]:
        with reading(), text_as_bytes(db):
            if past is None:
                rows = db.execute(_DUE_WHOLE, (due_by, count, offset)).fetchall()
            else:
                rows = db.execute(_DUE_PAST_DAMAGE, (due_by, past, count, offset)).fetchall()
        return [(stored_text(key), stored_body(body, blob)) for key, body, blob in rows]

    claimed = claimed_cases(fetch, limit)
    if damaged:  # those due by ``before``: read through the index alone
        claimed.damaged += [damaged[rowid] for rowid in _due(db, reading, due_by, damaged)]
    return claimed


def _due(
    db: sqlite3.Connection,
    reading: Callable[[], AbstractContextManager[None]],
    due_by: float,
    among: Damaged,
) -> list[int]:
    """Those of the rows ``among`` due by ``due_by``, in the order a claim takes them."""
    with reading():
        return [rowid for rowid, _ in _deadlines(db, due_by, list(among))]


def _deadlines(
    db: sqlite3.Connection, due_by: float, among: list[int] | None = None
) -> list[tuple[int, float]]:
    """The rows due by ``due_by`` (of ``among``, when given), each with its deadline, read
    from the ``cases_due`` index alone, earliest first."""
    among_them = "" if among is None else "AND rowid IN (SELECT value FROM json_each(?)) "
    return db.execute(
        "SELECT rowid, next_deadline FROM cases INDEXED BY cases_due "  # noqa: S608 -- fixed text
        f"WHERE next_deadline IS NOT NULL AND next_deadline <= ? {among_them}"
        "ORDER BY next_deadline, rowid",
        (due_by,) if among is None else (due_by, json.dumps(among)),
    ).fetchall()


def _read_again(db: sqlite3.Connection, path: Path, damaged: Damaged, due_by: float) -> None:
    """Read again the remembered rows due by ``due_by``: forget each that reads now, and
    name each still damaged with the deadline read from the index now: from the file, not
    the pages kept in memory, which hold the damaged page as it was read."""
    forget_pages(db)
    due = _deadlines(db, due_by, list(damaged))
    still = _unreadable(db, path, due)
    for rowid, _ in due:
        damaged.pop(rowid)
    damaged.update(still)


def _damaged_due(db: sqlite3.Connection, path: Path, due_by: float) -> Damaged:
    """The rows due by ``due_by`` that cannot be read, each with its case id and what to
    say of it, read outside any transaction. The indexes damaged too: nothing says which
    cases are due, and their damage is raised."""
    return _unreadable(db, path, _deadlines(db, due_by))


def _unreadable(db: sqlite3.Connection, path: Path, due: list[tuple[int, float]]) -> Damaged:
    """Those of the ``due`` rows (rowid, deadline) that cannot be read, found in runs
    halved down to the rows that fail, each named with its case id (from the primary
    key's index) and the deadline it has been due since."""
    deadline = dict(due)
    found: dict[int, str] = {}
    rowids = list(deadline)
    runs = [rowids[start : start + _RUN] for start in range(0, len(rowids), _RUN)]
    while runs:
        run = runs.pop()
        try:
            db.execute(
                "SELECT body FROM cases WHERE rowid IN (SELECT value FROM json_each(?))",
                (json.dumps(run),),
            ).fetchall()
        except sqlite3.DatabaseError as exc:
            if not damaged_file(exc):
                raise
            if len(run) == 1:
                since = datetime.fromtimestamp(deadline[run[0]], UTC).isoformat()
                found[run[0]] = (
                    f"its row ({run[0]}), due since {since}, cannot be read: "
                    f"{damage_advice(path, exc)}"
                )
            else:
                runs += [run[: len(run) // 2], run[len(run) // 2 :]]
    if not found:
        return {}
    forget_pages(db)  # the damaged pages read, so that a repair is seen
    ids = dict(
        db.execute(
            "SELECT rowid, id FROM cases INDEXED BY sqlite_autoindex_cases_1 "
            "WHERE rowid IN (SELECT value FROM json_each(?))",
            (json.dumps(list(found)),),
        )
    )
    return {rowid: (str(ids[rowid]), reason) for rowid, reason in found.items()}
