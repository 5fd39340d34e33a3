"""PostgresStorage against a real server: idempotent intake, optimistic saves, the sweep."""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import attrs
import psycopg
import pytest
from complaintkit_postgres import PostgresStorage
from complaintkit_postgres.schema import MIGRATIONS
from complaintkit_postgres.url import PINNED, parse_url
from pg_cases import chain, ladder_case
from pg_emptied import emptied_postgres_url, migrated_schema
from psycopg import sql

from complaintkit.clock import ManualClock
from complaintkit.compensation.policy import CompensationPolicy, compile_section
from complaintkit.desk import Desk
from complaintkit.errors import ConfigError, Conflict, NotFound, StorageError
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.model.money import Money
from complaintkit.plugins import Plugins
from complaintkit.policy.assessment import EmptyPolicy
from complaintkit.storage.base import CaseQuery, Storage

__all__ = ["emptied_postgres_url", "migrated_schema"]  # the module's schema, put back per test

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture
def storage(emptied_postgres_url: str) -> Iterator[PostgresStorage]:
    with PostgresStorage(emptied_postgres_url) as backend:
        yield backend


def stored_case(storage: PostgresStorage, n: int, due_in_hours: float = 1) -> Case:
    case, events = ladder_case(n, T0, [T0 + timedelta(hours=due_in_hours)])
    storage.intake(case, events)
    return case


def note(case: Case, text: str) -> list[CaseEvent]:
    return [chain(case, "noted", {"text": text}, T0)]


# --- the URL -------------------------------------------------------------------------------


def test_url_options_are_taken_out_and_the_rest_goes_to_libpq() -> None:
    url = parse_url(
        "postgres://ck:s3cret@db:5432/cases?schema=desk&pool_max=3&sslmode=require"
        "&options=-c%20statement_timeout%3D5000"
    )
    assert (url.schema, url.pool_min, url.pool_max) == ("desk", 1, 3)
    assert url.conninfo == "postgresql://ck:s3cret@db:5432/cases?sslmode=require"
    assert url.server_options == f"-c statement_timeout=5000 -c search_path=desk {PINNED}"
    assert "s3cret" not in url.display


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("schema=Bad-Name", "schema"),
        ("pool_max=0", "pool_max"),
        ("pool_min=5&pool_max=2", "pool_min"),
        ("pool_max=%C2%B2", "pool_max"),  # "²": a digit to str.isdigit, no number to int
        (f"pool_max={'9' * 5000}", "pool_max"),
    ],
)
def test_bad_url_option_is_a_config_error_naming_it(query: str, named: str) -> None:
    with pytest.raises(ConfigError, match=named):
        parse_url(f"postgresql://localhost/test?{query}")


def test_unreachable_server_is_a_storage_error_saying_what_to_check() -> None:
    with pytest.raises(StorageError, match="is the server running"):
        PostgresStorage("postgresql://nobody@127.0.0.1:1/none?pool_timeout=1")


def test_plugin_registers_both_url_schemes(postgres_url: str) -> None:
    """Each opens a PostgresStorage (its import waits for the first open), to read only
    when asked, and tells its schema version without opening one."""
    plugins = Plugins()
    assert plugins.storage_backends["postgres"].plugin == "postgres"
    for scheme in ("postgresql", "postgres"):
        url = scheme + postgres_url[postgres_url.index(":") :]
        with plugins.open_storage(url) as storage:
            assert isinstance(storage, PostgresStorage)
            assert not storage.read_only
        with plugins.open_storage(url, read_only=True) as storage:
            assert isinstance(storage, PostgresStorage)
            assert storage.read_only
        read = plugins.version_reader(url)
        assert read is not None
        assert read() == storage.schema_version


# --- schema ----------------------------------------------------------------------------------


def test_open_migrates_once_and_reopening_changes_nothing(postgres_url: str) -> None:
    with PostgresStorage(postgres_url) as first:
        stored_case(first, 1)
    with PostgresStorage(postgres_url) as again:
        assert again.schema_version == len(MIGRATIONS)
        assert len(list(again.case_ids())) == 1


def test_schema_newer_than_the_plugin_is_refused(postgres_url: str) -> None:
    with PostgresStorage(postgres_url) as storage, storage.claim_due(T0, 1):
        pass
    schema = parse_url(postgres_url).schema
    with psycopg.connect(parse_url(postgres_url).conninfo, autocommit=True) as conn:
        conn.execute(
            sql.SQL("UPDATE {}.schema_version SET version = 99").format(sql.Identifier(schema))
        )
    with pytest.raises(StorageError, match="upgrade the plugin"):
        PostgresStorage(postgres_url)


# --- intake and saves ------------------------------------------------------------------------


def test_concurrent_intake_of_one_complaint_creates_one_case(postgres_url: str) -> None:
    attempts = 8
    with PostgresStorage(f"{postgres_url}&pool_max={attempts}") as storage:
        barrier = threading.Barrier(attempts)

        def take(n: int) -> tuple[str, bool]:
            # each racer opens its own case for the same complaint
            case, events = ladder_case(0, T0, [T0], case_id=f"CK-RACE{n}")
            barrier.wait()
            stored, created = storage.intake(case, events)
            return stored.id, created

        with ThreadPoolExecutor(attempts) as pool:
            results = list(pool.map(take, range(attempts)))
        assert sum(created for _, created in results) == 1
        assert len({case_id for case_id, _ in results}) == 1
        assert len(list(storage.case_ids())) == 1


def test_stale_save_raises_conflict_and_leaves_the_case_unchanged(storage: PostgresStorage) -> None:
    case = stored_case(storage, 1)
    stale = storage.get(case.id)
    fresh = storage.get(case.id)
    storage.save(fresh, note(fresh, "first"))
    before, history = storage.get(case.id).to_json(), storage.events(case.id)
    with pytest.raises(Conflict) as raised:
        storage.save(stale, note(stale, "stale"))
    assert (raised.value.expected, raised.value.actual) == (2, 3)
    assert storage.get(case.id).to_json() == before
    assert storage.events(case.id) == history


def test_two_agents_at_once_one_wins_the_other_retries_and_nothing_is_lost(
    postgres_url: str,
) -> None:
    with PostgresStorage(postgres_url) as setup:
        case_id = stored_case(setup, 1).id
    barrier = threading.Barrier(2)

    def agent(name: str) -> str:
        # each agent is its own process in production: its own pool, its own connections
        with PostgresStorage(postgres_url) as storage:
            case = storage.get(case_id)
            barrier.wait()
            try:
                storage.save(case, note(case, name))
            except Conflict:
                case = storage.get(case_id)  # reload, re-apply, save again
                storage.save(case, note(case, name))
                return "conflict"
            return "won"

    with ThreadPoolExecutor(2) as pool:
        outcomes = sorted(pool.map(agent, ["agent.a", "agent.b"]))
    assert outcomes == ["conflict", "won"]
    with PostgresStorage(postgres_url) as storage:
        notes = [e.data["text"] for e in storage.events(case_id) if e.kind == "noted"]
        assert sorted(notes) == ["agent.a", "agent.b"]
        assert storage.get(case_id).version == 4


def test_reads_and_filters(storage: PostgresStorage) -> None:
    first, second = stored_case(storage, 1), stored_case(storage, 2)
    assert storage.find_by_key("web", "ladder-1") == storage.get(first.id)
    assert storage.find_by_key("web", "missing") is None
    assert [c.id for c in storage.find(CaseQuery(customer_id="C2"))] == [second.id]
    assert storage.count(CaseQuery(open_only=True, opened_since=T0)) == 2
    assert [c.id for c in storage.find(CaseQuery(limit=1))] == [first.id]
    with pytest.raises(NotFound):
        storage.get("CK-NOPE")
    with pytest.raises(NotFound):
        storage.events("CK-NOPE")


# --- the sweep -------------------------------------------------------------------------------


def test_claim_due_gives_due_cases_earliest_first(storage: PostgresStorage) -> None:
    ids = [stored_case(storage, n, hours).id for n, hours in enumerate([5, 1, 3, 30])]
    with storage.claim_due(T0 + timedelta(hours=4), limit=10) as due:
        assert [c.id for c in due] == [ids[1], ids[2]]
    with storage.claim_due(T0 + timedelta(hours=40), limit=3) as due:
        assert [c.id for c in due] == [ids[1], ids[2], ids[0]]


def test_claim_due_skips_cases_another_worker_holds(postgres_url: str) -> None:
    with PostgresStorage(postgres_url) as one, PostgresStorage(postgres_url) as other:
        ids = [stored_case(one, n, n + 1).id for n in range(4)]
        later = T0 + timedelta(days=1)
        with one.claim_due(later, limit=2) as held:
            with other.claim_due(later, limit=10) as rest:
                assert [c.id for c in rest] == ids[2:]
            assert [c.id for c in held] == ids[:2]


def test_saves_in_a_claim_block_commit_with_it_and_roll_back_with_it(
    storage: PostgresStorage,
) -> None:
    kept, dropped = stored_case(storage, 1).id, stored_case(storage, 2).id
    with storage.claim_due(T0 + timedelta(hours=1), limit=1) as (case,):
        case.next_deadline = None
        storage.save(case, note(case, "handled"))
    assert storage.get(kept).next_deadline is None

    class WorkerCrashed(Exception):
        pass

    def crash_mid_block() -> None:
        with storage.claim_due(T0 + timedelta(hours=1), 1) as (case,):
            assert case.id == dropped
            storage.save(case, note(case, "lost with the block"))
            raise WorkerCrashed

    with pytest.raises(WorkerCrashed):
        crash_mid_block()
    assert storage.get(dropped).version == 2
    assert storage.get(dropped).next_deadline is not None


def test_a_failed_save_inside_a_block_leaves_the_block_usable(storage: PostgresStorage) -> None:
    case_id = stored_case(storage, 1).id
    with storage.claim_due(T0 + timedelta(hours=1), limit=1) as (case,):
        storage.save(case, note(case, "first"))
        broken = case.copy()
        (event,) = note(broken, "twice")
        with pytest.raises(psycopg.errors.UniqueViolation):
            storage.save(broken, [event, event])  # the same seq twice: the database refuses
        storage.save(case, note(case, "second"))
    texts = [e.data["text"] for e in storage.events(case_id) if e.kind == "noted"]
    assert texts == ["first", "second"]


# --- save_many: a tick's batch -------------------------------------------------------------


def test_save_many_writes_every_case_of_the_batch(storage: PostgresStorage) -> None:
    cases = [stored_case(storage, n) for n in range(3)]
    for case in cases:
        case.next_deadline = None
    storage.save_many([(case, note(case, f"batch {case.id}")) for case in cases])
    for case in cases:
        stored = storage.get(case.id)
        assert stored.to_json() == case.to_json()
        assert stored.next_deadline is None
        assert [e.kind for e in storage.events(case.id)] == ["opened", "fields_set", "noted"]
    storage.save_many([])  # nothing to do is fine
    cases[0].owner = "li.na"
    storage.save_many([(cases[0], [])])  # fields only, no events
    assert storage.get(cases[0].id).owner == "li.na"


def test_a_stale_case_in_save_many_undoes_the_whole_batch(storage: PostgresStorage) -> None:
    fresh, stale = stored_case(storage, 1), stored_case(storage, 2)
    moved_on = storage.get(stale.id)
    storage.save(moved_on, note(moved_on, "someone else first"))
    with storage.claim_due(T0 + timedelta(hours=1), limit=10) as due:
        assert len(due) == 2
        with pytest.raises(Conflict) as raised:
            storage.save_many([(fresh, note(fresh, "lost")), (stale, note(stale, "stale"))])
        assert (raised.value.case_id, raised.value.expected, raised.value.actual) == (
            stale.id,
            2,
            3,
        )
        assert storage.get(fresh.id).version == 2  # the batch is undone, the block usable
    assert [e.kind for e in storage.events(fresh.id)] == ["opened", "fields_set"]
    assert storage.get(stale.id).version == 3


def test_save_many_with_one_case_twice_saves_in_order_or_not_at_all(
    storage: PostgresStorage,
) -> None:
    case, stale = stored_case(storage, 1), stored_case(storage, 2)
    moved_on = storage.get(stale.id)
    storage.save(moved_on, note(moved_on, "someone else first"))
    first = note(case, "first")
    snapshot = case.copy()
    second = note(case, "second")
    with pytest.raises(Conflict):
        storage.save_many([(snapshot, first), (case, second), (stale, note(stale, "stale"))])
    assert storage.get(case.id).version == 2  # outside a claim too: all or nothing
    storage.save_many([(snapshot, first), (case, second)])
    assert [e.data["text"] for e in storage.events(case.id) if e.kind == "noted"] == [
        "first",
        "second",
    ]


# --- compensation_total: per-customer caps -------------------------------------------------


@attrs.frozen
class CompensatingPolicy(EmptyPolicy):
    compensation: CompensationPolicy | None = None


def test_compensation_total_in_sql_agrees_with_reading_every_case(
    storage: PostgresStorage,
) -> None:
    section = {
        "currency": "CNY",
        "rules": [
            {
                "id": "goodwill",
                "when": {"field": "voucher", "exists": True},
                "remedies": [{"kind": "voucher", "amount": {"percent": 100, "of": "voucher"}}],
            }
        ],
        "caps": [{"limit": 500, "days": 90}],
    }
    clock = ManualClock(T0)
    desk = Desk(
        CompensatingPolicy(compensation=compile_section(section)), storage=storage, clock=clock
    )
    for n, customer in enumerate(["c-1", "c-1", "c-1", "c-2"]):
        case = desk.intake(
            {
                "channel": "web",
                "external_id": f"comp-{n}",
                "received_at": T0.isoformat(),
                "customer": {"id": customer},
                "text": "late",
            }
        )
        desk.propose_compensation(case.id, {"voucher": Money("120", "CNY")}, actor="li.na")
        desk.offer_compensation(case.id, "comp-1", actor="li.na")
        if n == 1:
            desk.decline_compensation(case.id, "comp-1", actor="customer")
        clock.advance(timedelta(days=10))
    for customer, since, currency, kinds in [
        ("c-1", T0 - timedelta(days=90), "CNY", None),
        ("c-1", T0 + timedelta(days=5), "CNY", None),
        ("c-1", T0 - timedelta(days=90), "CNY", ["voucher"]),
        ("c-1", T0 - timedelta(days=90), "CNY", ["cash"]),
        ("c-1", T0 - timedelta(days=90), "USD", None),
        ("c-3", T0 - timedelta(days=90), "CNY", None),
    ]:
        total = storage.compensation_total(customer, since, currency, kinds)
        assert total == Storage.compensation_total(storage, customer, since, currency, kinds)
    assert storage.compensation_total("c-1", T0 - timedelta(days=90), "CNY") == Money(
        "240.00", "CNY"
    )


def test_a_server_refusing_connections_fails_at_once_without_pool_retries(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with socket.socket() as probe:  # a loopback port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql://ck:s3cret@127.0.0.1:{port}/test?pool_timeout=30"
    with caplog.at_level(logging.DEBUG), pytest.raises(StorageError) as failed:
        PostgresStorage(url)
    assert f"127.0.0.1:{port}/test" in str(failed.value)
    assert "s3cret" not in str(failed.value)
    assert not [r for r in caplog.records if r.name.startswith("psycopg.pool")]
