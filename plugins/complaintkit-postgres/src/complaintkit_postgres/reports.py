"""Reports over PostgreSQL, answered in the database.

Counts, sums and percentiles are SQL aggregates over ``case_facts`` (kept by a trigger in the
case's own transaction): ``percentile_disc`` is the nearest-rank quantile the other sources
compute, so every backend gives the same figures. Only business-time percentiles need
Python (the business calendar), and they stream two numbers per case, never a case body.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, LiteralString
from zoneinfo import ZoneInfo

from psycopg import Connection, sql
from psycopg.pq import TransactionStatus
from psycopg.rows import TupleRow

from complaintkit.audit.columns import short
from complaintkit.errors import InvalidInput
from complaintkit.incidents import attribute_text, key_attribute
from complaintkit.model.case import Case
from complaintkit.model.complaint import parse_instant
from complaintkit.model.instants import FIRST, LAST
from complaintkit.reports import facts
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
from complaintkit.reports.workload import (
    GROUPS,
    Group,
    OpenItem,
    Workload,
    horizon,
    item_subject,
)
from complaintkit.storage.base import CaseQuery
from complaintkit_postgres.dead_letters import kept_dead_letters
from complaintkit_postgres.instants import placed, unplaced

if TYPE_CHECKING:
    from complaintkit_postgres.storage import PostgresStorage

_SECONDS: dict[str, LiteralString] = {
    "first_response": "first_response_secs",
    "resolution": "resolution_secs",
}


def _where(
    scope: Scope,
    products: list[str],
    *extra: sql.Composable,
    internal: bool = False,
    at: LiteralString = "received_at",
) -> tuple[sql.Composable, list[Any]]:
    """The scope's conditions, its time range on column ``at`` (complaints are counted by
    when they were received, incidents by when their cases were opened); internal cases
    (``Scope.counts_channel``) only when the scope names their channel or ``internal`` asks
    for them (open work). A product filter selects ``products``, the spellings in the store
    it names."""
    clauses: list[sql.Composable] = []
    params: list[Any] = []
    if scope.since is not None or scope.until is not None:  # no bound lets in no instant
        clauses.append(sql.SQL("{0} >= %s AND {0} < %s").format(_column(at)))
        params += [max(scope.since or FIRST, FIRST), min(scope.until or LAST, LAST)]
    for name, value in scope.filters().items():
        if name == "product":
            clauses.append(sql.SQL("f.product = ANY(%s)"))
            params.append(products)
        else:
            clauses.append(sql.SQL("{} = %s").format(sql.Identifier("f", name)))
            params.append(value)
    if scope.channel is None and not internal:
        clauses.append(sql.SQL("coalesce(f.channel <> ALL(%s), true)"))
        params.append(list(INTERNAL_CHANNELS))
    clauses.extend(extra)
    if not clauses:
        return sql.SQL(""), params
    return sql.SQL(" WHERE ") + sql.SQL(" AND ").join(clauses), params


def _cases_in(where: sql.Composable, alias: LiteralString) -> sql.Composable:
    """Restrict a per-case side table to the cases in scope."""
    return sql.SQL(" WHERE {}.case_id IN (SELECT f.id FROM case_facts f{})").format(
        sql.Identifier(alias), where
    )


def _column(name: LiteralString) -> sql.Composable:
    return sql.Identifier("f", name)


class PostgresReportSource(ReportSource):
    def __init__(self, storage: PostgresStorage) -> None:
        self.storage = storage
        self._held: Connection[TupleRow] | None = None
        #: The cases whose body a figure read from bodies left out, by id, for ``unreadable``.
        self._broken: dict[str, Unreadable] = {}

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """One ``REPEATABLE READ, READ ONLY`` transaction on one connection: every query of
        the block reads the store as it stood at the first, whatever is written meanwhile
        (each query on its own connection read its own moment, and a report's total could
        disagree with its groups). Inside a claim block, that block's transaction is used."""
        if self._held is not None:
            yield
            return
        with self.storage.connection() as conn:
            if conn.info.transaction_status != TransactionStatus.IDLE:
                self._held = conn  # a claim block's own transaction
                try:
                    yield
                finally:
                    self._held = None
                return
            with conn.transaction():
                conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                self._held = conn
                try:
                    yield
                finally:
                    self._held = None

    @contextmanager
    def _connection(self) -> Iterator[Connection[TupleRow]]:
        if self._held is not None:
            yield self._held
        else:
            with self.storage.connection() as conn:
                yield conn

    def _where(
        self,
        scope: Scope,
        *extra: sql.Composable,
        internal: bool = False,
        at: LiteralString = "received_at",
    ) -> tuple[sql.Composable, list[Any]]:
        return _where(scope, self._products(scope), *extra, internal=internal, at=at)

    def _products(self, scope: Scope) -> list[str]:
        """The products as written in the store that the scope's filter names."""
        if scope.product is None:
            return []
        query = sql.Composed(
            [sql.SQL("SELECT DISTINCT product FROM case_facts WHERE product IS NOT NULL")]
        )
        return written("product", scope.product, (p for (p,) in self._rows(query)))

    def _rows(self, query: sql.Composed, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._connection() as conn:
            rows: list[tuple[Any, ...]] = conn.execute(query, params).fetchall()
            return rows

    def _stream(self, query: sql.Composed, params: Sequence[Any]) -> Iterator[tuple[Any, ...]]:
        """Rows through a server-side cursor, so memory stays flat however many match."""
        with (
            self._connection() as conn,
            conn.transaction(),
            conn.cursor(name="complaintkit_report") as cursor,
        ):
            cursor.itersize = 10_000
            cursor.execute(query, params)
            yield from cursor

    def _name_broken(
        self, scope: Scope, *extra: sql.Composable, at: LiteralString = "received_at"
    ) -> None:
        """Name each case in ``scope`` (and ``extra``) whose body is no JSON object (jsonb
        holds only JSON; one edited to an array or a number): a figure read from bodies
        leaves it out, and SQLite's source names it so too, closed or not."""
        where, params = self._where(scope, *extra, _NO_OBJECT, at=at)
        query = sql.SQL("SELECT c.id, c.body::text FROM case_facts f JOIN cases c ON c.id = f.id")
        for case_id, text in self._rows(query + where, params):
            shown = "NULL" if text is None else short(text)
            self._broken.setdefault(case_id, Unreadable(case_id, "cases.body", shown))

    def open_cases(self, scope: Scope) -> Iterator[Case]:
        for case in self.storage.find(CaseQuery(open_only=True)):
            if facts.in_scope(case, scope):
                yield case

    def open_work(
        self, scope: Scope, now: datetime, window: timedelta, top: int
    ) -> tuple[dict[Group, list[Workload]], list[OpenItem]]:
        """Counted and ranked in SQL from each open case's soonest running clock, which the
        facts trigger keeps; only the ``top`` late cases come back as rows."""
        totals: dict[Group, list[Workload]] = {}
        for by in GROUPS:
            where, params = self._where(scope, sql.SQL("f.is_open"), internal=True)
            query = sql.SQL(
                "SELECT {}, count(*), count(*) FILTER (WHERE f.due_at < %s AND " + _DUE + "), "
                "count(*) FILTER (WHERE f.due_at >= %s AND f.due_at <= %s) "
                "FROM case_facts f{} GROUP BY 1"
            ).format(sql.Identifier("f", by), where)
            rows = self._rows(query, [now, now, horizon(now, window), *params])
            totals[by] = sorted(
                (Workload(name, int(n), int(late), int(soon)) for name, n, late, soon in rows),
                key=lambda w: (-w.late, -w.due_soon, -w.open, w.name or ""),
            )
        where, params = self._where(
            scope, sql.SQL("f.is_open"), sql.SQL("f.due_at < %s AND " + _DUE), internal=True
        )
        # the subject and text from the case: the facts' subject is the text cut in SQL, at a
        # code point, where ``item_subject`` cuts between whole characters
        query = sql.SQL(
            "SELECT f.id, f.owner, f.team, f.status, c.body #>> '{{complaints,0,subject}}', "
            "c.body #>> '{{complaints,0,text}}', f.due_metric, f.due_raw "
            "FROM case_facts f JOIN cases c ON c.id = f.id{} "
            'ORDER BY f.due_at, f.id COLLATE "C" LIMIT %s'
        ).format(where)
        late = []
        for case_id, owner, team, status, subject, text, metric, raw in self._rows(
            query, [*params, now, top]
        ):
            due = parse_instant(raw, f"clocks.{metric}.due_at")
            named = item_subject(subject, text or "")
            late.append(OpenItem(case_id, owner, team, status, named, metric, due, now - due))
        return totals, late

    def total(self, scope: Scope) -> int:
        where, params = self._where(scope)
        return int(self._rows(sql.SQL("SELECT count(*) FROM case_facts f") + where, params)[0][0])

    def counts(self, dimension: Dimension, scope: Scope) -> dict[str | None, int]:
        if dimension not in DIMENSIONS:
            raise InvalidInput("dimension", f"must be one of {', '.join(DIMENSIONS)}")
        where, params = self._where(scope)
        query = sql.SQL(
            "SELECT {}, count(*), extract(epoch FROM min(f.received_at))::float8 "
            "FROM case_facts f{} GROUP BY 1"
        ).format(sql.Identifier("f", dimension), where)
        rows = self._rows(query, params)
        return folded_counts(dimension, ((k, int(n), _first(at)) for k, n, at in rows))

    def percentiles(
        self,
        duration: Duration,
        scope: Scope,
        quantiles: Sequence[float],
        calendar: Elapsed | None = None,
    ) -> tuple[int, list[float]]:
        column = _column(_SECONDS[duration])
        seconds = sql.SQL(measured(f"f.{_SECONDS[duration]}"))  # no NaN, no infinity
        if calendar is not None:  # from receipt
            where, params = self._where(scope, seconds, sql.SQL(_RECEIVED))
            return self._business(column, where, params, quantiles, calendar)
        where, params = self._where(scope, seconds)
        query = sql.SQL(
            "SELECT count(*), percentile_disc(%s::float8[]) WITHIN GROUP (ORDER BY {}) "
            "FROM case_facts f{}"
        ).format(column, where)
        n, values = self._rows(query, [list(quantiles), *params])[0]
        return (0, []) if not n else (int(n), [float(v) for v in values])

    def _business(
        self,
        column: sql.Composable,
        where: sql.Composable,
        params: list[Any],
        quantiles: Sequence[float],
        calendar: Elapsed,
    ) -> tuple[int, list[float]]:
        """Measured from receipt, where the duration starts."""
        query = sql.SQL("SELECT f.received_at, {} FROM case_facts f{}").format(column, where)
        values = sorted(
            round(calendar.elapsed(start, start + timedelta(seconds=secs)).total_seconds(), 3)
            for start, secs in self._stream(query, params)
        )
        return len(values), [values[rank(q, len(values))] for q in quantiles] if values else []

    def sla(self, scope: Scope, now: datetime) -> dict[str, SlaTally]:
        where, params = self._where(scope)
        query = sql.SQL(
            "SELECT s.metric, count(*) FILTER (WHERE s.breached OR s.overdue), "
            "count(*) FILTER (WHERE s.met AND NOT s.breached), "
            "count(*) FILTER (WHERE NOT s.met AND NOT s.breached AND NOT s.cancelled "
            "AND NOT s.overdue), "
            "count(*) FILTER (WHERE s.cancelled AND NOT s.met AND NOT s.breached) "
            # facts.sla_outcome: a recorded breach, a meeting, a cancellation, then the deadline
            "FROM (SELECT *, NOT met AND NOT cancelled AND coalesce(due_at < %s AND {}, false) "
            'AS overdue FROM case_sla) s{} GROUP BY 1 ORDER BY s.metric COLLATE "C"'
        ).format(sql.SQL(placed("due_at")), _cases_in(where, "s"))
        return {
            m: SlaTally(met=int(met), breached=int(br), running=int(run), cancelled=int(cancelled))
            for m, br, met, run, cancelled in self._rows(query, [now, *params])
        }

    def escalation_levels(self, scope: Scope) -> dict[int, int]:
        where, params = self._where(scope, sql.SQL(leveled("f.escalation_level")))
        query = sql.SQL("SELECT f.escalation_level, count(*) FROM case_facts f{} GROUP BY 1")
        return {int(lv): int(n) for lv, n in self._rows(query.format(where), params)}

    def reopened(self, scope: Scope) -> int:
        """Reopen events are rare: found through the events' (kind, at) index."""
        where, params = self._where(
            scope,
            sql.SQL(
                "f.id IN (SELECT e.case_id FROM events e WHERE e.kind = 'transitioned' "
                "AND e.body #>> '{data,to}' = 'reopened')"
            ),
        )
        return int(self._rows(sql.SQL("SELECT count(*) FROM case_facts f") + where, params)[0][0])

    def satisfaction(self, scope: Scope) -> dict[int, int]:
        where, params = self._where(scope, sql.SQL(scored("f.satisfaction")))
        query = sql.SQL("SELECT f.satisfaction, count(*) FROM case_facts f{} GROUP BY 1")
        return {int(score): int(n) for score, n in self._rows(query.format(where), params)}

    def remedies(self, scope: Scope) -> list[RemedyTally]:
        """Grouped in SQL by amount too, and summed exactly in Python as every backend reads
        an amount (``given_amount``): ``numeric`` overflowed on an amount edited to
        ``1e999999999``, and ended the report."""
        where, params = self._where(scope)
        query = sql.SQL(
            "SELECT r.remedy, r.currency, "
            # model.compensation.reported_status: an offer its case ended unanswered lapsed
            "CASE WHEN r.status = 'offered' AND NOT (SELECT c.is_open FROM cases c "
            "WHERE c.id = r.case_id) THEN 'lapsed' ELSE r.status END, r.amount, count(*) "
            "FROM case_remedies r{} GROUP BY 1, 2, 3, 4"
        ).format(_cases_in(where, "r"))
        return remedy_tallies(self._rows(query, params))

    def root_causes(self, scope: Scope) -> list[RootCauseTally]:
        where, params = self._where(scope, sql.SQL("f.fishbone IS NOT NULL"))
        query = sql.SQL(
            # a nature or 'why' edited to NULL is blank, not None beside text
            "SELECT f.fishbone, coalesce(f.nature, ''), coalesce(f.root_why, ''), count(*) "
            "FROM case_facts f{} "
            # ties by code point, as SQLite and memory order them, whatever the collation
            'GROUP BY 1, 2, 3 ORDER BY 4 DESC, f.fishbone COLLATE "C", '
            "coalesce(f.nature, '') COLLATE \"C\", coalesce(f.root_why, '') COLLATE \"C\""
        ).format(where)
        return [RootCauseTally(a, b, c, int(n)) for a, b, c, n in self._rows(query, params)]

    def daily(
        self, dimension: Dimension, scope: Scope, zone: tzinfo
    ) -> dict[str | None, dict[date, int]]:
        if dimension not in DIMENSIONS:
            raise InvalidInput("dimension", f"must be one of {', '.join(DIMENSIONS)}")
        where, params = self._where(scope, sql.SQL(_RECEIVED))
        local, zone_params = _local_day(zone)
        query = sql.SQL(
            "SELECT {}, {}, count(*), min(f.received_at) FROM case_facts f{} GROUP BY 1, 2"
        ).format(sql.Identifier("f", dimension), local, where)
        rows = self._rows(query, [*zone_params, *params])
        return folded_days(
            dimension, ((key, day, int(n), at.timestamp()) for key, day, n, at in rows)
        )

    def arrivals(self, key: str, scope: Scope) -> Iterator[tuple[str, datetime, str, str]]:
        attribute = key_attribute(key)
        if attribute is None:
            where, params = self._where(
                scope, sql.SQL("f.product IS NOT NULL"), _NOT_IMPORTED, _OPENED, at="opened_at"
            )
            query = sql.SQL(
                "SELECT f.product, f.opened_at, f.id, c.customer_id "
                'FROM case_facts f JOIN cases c ON c.id = f.id{} ORDER BY f.opened_at, f.id COLLATE "C"'
            ).format(where)
        else:
            where, params = self._where(scope, _NOT_IMPORTED, _OPENED, at="opened_at")
            query = sql.SQL(
                "SELECT v, opened_at, id, customer FROM (SELECT c.body #> %s AS v, f.opened_at, "
                "f.id, c.customer_id AS customer FROM case_facts f JOIN cases c ON c.id = f.id{}) a "
                "WHERE v IS NOT NULL AND v <> 'null'::jsonb "
                'ORDER BY opened_at, id COLLATE "C"'
            ).format(where)
            params = [["complaints", "0", "attributes", attribute], *params]
        self._name_broken(scope, _OPENED, at="opened_at")
        for value, opened, case_id, customer in self._stream(query, params):
            text = str(value) if attribute is None else attribute_text(value)
            yield text, opened.astimezone(UTC), case_id, str(customer)

    def grouped(self, by: GroupBy, scope: Scope) -> dict[str | None, int]:
        if by.field in DIMENSIONS:
            return self.counts(by.field, scope)
        where, params = self._where(scope)
        self._name_broken(scope)
        join = sql.SQL("FROM case_facts f JOIN cases c ON c.id = f.id")
        if by.field == "tag":
            query = sql.SQL(
                "SELECT t.value, count(*) {} LEFT JOIN LATERAL jsonb_array_elements_text("
                "CASE jsonb_typeof(c.body -> 'tags') WHEN 'array' THEN c.body -> 'tags' "
                "ELSE '[]'::jsonb END) t (value) ON true{} GROUP BY 1"
            ).format(join, where)
        elif by.field == "attribute":
            # jsonb (parsed by psycopg) read as ``incidents.attribute_text`` reads a value
            query = sql.SQL("SELECT c.body #> %s, count(*) {}{} GROUP BY 1").format(join, where)
            params = [["complaints", "0", "attributes", by.attribute], *params]
            texts: dict[str | None, int] = defaultdict(int)
            for value, n in self._rows(query, params):
                texts[None if value is None else attribute_text(value)] += int(n)
            return dict(texts)
        else:
            query = sql.SQL("SELECT c.body ->> %s, count(*) {}{} GROUP BY 1").format(join, where)
            params = [by.field, *params]
        return {key: int(n) for key, n in self._rows(query, params)}

    def customers(self, scope: Scope) -> tuple[int, int]:
        where, params = self._where(scope)
        query = (
            sql.SQL(
                "SELECT count(*), count(*) FILTER (WHERE n > 1) FROM (SELECT count(*) AS n "
                "FROM case_facts f JOIN cases c ON c.id = f.id"
            )
            + where
            + sql.SQL(" GROUP BY c.customer_id) AS per_customer")
        )
        customers, repeat = self._rows(query, params)[0]
        return int(customers), int(repeat)

    def imported(self, scope: Scope) -> int:
        self._name_broken(scope)
        where, params = self._where(scope, sql.SQL("f.imported"))
        query = sql.SQL("SELECT count(*) FROM case_facts f") + where
        return int(self._rows(query, params)[0][0])

    def unreadable(self) -> list[Unreadable]:
        """Found through each column's index where it has one (the receipt; an open case's
        deadline); the opening and the clocks' deadlines by a scan of narrow rows."""
        return (
            [
                Unreadable(case_id, column, "NULL" if value is None else short(value))
                for case_id, column, value in self._rows(_UNREADABLE)
            ]
            + no_amounts(self._rows(_UNUSUAL_AMOUNTS))
            + [self._broken[i] for i in sorted(self._broken)]
        )

    def dead_letter_reasons(self, scope: Scope) -> LetterCounts:
        with self._connection() as conn:
            letters = kept_dead_letters(conn)
        return count_reasons(((d.source, d.raw, d.reason, d.at) for d in letters), scope)


#: Imported cases are history, not watched for batches live, so not replayed either.
_NOT_IMPORTED = sql.SQL("NOT f.imported")
#: A case body that is no JSON object (``_name_broken``), on ``cases c``.
_NO_OBJECT = sql.SQL("jsonb_typeof(c.body) IS DISTINCT FROM 'object'")
#: A case's receipt, opening and soonest deadline where Python holds them (``instants``).
_RECEIVED = placed("f.received_at")
_OPENED = sql.SQL(placed("f.opened_at"))
_DUE = placed("f.due_at")


def _unreadable(table: LiteralString, key: LiteralString, column: LiteralString) -> LiteralString:
    found = unplaced(column)
    return f"SELECT {key}, '{table}.{column}', {column}::text FROM {table} WHERE {found}"  # noqa: S608 -- fixed texts


#: Report rows holding no instant Python holds (a receipt never written, NULL, among them).
_UNREADABLE = sql.SQL(" UNION ALL ").join(
    [
        sql.SQL(_unreadable("case_facts", "id", "received_at")),
        sql.SQL(
            "SELECT id, 'case_facts.received_at', NULL FROM case_facts WHERE received_at IS NULL"
        ),
        sql.SQL(_unreadable("case_facts", "id", "opened_at")),
        sql.SQL(_unreadable("case_facts", "id", "due_at")),
        sql.SQL(_unreadable("case_sla", "case_id", "due_at")),
        *(
            sql.SQL(
                f"SELECT id, 'case_facts.{column}', {column}::text FROM case_facts "  # noqa: S608 -- fixed texts
                f"WHERE {unmeasured(column)}"
            )
            for column in _SECONDS.values()
        ),
        sql.SQL(
            "SELECT id, 'case_facts.satisfaction', satisfaction::text FROM case_facts "  # noqa: S608 -- fixed texts
            f"WHERE NOT {scored('satisfaction')}"
        ),
        sql.SQL(
            "SELECT id, 'case_facts.escalation_level', escalation_level::text FROM case_facts "  # noqa: S608 -- fixed texts
            f"WHERE NOT {leveled('escalation_level')}"
        ),
    ]
) + sql.SQL(" ORDER BY 1, 2")


#: Remedy amounts of another shape than plain digits with at most one point (``12.50``),
#: for ``no_amounts`` to check: all but a few, money as stored, are passed over in SQL.
_UNUSUAL_AMOUNTS = sql.Composed(
    [
        sql.SQL(
            "SELECT case_id, amount FROM case_remedies WHERE amount IS NOT NULL AND NOT ("
            "amount ~ '^[0-9]+\\.?[0-9]*$' AND length(amount) < 1000)"
        )
    ]
)


def _first(at: float | None) -> float:
    """A first receipt in POSIX seconds, sent as a number so that ``infinity`` or a BC date
    reads without a guard per row; one no case of a spelling has is the last."""
    return math.inf if at is None else at


def _local_day(zone: tzinfo) -> tuple[sql.Composable, list[Any]]:
    """SQL for the local date of ``f.received_at``: by IANA name, or by a fixed UTC offset."""
    if isinstance(zone, ZoneInfo):
        return sql.SQL("(f.received_at AT TIME ZONE %s)::date"), [zone.key]
    offset = zone.utcoffset(None) or timedelta(0)
    return sql.SQL("(f.received_at AT TIME ZONE 'UTC' + %s)::date"), [offset]
