"""Reports over SQLite with SQL aggregates on the report-facts tables.

Every answer is one aggregate query over ``case_facts`` (and ``case_sla`` /
``case_remedies``), so memory stays flat however many cases are stored; case bodies are
never parsed, except for attribute keys in batch detection, which read only the cases in
the detection window. The source reads through its own read-only connection, so a long
report never blocks the writers (WAL).
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any, Final

from complaintkit.audit.columns import short
from complaintkit.audit.stored import read_case
from complaintkit.errors import DamagedRecord, InvalidInput
from complaintkit.incidents import attribute_text, key_attribute
from complaintkit.model.case import Case
from complaintkit.model.instants import FIRST, LAST
from complaintkit.reports.grouping import GroupBy
from complaintkit.reports.quantiles import rank
from complaintkit.reports.refused import LetterCounts, count_reasons
from complaintkit.reports.scope import DIMENSIONS, INTERNAL_CHANNELS, Dimension, Scope
from complaintkit.reports.source import (
    Duration,
    Elapsed,
    RemedyTally,
    ReportSource,
    RootCauseTally,
    SlaTally,
    no_amounts,
    remedy_tallies,
)
from complaintkit.reports.spelling import folded_counts, folded_days, written
from complaintkit.reports.unreadable import (
    Unreadable,
    leveled,
    measured,
    scored,
    unmeasured,
)
from complaintkit.storage.base import kept_at
from complaintkit.storage.json_text import stored_text
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.storage.sqlite_read_only import connect_read_only
from complaintkit.storage.sqlite_transaction import failed_read, the_store_failing

_SECONDS = {"first_response": "first_response_secs", "resolution": "resolution_secs"}


#: The internal cases complaint figures leave out (``Scope.counts_channel``), by rowid: the
#: rowid is in every index, so a count or grouping still reads only its own index.
_INTERNAL = (
    "SELECT rowid FROM case_facts WHERE channel IN ("  # noqa: S608 -- constants of the code
    + ", ".join(f"'{channel}'" for channel in INTERNAL_CHANNELS)
    + ")"
)


def _where(
    scope: Scope, products: list[str], *, leave_out_internal: bool, at: str = "received_at"
) -> tuple[str, list[Any]]:
    """``scope`` on ``case_facts f``, its time range on column ``at``: complaints are
    counted by when they were received, incidents by when their cases were opened. A
    product filter selects ``products``, the spellings in the store it names."""
    clauses: list[str] = []
    params: list[Any] = []
    if scope.since is not None or scope.until is not None:  # no bound lets in no instant
        clauses.append(f"f.{at} >= ? AND f.{at} < ?")
        params += [
            max(scope.since or FIRST, FIRST).timestamp(),
            min(scope.until or LAST, LAST).timestamp(),
        ]
    for name, value in scope.filters().items():
        if name == "product":
            clauses.append(f"f.product IN ({', '.join('?' * len(products))})")
            params.extend(products)
        else:
            clauses.append(f"f.{name} = ?")
            params.append(value)
    if leave_out_internal:
        clauses.append(f"f.rowid NOT IN ({_INTERNAL})")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


#: A case body SQLite can read as JSON, else NULL: a row edited to broken JSON would stop
#: the whole query (``malformed JSON``) instead of being left out of what bodies say.
_BODY: Final = "(CASE WHEN json_valid(c.body) THEN c.body END)"

#: The stored JSON text of the complaint attribute named by the parameter on ``cases c``.
#: Found by its decoded name through ``json_each``: a name SQLite must escape in a path (a
#: backslash, a control character) is never found by a path written from it.
_ATTRIBUTE: Final = (
    "(SELECT c.body -> j.fullkey FROM json_each("  # noqa: S608 -- constants of the code
    f"{_BODY}, '$.complaints[0].attributes') j WHERE j.key = ?)"
)

#: A case body that is no JSON object (``_BODY`` NULL, or an array…): named when read.
_NO_OBJECT: Final = "(CASE WHEN json_valid(c.body) THEN json_type(c.body) <> 'object' ELSE 1 END)"

#: A case no history import opened (``facts.imported`` in SQL, on ``cases c``).
_NOT_IMPORTED: Final = f"json_extract({_BODY}, '$.complaints[0].history') IS NULL"


def _also(where: str, condition: str) -> str:
    return f"{where} AND {condition}" if where else f" WHERE {condition}"


#: The bounds of an instant a report places (``reports.unreadable``), in POSIX seconds: text
#: and blobs sort after every number in SQLite, so ``BETWEEN`` leaves them out too.
_BOUNDS: Final = (FIRST.timestamp(), LAST.timestamp())


def _placed(column: str) -> str:
    """Whether ``column`` holds an instant a report can place (two parameters: _BOUNDS).
    The unary ``+`` keeps the planner on the query's own covering index: a range on the
    instant's index, then a lookup per row, made the daily counts 3.6 times as slow."""
    return f"+{column} BETWEEN ? AND ?"


#: Report rows holding no instant a report places (NULL: a receipt never written). No
#: ORDER BY: sorting the compound made SQLite scan each table in key order.
_UNREADABLE: Final = " UNION ALL ".join(
    f"SELECT {key}, '{table}.{column}', {column} FROM {table} "  # noqa: S608 -- constants
    f"WHERE {f'{column} IS NULL OR ' if unwritten else ''}{column} < ?1 OR {column} > ?2"
    for table, key, column, unwritten in (
        ("case_facts", "id", "received_at", True),
        ("case_facts", "id", "opened_at", False),
        ("case_sla", "case_id", "due_at", False),
    )
)


#: Durations holding no number of seconds (text, a blob, an infinity): text and blobs sort
#: after every number in SQLite, so a range on the column's index finds them. Then the
#: satisfaction scores outside 1 to 5 and the escalation levels that are none, by a scan of
#: the narrow facts; then the blobs in the text columns a report groups by.
_UNMEASURED: Final = " UNION ALL ".join(
    [
        *(
            f"SELECT id, 'case_facts.{column}', {column} FROM case_facts "  # noqa: S608 -- constants
            f"WHERE {unmeasured(column)}"
            for column in _SECONDS.values()
        ),
        "SELECT id, 'case_facts.satisfaction', satisfaction FROM case_facts "  # noqa: S608 -- constants
        f"WHERE satisfaction IS NOT NULL AND NOT {scored('satisfaction')}",
        "SELECT id, 'case_facts.escalation_level', escalation_level FROM case_facts "  # noqa: S608 -- constants
        f"WHERE NOT {leveled('escalation_level')}",
        # blobs sort after all text: the column's index finds them
        *(
            f"SELECT id, 'case_facts.{name}', {name} FROM case_facts WHERE {name} >= X''"  # noqa: S608 -- constants
            for name in DIMENSIONS
        ),
    ]
)


#: Remedy amounts of another shape than plain digits with at most one point (``12.50``),
#: for ``no_amounts`` to check: all but a few, money as stored, are passed over in SQL.
_UNUSUAL_AMOUNTS: Final = (
    "SELECT case_id, amount FROM case_remedies WHERE amount IS NOT NULL AND NOT ("
    "amount GLOB '[0-9]*' AND NOT amount GLOB '*[^0-9.]*' AND NOT amount GLOB '*.*.*' "
    "AND length(amount) < 1000)"
)


#: ``model.compensation.reported_status`` in SQL: an offer its case ended without answering
#: has lapsed.
_REPORTED_STATUS: Final = (
    "CASE WHEN r.status = 'offered' AND (SELECT c.is_open FROM cases c WHERE c.id = r.case_id) "
    "= 0 THEN 'lapsed' ELSE r.status END"
)


class SQLiteReportSource(ReportSource):
    def __init__(self, storage: SQLiteStorage) -> None:
        self.storage = storage
        self._db = connect_read_only(storage.absolute_path, check_same_thread=False)
        storage.readers.add(self)  # closed with the store if no caller closes it
        #: The open cases whose body ``open_cases`` could not read, by id, for ``unreadable``.
        self._broken: dict[str, Unreadable] = {}
        #: Blobs in text columns ``_name_blobs`` found, for ``unreadable``.
        self._blobs: set[Unreadable] = set()

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """One read transaction: in WAL mode every query inside it reads the store as it
        stood at the first, whatever is written meanwhile (without it, each query reads its
        own moment and a report's total can disagree with its groups). The file failing
        under it (a damaged page) is a ``StorageError`` naming it, not a traceback."""
        if self._db.in_transaction:  # already inside one: it holds the snapshot
            yield
            return
        try:
            self._db.execute("BEGIN")
            try:
                yield
            finally:
                self._db.rollback()  # nothing written: it only ends the read
        except sqlite3.DatabaseError as exc:
            if not the_store_failing(exc):
                raise
            raise failed_read(self.storage.absolute_path, exc) from exc

    def _rows(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        """The rows of ``sql``; read outside ``snapshot`` too (the batch watcher's history),
        so the file failing is named here as well."""
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            if not the_store_failing(exc):
                raise
            raise failed_read(self.storage.absolute_path, exc) from exc

    def _where(self, scope: Scope, at: str = "received_at") -> tuple[str, list[Any]]:
        """``scope`` as a WHERE clause on ``case_facts f``. Leaving the internal cases out
        costs a probe per row, so it is only done when the store holds any (most never do)."""
        holds = scope.channel is None and self._rows(f"SELECT EXISTS ({_INTERNAL})", ())[0][0]
        return _where(scope, self._products(scope), leave_out_internal=bool(holds), at=at)

    def _products(self, scope: Scope) -> list[str]:
        """The products as written in the store that the scope's filter names (itself when
        none: it then selects nothing), found through the product index."""
        if scope.product is None:
            return []
        rows = self._rows("SELECT DISTINCT product FROM case_facts WHERE product IS NOT NULL", ())
        texts = (p for (p,) in rows if isinstance(p, str))
        return written("product", scope.product, texts) or [scope.product]

    def _cases_in(self, scope: Scope, alias: str) -> tuple[str, list[Any]]:
        """Restrict a per-case side table to the cases in scope; no join for all of them."""
        where, params = self._where(scope)
        if not where:
            return "", params
        return f" WHERE {alias}.case_id IN (SELECT f.id FROM case_facts f{where})", params  # noqa: S608 -- fixed SQL text; values are bound

    def open_cases(self, scope: Scope) -> Iterator[Case]:
        """The open cases in scope, chosen in SQL through ``case_facts`` (internal ones too:
        open work counts them): a scoped report reads its own cases, not every open one."""
        where, params = _where(scope, self._products(scope), leave_out_internal=False)
        sql = "SELECT c.id, CAST(c.body AS BLOB) FROM cases c JOIN case_facts f ON f.id = c.id"
        for case_id, raw in self._db.execute(sql + _also(where, "c.is_open = 1"), params):
            try:  # from the reader's own snapshot, row by row
                yield read_case(stored_text(raw), case_id)
            except DamagedRecord:  # named, not the end of every other figure
                text = bytes(raw).decode("utf-8", "replace")  # quoted as written, not as bytes
                self._broken[case_id] = Unreadable(case_id, "cases.body", short(text))

    def _name_broken(self, where: str, params: Sequence[Any]) -> None:
        """Name each case ``where`` selects whose body is no JSON object: a figure read
        from bodies leaves it out, closed or not (``open_cases`` reads only open ones)."""
        join = "FROM case_facts f JOIN cases c ON c.id = f.id"
        sql = f"SELECT c.id, CAST(c.body AS BLOB) {join}{_also(where, _NO_OBJECT)}"
        for case_id, raw in self._rows(sql, params):
            text = "NULL" if raw is None else short(bytes(raw).decode("utf-8", "replace"))
            self._broken.setdefault(case_id, Unreadable(case_id, "cases.body", text))

    def _name_blobs(
        self, rows: Sequence[tuple[Any, ...]], table: str, key: str, columns: Sequence[str]
    ) -> None:
        """Name the blobs edited into text ``columns`` of ``table`` when ``rows`` (read from
        them) hold one: a sound store pays no query for it. Blobs sort after all text."""
        if not any(isinstance(value, bytes) for row in rows for value in row):
            return
        for column in columns:
            sql = f"SELECT {key}, {column} FROM {table} WHERE {column} >= X''"  # noqa: S608 -- names of the code
            for case_id, value in self._rows(sql, ()):
                name = f"{table}.{column}"
                self._blobs.add(Unreadable(case_id, name, short(value)))

    def total(self, scope: Scope) -> int:
        where, params = self._where(scope)
        return int(self._rows(f"SELECT count(*) FROM case_facts f{where}", params)[0][0])  # noqa: S608 -- columns are fixed, values are bound

    def counts(self, dimension: Dimension, scope: Scope) -> dict[str | None, int]:
        if dimension not in DIMENSIONS:
            raise InvalidInput("dimension", f"must be one of {', '.join(DIMENSIONS)}")
        where, params = self._where(scope)
        sql = f"SELECT f.{dimension}, count(*), min(f.received_at) FROM case_facts f{where} GROUP BY 1"  # noqa: S608 -- dimension is checked above
        rows = self._rows(sql, params)
        return folded_counts(dimension, ((_text(k), int(n), _first(at)) for k, n, at in rows))

    def percentiles(
        self,
        duration: Duration,
        scope: Scope,
        quantiles: Sequence[float],
        calendar: Elapsed | None = None,
    ) -> tuple[int, list[float]]:
        column = _SECONDS[duration]
        where, params = self._where(scope)
        where = _also(where, measured(f"f.{column}"))
        if calendar is not None:
            where = _also(where, _placed("f.received_at"))  # measured from it
            params = [*params, *_BOUNDS]
            return self._business_percentiles(column, where, params, quantiles, calendar)
        n = int(self._rows(f"SELECT count(*) FROM case_facts f{where}", params)[0][0])  # noqa: S608 -- columns are fixed, values are bound
        if n == 0:
            return 0, []
        # The duration's index yields the values in order, so OFFSET skips without sorting.
        sql = f"SELECT f.{column} FROM case_facts f{where} ORDER BY 1 LIMIT 1 OFFSET ?"  # noqa: S608 -- fixed SQL text; values are bound
        return n, [float(self._rows(sql, [*params, rank(q, n)])[0][0]) for q in quantiles]

    def _business_percentiles(
        self,
        column: str,
        where: str,
        params: list[Any],
        quantiles: Sequence[float],
        calendar: Elapsed,
    ) -> tuple[int, list[float]]:
        """Business time needs the calendar, so stream the instants and measure each from
        receipt, where the duration starts.

        Holds one float per case in scope (8 bytes each), never a case.
        """
        values = sorted(
            round(calendar.elapsed(start, start + timedelta(seconds=secs)).total_seconds(), 3)
            for start, secs in (
                (datetime.fromtimestamp(received, UTC), secs)
                for received, secs in self._db.execute(
                    f"SELECT f.received_at, f.{column} FROM case_facts f{where}",  # noqa: S608 -- columns are fixed, values are bound
                    params,
                )
            )
        )
        return len(values), [values[rank(q, len(values))] for q in quantiles] if values else []

    def sla(self, scope: Scope, now: datetime) -> dict[str, SlaTally]:
        where, params = self._cases_in(scope, "s")
        # facts.sla_outcome: a recorded breach, a meeting, a cancellation, then the deadline
        overdue = (
            "(NOT s.met AND NOT s.cancelled AND coalesce(s.due_at >= ?2 AND s.due_at < ?1, 0))"
        )
        rows = self._rows(
            f"SELECT s.metric, sum(s.breached OR {overdue}), sum(s.met AND NOT s.breached), "  # noqa: S608 -- fixed SQL text; values are bound
            f"sum(NOT s.met AND NOT s.breached AND NOT s.cancelled AND NOT {overdue}), "
            "sum(s.cancelled AND NOT s.met AND NOT s.breached) "
            f"FROM case_sla s{where} GROUP BY 1 ORDER BY 1",
            [now.timestamp(), _BOUNDS[0], *params],
        )
        return {
            m: SlaTally(met=met, breached=br, running=run, cancelled=cancelled)
            for m, br, met, run, cancelled in rows
        }

    def escalation_levels(self, scope: Scope) -> dict[int, int]:
        where, params = self._where(scope)
        where = _also(where, leveled("f.escalation_level"))
        sql = f"SELECT f.escalation_level, count(*) FROM case_facts f{where} GROUP BY 1"  # noqa: S608 -- columns are fixed, values are bound
        return {int(level): int(n) for level, n in self._rows(sql, params)}

    def reopened(self, scope: Scope) -> int:
        where, params = self._where(scope)
        sql = f"SELECT count(*) FROM case_facts f{_also(where, 'f.reopened > 0')}"  # noqa: S608 -- columns are fixed, values are bound
        return int(self._rows(sql, params)[0][0])

    def satisfaction(self, scope: Scope) -> dict[int, int]:
        where, params = self._where(scope)
        where = _also(where, scored("f.satisfaction"))
        sql = f"SELECT f.satisfaction, count(*) FROM case_facts f{where} GROUP BY 1"  # noqa: S608 -- columns are fixed, values are bound
        return {int(score): int(n) for score, n in self._rows(sql, params)}

    def remedies(self, scope: Scope) -> list[RemedyTally]:
        """Grouped in SQL by amount too, so the sums are exact Decimals made in Python."""
        where, params = self._cases_in(scope, "r")
        rows = self._rows(
            f"SELECT r.remedy, r.currency, {_REPORTED_STATUS}, r.amount, count(*) "  # noqa: S608 -- fixed SQL text; values are bound
            f"FROM case_remedies r {where} GROUP BY 1, 2, 3, 4",
            params,
        )
        self._name_blobs(rows, "case_remedies", "case_id", ("remedy", "currency", "status"))
        return remedy_tallies(
            (_text(remedy) or "unknown", _text(currency), _text(status), amount, n)
            for remedy, currency, status, amount, n in rows
        )

    def root_causes(self, scope: Scope) -> list[RootCauseTally]:
        where, params = self._where(scope)
        rows = self._rows(
            # a nature or 'why' edited to NULL is blank, not None beside text
            "SELECT f.fishbone, coalesce(f.nature, ''), coalesce(f.root_why, ''), count(*) "  # noqa: S608 -- fixed SQL text; values are bound
            "FROM case_facts f"
            f"{_also(where, 'f.fishbone IS NOT NULL')} GROUP BY 1, 2, 3 "
            "ORDER BY 4 DESC, 1, 2, 3",
            params,
        )
        self._name_blobs(rows, "case_facts", "id", ("fishbone", "nature", "root_why"))
        return [
            RootCauseTally(_text(fishbone) or "", _text(nature) or "", _text(why) or "", n)
            for fishbone, nature, why, n in rows
        ]

    def daily(
        self, dimension: Dimension, scope: Scope, zone: tzinfo
    ) -> dict[str | None, dict[date, int]]:
        if dimension not in DIMENSIONS:
            raise InvalidInput("dimension", f"must be one of {', '.join(DIMENSIONS)}")
        where, params = self._where(scope)
        where, params = _also(where, _placed("f.received_at")), [*params, *_BOUNDS]
        span = f"SELECT min(f.received_at), max(f.received_at) FROM case_facts f{where}"  # noqa: S608 -- fixed SQL text; values are bound
        lo, hi = self._rows(span, params)[0]
        if lo is None:
            return {}
        offset, offset_params = _offset_sql(zone, lo, hi)
        # days since the epoch rounded down (CAST rounds toward zero: wrong before 1970)
        rows = self._db.execute(
            "SELECT k, CAST(d AS INTEGER) - (d < CAST(d AS INTEGER)), count(*), min(at) FROM ("  # noqa: S608 -- dimension is checked above
            f"SELECT f.{dimension} AS k, (f.received_at + {offset}) / 86400.0 AS d, "
            f"f.received_at AS at FROM case_facts f{where}) GROUP BY 1, 2",
            [*offset_params, *params],
        )
        return folded_days(
            dimension,
            (
                (_text(key), _EPOCH + timedelta(days=int(day)), int(n), at)
                for key, day, n, at in rows
            ),
        )

    def arrivals(self, key: str, scope: Scope) -> Iterator[tuple[str, datetime, str, str]]:
        attribute = key_attribute(key)
        where, params = self._where(scope, at="opened_at")
        where, params = _also(where, _placed("f.opened_at")), [*params, *_BOUNDS]
        self._name_broken(where, params)
        where = _also(where, _NOT_IMPORTED)
        if attribute is None:
            sql = (
                "SELECT f.product, f.opened_at, f.id, c.customer_id "  # noqa: S608 -- columns are fixed, values are bound
                f"FROM case_facts f JOIN cases c ON c.id = f.id"
                f"{_also(where, 'f.product IS NOT NULL')} ORDER BY 2, 3"
            )
        else:
            sql = (
                f"SELECT v, opened_at, id, customer FROM (SELECT {_ATTRIBUTE} AS v, f.opened_at, "  # noqa: S608 -- columns are fixed, values are bound
                f"f.id, c.customer_id AS customer FROM case_facts f JOIN cases c ON c.id = f.id{where}) "
                "WHERE v IS NOT NULL AND v <> 'null' ORDER BY 2, 3"
            )
            params = [attribute, *params]
        for value, opened, case_id, customer in self._db.execute(sql, params):
            if isinstance(value, bytes):  # a product that is no text (``_text``) is none
                continue
            text = str(value) if attribute is None else attribute_text(json.loads(value))
            yield text, datetime.fromtimestamp(opened, UTC), case_id, str(customer)

    def grouped(self, by: GroupBy, scope: Scope) -> dict[str | None, int]:
        """Dimensions from the facts table; owner, team, tags and attributes from the case
        body (JSON), for the cases in scope only."""
        where, params = self._where(scope)
        if by.field in DIMENSIONS:
            return self.counts(by.field, scope)
        self._name_broken(where, params)
        join = "FROM case_facts f JOIN cases c ON c.id = f.id"
        if by.field == "tag":
            sql = f"SELECT t.value, count(*) {join} LEFT JOIN json_each({_BODY}, '$.tags') t{where} GROUP BY 1"
        elif by.field == "attribute":
            sql = f"SELECT {_ATTRIBUTE}, count(*) {join}{where} GROUP BY 1"
            params = [by.attribute, *params]
            texts: dict[str | None, int] = defaultdict(int)
            for raw, n in self._rows(sql, params):
                texts[_attribute_text(raw)] += int(n)
            return dict(texts)
        else:
            sql = f"SELECT json_extract({_BODY}, '$.{by.field}'), count(*) {join}{where} GROUP BY 1"
        counts: dict[str | None, int] = defaultdict(int)
        for value, n in self._rows(sql, params):
            counts[None if value is None else str(value)] += int(n)
        return dict(counts)

    def unreadable(self) -> list[Unreadable]:
        """The receipt through its index; the opening and the deadlines by a scan of their
        narrow tables (about 13 ms on 100,000 cases); the open cases' bodies the report
        read and could not (scanning every body would cost a parse each)."""
        rows = sorted(
            [*self._rows(_UNREADABLE, _BOUNDS), *self._rows(_UNMEASURED, ())],
            key=lambda row: row[:2],
        )
        return (
            [
                Unreadable(case_id, column, "NULL" if value is None else short(value))
                for case_id, column, value in rows
            ]
            + no_amounts(self._rows(_UNUSUAL_AMOUNTS, ()))
            + [self._broken[case_id] for case_id in sorted(self._broken)]
            + sorted(self._blobs, key=lambda found: (found.case_id, found.column))
        )

    def customers(self, scope: Scope) -> tuple[int, int]:
        """Through the cases' customer index; reads no case body."""
        where, params = self._where(scope)
        sql = (
            "SELECT count(*), coalesce(sum(n > 1), 0) FROM (SELECT count(*) AS n "  # noqa: S608 -- fixed SQL text; values are bound
            f"FROM case_facts f JOIN cases c ON c.id = f.id{where} GROUP BY c.customer_id)"
        )
        customers, repeat = self._rows(sql, params)[0]
        return int(customers), int(repeat)

    def imported(self, scope: Scope) -> int:
        where, params = self._where(scope)
        self._name_broken(where, params)
        where = _also(where, f"NOT {_NOT_IMPORTED}")
        sql = f"SELECT count(*) FROM case_facts f JOIN cases c ON c.id = f.id{where}"  # noqa: S608 -- fixed SQL text; values are bound
        return int(self._rows(sql, params)[0][0])

    def dead_letter_reasons(self, scope: Scope) -> LetterCounts:
        """An instant no letter's listing fails on fails no report either (``kept_at``); the
        raw input is read only to find a letter's channel for a scope that names one."""
        rows = self._db.execute(
            "SELECT source, CASE WHEN ? THEN raw ELSE X'' END, reason, at FROM dead_letters",
            (scope.channel is not None,),
        )
        return count_reasons(((s, raw, r, kept_at(at)) for s, raw, r, at in rows), scope)


_EPOCH = date(1970, 1, 1)


def _first(at: object) -> float:
    """A first receipt; one no case of a spelling has is the last. ``min`` is text or a blob
    only where no case has a number (SQLite orders numbers first): no guard per row."""
    return float(at) if isinstance(at, float | int) else math.inf


def _text(value: object) -> str | None:
    """A category, channel, severity or product as a report counts it: text, or no value
    for NULL and for a blob edited into its TEXT column (named by ``unreadable``), whose
    ``bytes`` sorted beside text ended the report."""
    return value if isinstance(value, str) else None


def _attribute_text(raw: str | None) -> str | None:
    """An attribute's stored JSON text (``->``) as ``incidents.attribute_text`` reads it."""
    value = None if raw is None else json.loads(raw)
    return None if value is None else attribute_text(value)


def _offset_sql(zone: tzinfo, lo: float, hi: float) -> tuple[str, list[float]]:
    """A SQL expression for ``zone``'s UTC offset (seconds) at ``f.received_at``.

    The offset changes at a handful of instants (DST, a zone's history) between ``lo`` and
    ``hi``: each is found here, to the second, so SQL groups by local day exactly, with no
    per-row Python. The span is walked a day at a time and a change is bisected: a span
    from 1900 (an imported complaint) is 46,000 steps, not a million hours, and a change
    off the hour (local mean time, half-hour zones' history) is where it is.
    """

    def offset(ts: float) -> float:
        shift = datetime.fromtimestamp(ts, UTC).astimezone(zone).utcoffset()
        return 0.0 if shift is None else shift.total_seconds()

    current = offset(lo)
    cases, params = [], []
    start = lo
    while start < hi:
        end = min(start + _DAY_SECONDS, hi)
        if offset(end) == current:
            start = end
            continue
        changed = _first_change(offset, start, end, current)
        cases.append("WHEN f.received_at < ? THEN ?")
        params += [changed, current]
        current, start = offset(changed), changed
    if not cases:
        return "?", [current]
    return f"(CASE {' '.join(cases)} ELSE ? END)", [*params, current]


_DAY_SECONDS: Final = 86_400


def _first_change(
    offset: Callable[[float], float], start: float, end: float, current: float
) -> float:
    """The first whole second after ``start`` whose offset is not ``current``; ``end`` has
    another (zones change offset on whole seconds)."""
    low, high = math.floor(start), math.ceil(end)
    while high - low > 1:
        middle = (low + high) // 2
        if offset(middle) == current:
            low = middle
        else:
            high = middle
    return float(high)
