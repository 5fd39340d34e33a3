"""The memory store and the SQLite store, given the same writes, answer every read alike.

The storage contract checks each promise alone; here any sequence of intakes (single and
batched, keys repeated, keys differing only by Unicode normalisation), changes, stale
saves and dead letters goes to both stores with the same arguments, and every read is
compared after it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import Conflict
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.storage.base import CaseQuery, Storage
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.storage_contract import make_complaint

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
#: "a", "A" and a full-width a (U+FF41) are three keys, as are "café" and "cafe" ("a " and a
#: decomposed "é" are refused as keys before any store sees them: tests/channels).
KEYS = ["a", "A", "\uff41", "caf\u00e9", "cafe"]
CUSTOMERS = ["C1", "Zo\u00eb", "Zoe"]
_KEY = st.sampled_from(KEYS)
_CUSTOMER = st.sampled_from(CUSTOMERS)
_CASE = st.integers(min_value=0, max_value=8)
OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("intake"), st.lists(st.tuples(_KEY, _CUSTOMER), min_size=1, max_size=1)),
        st.tuples(st.just("batch"), st.lists(st.tuples(_KEY, _CUSTOMER), max_size=4)),
        st.tuples(st.just("note"), _CASE, st.sampled_from(["漏水", "late", "x" * 3000])),
        st.tuples(st.just("assign"), _CASE, st.sampled_from(["li.na", "王芳"])),
        st.tuples(st.just("stale"), _CASE),
        st.tuples(
            st.just("dead"),
            st.sampled_from(["csv:a.csv:1", "mail:\x00", "\udcff"]),
            st.binary(max_size=3),
            st.sampled_from(["blank", "bad \ud800"]),
        ),
    ),
    max_size=12,
)


def new_case(key: str, customer: str, clock: ManualClock) -> tuple[Case, list[CaseEvent]]:
    """A case for the complaint ``key``, as a desk would intake it, stored nowhere yet."""
    maker = Desk(storage=MemoryStorage(), clock=clock)
    case = maker.intake(make_complaint(key, customer=customer))
    return case, maker.history(case.id)


def refuses_stale(storage: Storage, case_id: str, events: list[CaseEvent]) -> bool:
    """Whether saving the stored case with ``events`` it already holds is a ``Conflict``."""
    try:
        storage.save(storage.get(case_id), events)
    except Conflict:
        return True
    return False


def reads(storage: Storage, ids: Sequence[str]) -> dict[str, object]:
    cases = {case_id: storage.get(case_id) for case_id in ids}
    page, cursor, feed = None, None, []
    while page is None or page.events:
        page = storage.events_since(cursor, 3)
        cursor = page.cursor
        feed += [(e.case_id, e.seq) for e in page.events]
    with storage.claim_due(T0 + timedelta(days=3650), 3) as due:
        claimed = [c.id for c in due]
    return {
        "ids": sorted(storage.case_ids()),
        "cases": {i: c.to_json() for i, c in cases.items()},
        "events": {i: [e.to_json() for e in storage.events(i)] for i in ids},
        "tokens": {
            i: getattr(storage.find_by_token(c.status_token), "id", None) for i, c in cases.items()
        },
        "keys": {k: getattr(storage.find_by_key("web", k), "id", None) for k in KEYS},
        "unstorable": [storage.find_by_key("web", k) for k in ("\udcff", "a\x00")],
        "all": [c.id for c in storage.find(CaseQuery())],
        "customers": {k: [c.id for c in storage.find(CaseQuery(customer_id=k))] for k in CUSTOMERS},
        "owners": {o: storage.count(CaseQuery(owner=o)) for o in ("li.na", "王芳")},
        "feed": feed,
        "due": claimed,
        "dead": [(d.id, d.source, d.raw, d.reason) for d in storage.dead_letters()],
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OPERATIONS)
def test_memory_and_sqlite_answer_alike_after_the_same_writes(operations: list[Any]) -> None:
    clock = ManualClock(T0)
    with TemporaryDirectory() as folder:
        memory = MemoryStorage()
        sqlite = SQLiteStorage(f"sqlite:///{Path(folder) / 'c.db'}?synchronous=off")
        stores: list[Storage] = [memory, sqlite]
        desk = Desk(storage=memory, clock=clock)  # computes each change once, on memory
        ids: list[str] = []
        try:
            for kind, *args in operations:
                clock.advance(timedelta(minutes=5))
                if kind in ("intake", "batch"):
                    items = [new_case(key, customer, clock) for key, customer in args[0]]
                    answers = [
                        [(case.id, created) for case, created in store.intake_many(items)]
                        for store in stores
                    ]
                    assert answers[0] == answers[1]
                    ids += [i for i, created in answers[0] if created]
                elif kind in ("note", "assign") and ids:
                    case_id = ids[args[0] % len(ids)]
                    known = len(memory.events(case_id))
                    if kind == "note":
                        desk.note(case_id, args[1], actor="qa")
                    else:
                        desk.assign(case_id, args[1], actor="qa")
                    sqlite.save(memory.get(case_id), memory.events(case_id)[known:])
                elif kind == "stale" and ids:
                    case_id = ids[args[0] % len(ids)]
                    last = memory.events(case_id)[-1:]
                    assert all(refuses_stale(store, case_id, last) for store in stores)
                elif kind == "dead":
                    for store in stores:
                        store.dead_letter(args[0], args[1], args[2], clock.now())
            assert reads(memory, ids) == reads(sqlite, ids)
        finally:
            sqlite.close()
