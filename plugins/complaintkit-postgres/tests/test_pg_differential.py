"""SQLite and PostgreSQL, given the same random sequence of storage calls, answer each alike.

Every call goes to both stores with the same arguments, and each answer (or refusal) is
compared at once: intakes single and batched, changes and stale saves, dead letters kept,
refused again and purged, and every read: listings with their filters and limits, the
due cases, the event feed page by page, cursors the stores did not return, dead letters
by a prefix holding LIKE's wildcards. PostgreSQL runs on a database whose collation is a
language's (``en-US``, as many installations default to), where text sorts otherwise than
SQLite's code point order; case ids are texts such an order puts differently.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any
from unittest import mock

import attrs
import pytest
from complaintkit_postgres import PostgresStorage
from complaintkit_postgres.testing import scratch_url
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pg_collated import language_collated_server
from psycopg import sql

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import ComplaintkitError
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.base import CaseQuery, Storage
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.storage_contract import make_complaint

__all__ = ["language_collated_server"]  # the fixture, used by name

pytestmark = pytest.mark.postgres

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
POLICY = load_policy(Path(__file__).parents[3] / "policies/ecommerce/online-shop.yaml")
#: Case ids a language collation orders otherwise than code points (case, "-", " ", accents).
IDS = ["CK-b", "CK-A", "ck-a", "CK-a", "Zo\u00eb", "Zoe", "a b", "a-b", "ab", "\u738b"]
#: Keys and customer ids alike but for case, width or an accent ("a " and a decomposed "é"
#: are refused before any store sees them).
KEYS = ["a", "A", "\uff41", "caf\u00e9", "cafe"]
CUSTOMERS = ["C1", "c1", "Zo\u00eb", "Zoe"]
OWNERS = ["li.na", "Li.na", "\u738b\u82b3"]
SOURCES = ["csv:a.csv:1", "csv:a%b:1", "csv:a_b:2", "csv:a\\b:3", "csv:A.csv:1", "\u90ae\u4ef6:1"]
PREFIXES = ["", "csv:", "csv:a", "csv:a%", "csv:a_", "csv:a\\", "CSV:", "\u90ae", "csv:a.csv:1"]
#: Cursors neither store returned (a cursor of PostgreSQL's own form, ``"1.1"``, aside).
CURSORS = ["", "0", "00", "-1", "x", "9" * 30, str(2**63), " 1", "1.x"]
_KEY, _CUSTOMER, _CASE = st.sampled_from(KEYS), st.sampled_from(CUSTOMERS), st.integers(0, 9)
_LIMIT = st.integers(1, 4)
OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("batch"), st.lists(st.tuples(_KEY, _CUSTOMER), min_size=1, max_size=4)),
        st.tuples(st.just("note"), _CASE, st.sampled_from(["\u6f0f\u6c34", "late"])),
        st.tuples(st.just("assign"), _CASE, st.sampled_from(OWNERS)),
        st.tuples(st.just("stale"), _CASE),
        st.tuples(st.just("dead"), st.sampled_from(SOURCES), st.binary(max_size=2)),
        st.tuples(st.just("refused"), _CASE, st.sampled_from(["blank", "\u7a7a"])),
        st.tuples(st.just("purge"), st.lists(st.integers(-1, 12), max_size=3)),
        st.tuples(st.just("from"), st.sampled_from(PREFIXES)),
        st.tuples(st.just("find"), st.sampled_from(["customer_id", "owner", None]), _LIMIT),
        st.tuples(st.just("due"), _LIMIT),
        st.tuples(st.just("feed"), _LIMIT),
        st.tuples(st.just("cursor"), st.sampled_from(CURSORS)),
        st.tuples(st.just("crossed"), _LIMIT),
        st.tuples(st.just("after"), st.sampled_from([None, *IDS]), _LIMIT),
    ),
    max_size=14,
)


def answer(call: Callable[[], object]) -> object:
    """What a call answered, or the kind of its refusal (and the field it names)."""
    try:
        return call()
    except ComplaintkitError as exc:
        return ("refused", type(exc).__name__, getattr(exc, "field", None))


def whole_feed(storage: Storage, size: int) -> tuple[list[int], list[tuple[str, int, str]]]:
    """The event feed, read by pages of ``size``: how many events each page held, and every
    event read, as (case id, seq, kind), sorted. Sorted, because the events one transaction
    commits come in the order it wrote them, and PostgreSQL's batch intake writes a batch
    in the order of its keys (the order it locks them in), SQLite's in the order given."""
    pages: list[list[tuple[str, int, str]]] = []
    cursor = None
    while True:
        page = storage.events_since(cursor, size)
        if not page.events:
            return [len(p) for p in pages], sorted(e for p in pages for e in p)
        pages.append([(e.case_id, e.seq, e.kind) for e in page.events])
        cursor = page.cursor


class Run:
    """One sequence of calls: each change computed once (on a memory store), then given to
    every store; each read asked of every store."""

    def __init__(self, stores: list[Storage], ids: list[str]) -> None:
        self.stores = stores
        self.clock = ManualClock(T0)
        self.memory = MemoryStorage()
        self.desk = Desk(POLICY, storage=self.memory, clock=self.clock)
        self.ids = iter(ids)
        self.cases: list[str] = []

    def both(self, call: Callable[[Storage], Any]) -> Any:
        first, second = [answer(functools.partial(call, store)) for store in self.stores]
        assert first == second
        return first

    def next_id(self, _: datetime) -> str:
        return next(self.ids)

    def new_case(self, key: str, customer: str) -> tuple[Case, list[CaseEvent]]:
        maker = Desk(POLICY, storage=MemoryStorage(), clock=self.clock)
        with mock.patch("complaintkit.desk.desk.new_case_id", side_effect=self.next_id):
            case = maker.intake(make_complaint(key, customer=customer))
        return case, maker.history(case.id)

    def apply(self, kind: str, *args: Any) -> None:
        self.clock.advance(timedelta(minutes=5))
        case_id = None
        if kind in ("note", "assign", "stale") and self.cases:
            case_id = self.cases[args[0] % len(self.cases)]
        if kind == "batch":
            items = [self.new_case(key, customer) for key, customer in args[0]]
            self.memory.intake_many(items)
            made = self.both(lambda s: [(c.id, new) for c, new in s.intake_many(items)])
            self.cases += [i for i, new in made if new]
        elif kind in ("note", "assign") and case_id is not None:
            known = len(self.memory.events(case_id))
            if kind == "note":
                self.desk.note(case_id, args[1], actor="qa")
            else:  # to quality, whose team lists no members: any owner's spelling is taken
                self.desk.assign(case_id, args[1], actor="qa", team="qa")
            events = self.memory.events(case_id)[known:]
            self.both(lambda s: s.save(self.memory.get(case_id), events))
        elif kind == "stale" and case_id is not None:
            last = self.memory.events(case_id)[-1:]
            self.both(lambda s: s.save(self.memory.get(case_id), last))
        elif kind == "dead":
            self.both(lambda s: s.dead_letter(args[0], args[1], "refused", self.clock.now()))
        elif kind == "refused":
            letters = self.both(lambda s: s.dead_letters())
            if isinstance(letters, list) and letters:
                letter = letters[args[0] % len(letters)]
                self.both(lambda s: s.refused_on_retry(letter, args[1], self.clock.now()))
        elif kind == "purge":
            self.both(lambda s: s.purge_dead_letters(args[0]))
        self.read(kind, *args)

    def read(self, kind: str, *args: Any) -> None:
        if kind in ("dead", "refused", "purge", "from"):
            self.both(lambda s: s.dead_letters_from(args[0] if kind == "from" else ""))
        elif kind == "find":
            values: list[str] = {"customer_id": CUSTOMERS, "owner": OWNERS}.get(args[0], [""])
            for value in values:
                query = CaseQuery.given({args[0]: value} if args[0] else {})
                query = attrs.evolve(query, limit=args[1])
                self.both(functools.partial(found, query=query))
                self.both(functools.partial(counted, query=attrs.evolve(query, limit=None)))
        elif kind == "due":
            self.both(lambda s: claimed(s, args[0]))
        elif kind == "feed":
            self.both(lambda s: whole_feed(s, args[0]))
        elif kind == "cursor":  # every event after it, sorted (see ``whole_feed``)
            self.both(
                lambda s: sorted((e.case_id, e.seq) for e in s.events_since(args[0], 500).events)
            )
        elif kind == "crossed":
            self.crossed(args[0])
        elif kind == "after":
            self.both(lambda s: [c.id for c in s.open_cases_after(args[0], args[1])])
        else:
            self.both(lambda s: list(s.case_ids()))
            self.both(lambda s: [c.id for c in s.find(CaseQuery())])
            self.both(lambda s: {k: getattr(s.find_by_key("web", k), "id", None) for k in KEYS})

    def crossed(self, size: int) -> None:
        """A cursor one store returned is refused by the other, by name."""
        cursors = [storage.events_since(None, size).cursor for storage in self.stores]
        for storage, cursor in zip(self.stores, reversed(cursors), strict=True):
            if cursor != "0":  # the embedded stores' start, which reads from the first event
                asked = functools.partial(storage.events_since, cursor, 3)
                assert answer(asked) == REFUSED_CURSOR


REFUSED_CURSOR = ("refused", "InvalidInput", "cursor")


def found(storage: Storage, query: CaseQuery) -> list[dict[str, Any]]:
    return [case.to_json() for case in storage.find(query)]


def counted(storage: Storage, query: CaseQuery) -> int:
    return storage.count(query)


def claimed(storage: Storage, limit: int) -> list[str]:
    with storage.claim_due(T0 + timedelta(days=3650), limit) as due:
        return [case.id for case in due]


@pytest.fixture(scope="module")
def language_collated(language_collated_server: str) -> str:
    """A store on a database collating text as American English does."""
    url = scratch_url(language_collated_server, "ck_parity")
    PostgresStorage(url).close()  # creates the schema
    return url


def emptied(storage: PostgresStorage) -> None:
    """Remove every row a run wrote and number from 1 again, as on a new schema (made once:
    making one takes half a second). DELETE, not TRUNCATE, which makes every table's files
    anew: a third of a second for a run's few rows, against a fiftieth."""
    with storage.connection() as conn, conn.transaction():
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                "current_schema() AND table_name NOT IN ('schema_version', 'plan_mark') "
                "ORDER BY table_name = 'cases'"  # last: the others' rows refer to its rows
            ).fetchall()
        ]
        for table in tables:
            conn.execute(sql.SQL("DELETE FROM {}").format(sql.Identifier(table)))
        sequences = conn.execute(
            "SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema()"
        ).fetchall()
        for (sequence,) in sequences:
            conn.execute(sql.SQL("ALTER SEQUENCE {} RESTART").format(sql.Identifier(sequence)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operations=OPERATIONS, ids=st.permutations(IDS))
def test_sqlite_and_postgres_answer_every_call_alike(
    language_collated: str, operations: list[Any], ids: list[str]
) -> None:
    with TemporaryDirectory() as folder:
        sqlite = SQLiteStorage(f"sqlite:///{Path(folder) / 'c.db'}?synchronous=off")
        postgres = PostgresStorage(language_collated)
        try:
            run = Run([sqlite, postgres], [*ids, *(f"CK-{n:02}" for n in range(40))])
            for kind, *args in operations:
                run.apply(kind, *args)
            run.read("ids")
        finally:
            sqlite.close()
            emptied(postgres)
            postgres.close()
