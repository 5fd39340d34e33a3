"""A retry waiting on its key (another ``serve`` runs the first request's step) does not
hold back the event feed: it waits before it has a transaction id, so ``GET /events``
shows every event committed before the first request began, answered at once, and after
it ends, that request's event and one committed while it ran. Only the first request's
own transaction, which may still write events, holds later commits back
(``complaintkit_postgres.feed``)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import psycopg
import pytest
from complaintkit_postgres import PostgresStorage

from complaintkit.clock import ManualClock
from complaintkit.testing import step_retry_contract as contract

pytestmark = pytest.mark.postgres


def _waiting_on_a_key(storage: PostgresStorage) -> list[tuple[Any, ...]]:
    """The sessions writing to this schema's ``step_answers`` that wait on another's
    transaction, and whether each has a transaction id of its own."""
    query = """
        SELECT w.pid, EXISTS (SELECT 1 FROM pg_locks o WHERE o.pid = w.pid
            AND o.locktype = 'transactionid' AND o.granted)
        FROM pg_locks w WHERE w.locktype = 'transactionid' AND NOT w.granted
            AND EXISTS (SELECT 1 FROM pg_locks r WHERE r.pid = w.pid
                AND r.relation = 'step_answers'::regclass)
    """
    options = storage.options
    with psycopg.connect(options.conninfo, options=options.server_options) as conn:
        return conn.execute(query).fetchall()


def _feed(served: contract.Served, after: str = "") -> dict[str, Any]:
    """``GET /events?after=`` on ``served``, as an agent."""

    async def get() -> httpx.Response:
        transport = httpx.ASGITransport(app=served.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://ck") as client:
            headers = {"Authorization": f"Bearer {contract.AGENT}"}
            return await client.get("/events", params={"after": after}, headers=headers)

    answer = asyncio.run_coroutine_threadsafe(get(), served.loop).result()
    assert answer.status_code == 200, answer.text
    page: dict[str, Any] = answer.json()
    return page


def _shown(page: dict[str, Any]) -> list[tuple[str, str]]:
    return sorted((event["case_id"], event["kind"]) for event in page["events"])


@pytest.fixture
def two_servers(postgres_url: str) -> Iterator[list[contract.Served]]:
    clock = ManualClock(contract.T0)
    servers = [contract.serve(lambda: PostgresStorage(postgres_url), clock) for _ in range(2)]
    yield servers
    for served in servers:
        served.stop()


def test_a_retry_waiting_on_its_key_does_not_hold_back_the_feed(
    two_servers: list[contract.Served],
) -> None:
    first, second = two_servers
    noted, other = contract.opened_case(first, "FEED-1"), contract.opened_case(first, "FEED-2")
    before = _shown(_feed(second))
    working, go_on = threading.Event(), threading.Event()
    note = first.desk.note

    def slow_note(*args: Any, **kwargs: Any) -> Any:
        working.set()
        go_on.wait()
        return note(*args, **kwargs)

    first.desk.note = slow_note  # type: ignore[method-assign]
    assert isinstance(first.storage, PostgresStorage)
    with ThreadPoolExecutor(2) as pool:
        sent = pool.submit(first.post, f"/cases/{noted}/note", {"text": "x"}, "k-feed")
        try:
            working.wait()
            retried = pool.submit(second.post, f"/cases/{noted}/note", {"text": "x"}, "k-feed")
            while not (waiting := _waiting_on_a_key(first.storage)):  # the retry is on the key
                assert not retried.done(), retried.result().text
            assert [has_id for _, has_id in waiting] == [False]
            second.desk.note(other, "meanwhile", actor="wang.wei")
            page = _feed(second)
            assert _shown(page) == before
        finally:
            go_on.set()  # a failed check must not leave the first request waiting
        assert sent.result().text == retried.result().text
    assert _shown(_feed(second, page["cursor"])) == sorted([(noted, "noted"), (other, "noted")])
