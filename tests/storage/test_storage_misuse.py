"""Every backend answers the same misuse of a storage method alike, before it writes.

Each misuse below once had its own answer per backend: SQLite read a negative limit as no
limit where PostgreSQL refused it, a limit past 64 bits overflowed SQLite's binding and was
an empty page in memory, and PostgreSQL read the text id "1" as the letter 1 and purged it
where SQLite failed. Now each is an ``InvalidInput`` naming the argument, and the store is
as it was.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from complaintkit_postgres import PostgresStorage
from complaintkit_postgres.testing import drop_schema, scratch_url

from complaintkit.errors import InvalidInput
from complaintkit.storage.base import Storage
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.sqlite import SQLiteStorage

AT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
NAIVE = AT.replace(tzinfo=None)


def _claim(storage: Storage, before: Any, limit: Any) -> None:
    with storage.claim_due(before, limit):
        pytest.fail("a refused claim held the due cases")


#: (what is misused, the call misusing it, the argument it names)
MISUSES: list[tuple[str, Callable[[Any], object], str]] = [
    ("negative claim", lambda s: _claim(s, AT, -1), "limit"),
    ("huge claim", lambda s: _claim(s, AT, 2**70), "limit"),
    ("no claim limit", lambda s: _claim(s, AT, None), "limit"),
    ("naive claim", lambda s: _claim(s, NAIVE, 10), "before"),
    ("negative due", lambda s: s.due_deliveries(AT, -1), "limit"),
    ("huge due", lambda s: s.due_deliveries(AT, 2**70), "limit"),
    ("text due", lambda s: s.due_deliveries(AT, "5"), "limit"),
    ("true due", lambda s: s.due_deliveries(AT, True), "limit"),
    ("fraction due", lambda s: s.due_deliveries(AT, 1.5), "limit"),
    ("no due instant", lambda s: s.due_deliveries(None, 5), "now"),
    ("negative feed", lambda s: s.events_since(None, -1), "limit"),
    ("huge feed", lambda s: s.events_since(None, 2**70), "limit"),
    ("no feed limit", lambda s: s.events_since(None, None), "limit"),
    ("number cursor", lambda s: s.events_since(5, 1), "cursor"),
    ("text ids", lambda s: s.purge_dead_letters(["1"]), "ids"),
    ("one text id", lambda s: s.purge_dead_letters("1"), "ids"),
    ("a text among ids", lambda s: s.purge_dead_letters([1, "1"]), "ids"),
    ("no ids", lambda s: s.purge_dead_letters(None), "ids"),
    ("none id", lambda s: s.purge_dead_letters([None]), "ids"),
    ("fraction id", lambda s: s.purge_dead_letters([1.0]), "ids"),
    ("true id", lambda s: s.purge_dead_letters([True]), "ids"),
    ("number delivery ids", lambda s: s.requeue_dead([1], None, AT), "delivery_ids"),
    ("one delivery id", lambda s: s.requeue_dead("d-1", None, AT), "delivery_ids"),
    ("number via", lambda s: s.requeue_dead(None, 1, AT), "via"),
    ("no requeue instant", lambda s: s.requeue_dead(None, None, None), "at"),
    ("naive requeue", lambda s: s.requeue_dead(None, None, NAIVE), "at"),
    ("number state", lambda s: s.deliveries(1), "state"),
    ("number case of deliveries", lambda s: s.deliveries(None, 1), "case_id"),
    ("no case id", lambda s: s.get(None), "case_id"),
    ("number case id", lambda s: s.get(1), "case_id"),
    ("no history id", lambda s: s.events(None), "case_id"),
    ("no token", lambda s: s.find_by_token(None), "token"),
    ("no channel", lambda s: s.find_by_key(None, "1"), "channel"),
    ("no external id", lambda s: s.find_by_key("web", None), "external_id"),
    ("no key pair", lambda s: s.find_by_keys([(None, None)]), "keys"),
    ("no letter source", lambda s: s.dead_letter(None, "r", "why", AT), "source"),
    ("no letter raw", lambda s: s.dead_letter("s", None, "why", AT), "raw"),
    ("no letter reason", lambda s: s.dead_letter("s", "r", None, AT), "reason"),
    ("no letter instant", lambda s: s.dead_letter("s", "r", "why", None), "at"),
    ("no customer", lambda s: s.compensation_total(None, AT, "EUR"), "customer_id"),
    ("no since", lambda s: s.compensation_total("c", None, "EUR"), "since"),
    ("one kind", lambda s: s.compensation_total("c", AT, "EUR", "refund"), "kinds"),
    ("no customers", lambda s: s.openings(None, AT), "customer_ids"),
    ("no openings since", lambda s: s.openings(["c"], None), "since"),
    ("no held customer", lambda s: s.hold_customer(None), "customer_id"),
    ("nothing enqueued", lambda s: s.enqueue(None), "items"),
    ("no attempts", lambda s: s.record_attempts(None), "attempts"),
]


@pytest.fixture(
    scope="module",
    params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
)
def storage(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Storage]:
    """One store per backend for the module, holding one dead letter."""
    if request.param == "postgres":
        server = str(request.getfixturevalue("postgres_server_url"))
        schema = f"ck_misuse_{secrets.token_hex(6)}"
        try:
            with PostgresStorage(scratch_url(server, schema)) as backend:
                backend.dead_letter("csv:rows.csv:1", b"1,", "text: is blank", AT)
                yield backend
        finally:
            drop_schema(server, schema)
        return
    folder: Path = tmp_path_factory.mktemp("misuse")
    with (
        MemoryStorage() if request.param == "memory" else SQLiteStorage(f"sqlite:///{folder}/c.db")
    ) as backend:
        backend.dead_letter("csv:rows.csv:1", b"1,", "text: is blank", AT)
        yield backend


@pytest.mark.parametrize(
    ("call", "argument"), [m[1:] for m in MISUSES], ids=[m[0] for m in MISUSES]
)
def test_a_misuse_is_refused_alike_naming_the_argument_and_changes_nothing(
    storage: Storage, call: Callable[[Storage], object], argument: str
) -> None:
    before = storage.dead_letters()
    with pytest.raises(InvalidInput) as refused:
        call(storage)
    assert refused.value.field == argument
    assert storage.dead_letters() == before
    assert storage.deliveries() == []


def test_ids_and_limits_no_store_holds_answer_as_absent(storage: Storage) -> None:
    """An id past 64 bits or below 1 names no letter; a limit of 0 asks for nothing; an
    unknown delivery state holds no delivery."""
    (kept,) = storage.dead_letters()
    assert storage.purge_dead_letters([2**70, -(2**70), -1, 0]) == 0
    assert storage.events_since(None, 0).events == []
    assert storage.due_deliveries(AT, 0) == []
    assert storage.deliveries("sent") == []  # type: ignore[arg-type]
    with storage.claim_due(AT, 0) as claimed:
        assert claimed == []
    storage.dead_letter("csv:rows.csv:2", b"2,", "text: is blank", AT)
    (_, other) = storage.dead_letters()
    assert storage.purge_dead_letters([other.id, 2**70]) == 1
    assert storage.dead_letters() == [kept]
