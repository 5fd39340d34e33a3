"""What a store keeping agents' step answers (``Storage.claim_step_key``) must do, for any
backend's tests to run: a step sent with an ``Idempotency-Key`` is recorded once, however
often it is sent again, by however many ``serve`` processes, restarted or not, while its
answer is kept (``api.step_retries.KEPT_FOR``).

``open_store`` opens the store under test anew at each call, as a restarted server does;
each ``Served`` is one server on it (a Desk and its app), requests are sent to its app
in-process. The checks count the events each step records in the store. Needs the
``server`` extra and ``httpx``.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs
import httpx
from hypothesis import strategies as st

from complaintkit.api.app import create_app
from complaintkit.api.step_retries import KEPT_FOR
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.storage.base import Storage
from complaintkit.testing.storage_contract import make_complaint

AGENT = "agent-token-0123456789"
KEY = "Idempotency-Key"
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

OpenStore = Callable[[], Storage]


@attrs.define
class Served:
    """One ``complaintkit serve`` on the store: its storage, Desk and app, served on an
    event loop of its own, as a server runs one (the app's locks belong to that loop)."""

    storage: Storage
    desk: Desk
    app: Any
    loop: asyncio.AbstractEventLoop = attrs.field(factory=asyncio.new_event_loop)
    thread: threading.Thread | None = None

    def __attrs_post_init__(self) -> None:
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def post(self, path: str, body: Mapping[str, Any], key: str) -> httpx.Response:
        headers = {"Authorization": f"Bearer {AGENT}", KEY: key}
        sent = asyncio.run_coroutine_threadsafe(_post(self.app, path, body, headers), self.loop)
        return sent.result()

    def recorded(self, case_id: str, kind: str) -> int:
        """How many events of ``kind`` the case's stored history holds."""
        return sum(event.kind == kind for event in self.storage.events(case_id))

    def stop(self) -> None:
        """Stop serving and close the store, as a server's process ends."""
        self.loop.call_soon_threadsafe(self.loop.stop)
        if self.thread is not None:
            self.thread.join()
        self.loop.close()
        self.storage.close()


async def _post(
    app: Any, path: str, body: Mapping[str, Any], headers: Mapping[str, str]
) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://ck") as client:
        return await client.post(path, json=body, headers=headers)


def serve(open_store: OpenStore, clock: ManualClock) -> Served:
    """A server on the store, as ``serve`` starts one."""
    storage = open_store()
    desk = Desk(storage=storage, clock=clock)
    return Served(storage, desk, create_app(desk, agent_tokens={AGENT: "li.na"}))


def opened_case(served: Served, external_id: str) -> str:
    return served.desk.intake(make_complaint(external_id)).id


def check_a_retry_after_a_restart_gets_the_first_answer(open_store: OpenStore) -> None:
    clock = ManualClock(T0)
    first = serve(open_store, clock)
    case_id = opened_case(first, "KEPT-1")
    sent = first.post(f"/cases/{case_id}/respond", {"message": "on it"}, "k-restart")
    assert sent.status_code == 200, sent.text
    first.stop()
    clock.advance(timedelta(minutes=5))
    again = serve(open_store, clock)
    retried = again.post(f"/cases/{case_id}/respond", {"message": "on it"}, "k-restart")
    assert retried.status_code == 200, retried.text
    assert retried.text == sent.text
    assert retried.headers["Idempotent-Replayed"] == "true"
    assert again.recorded(case_id, "responded") == 1
    again.stop()


def check_the_key_of_another_body_is_refused(open_store: OpenStore) -> None:
    clock = ManualClock(T0)
    first = serve(open_store, clock)
    case_id = opened_case(first, "KEPT-2")
    assert first.post(f"/cases/{case_id}/note", {"text": "a"}, "k-body").status_code == 200
    first.stop()
    again = serve(open_store, clock)
    version = again.desk.get(case_id).version
    refused = again.post(f"/cases/{case_id}/note", {"text": "b"}, "k-body")
    assert refused.status_code == 409, refused.text
    assert refused.json()["field"] == KEY
    assert "'k-body'" in refused.json()["error"]
    assert again.desk.get(case_id).version == version
    assert again.recorded(case_id, "noted") == 1
    again.stop()


def check_an_expired_key_acts_again(open_store: OpenStore) -> None:
    clock = ManualClock(T0)
    first = serve(open_store, clock)
    case_id = opened_case(first, "KEPT-3")
    assert first.post(f"/cases/{case_id}/note", {"text": "a"}, "k-old").status_code == 200
    first.stop()
    clock.advance(KEPT_FOR)  # kept for a day to the second
    again = serve(open_store, clock)
    kept = again.post(f"/cases/{case_id}/note", {"text": "a"}, "k-old")
    assert kept.headers.get("Idempotent-Replayed") == "true"
    clock.advance(timedelta(seconds=1))
    expired = again.post(f"/cases/{case_id}/note", {"text": "a"}, "k-old")
    assert expired.status_code == 200, expired.text
    assert "Idempotent-Replayed" not in expired.headers
    assert again.recorded(case_id, "noted") == 2
    reused = again.post(f"/cases/{case_id}/note", {"text": "a"}, "k-old")  # kept anew
    assert reused.headers.get("Idempotent-Replayed") == "true"
    assert reused.text == expired.text
    again.stop()


def check_servers_sent_a_key_at_once_record_it_once(open_store: OpenStore) -> None:
    """Two servers on the store, each sent the key four times at once: one step."""
    clock = ManualClock(T0)
    servers = [serve(open_store, clock), serve(open_store, clock)]
    case_id = opened_case(servers[0], "KEPT-4")

    def send(number: int) -> httpx.Response:
        return servers[number % 2].post(f"/cases/{case_id}/note", {"text": "x"}, "k-race")

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(send, range(8)))
    assert {answer.status_code for answer in answers} == {200}
    assert len({answer.text for answer in answers}) == 1
    assert servers[1].recorded(case_id, "noted") == 1
    for served in servers:
        served.stop()


#: One step of a run: ("send", server, key, text), ("restart", server), ("wait", seconds).
Move = tuple[Any, ...]


def moves() -> st.SearchStrategy[list[Move]]:
    """Runs of sends to two servers, restarts and waits around ``KEPT_FOR``."""
    send = st.tuples(
        st.just("send"), st.integers(0, 1), st.sampled_from("abc"), st.sampled_from("xy")
    )
    restart = st.tuples(st.just("restart"), st.integers(0, 1))
    seconds = [1, 3600, int(KEPT_FOR.total_seconds()) - 1, int(KEPT_FOR.total_seconds())]
    wait = st.tuples(st.just("wait"), st.sampled_from(seconds))
    return st.lists(st.one_of(send, send, restart, wait), min_size=1, max_size=12)


def check_a_run_of_sends_and_restarts(open_store: OpenStore, moves: list[Move]) -> None:
    """Whatever servers send, restart and the clock does, each key (with the body it was
    first sent with) is recorded at most once within ``KEPT_FOR`` of its recording, a body
    sent again under a kept key is refused, and a retry gets the first answer."""
    clock = ManualClock(T0)
    servers = [serve(open_store, clock), serve(open_store, clock)]
    run = uuid.uuid4().hex  # one store may serve many runs: their keys are their own
    case_id = opened_case(servers[0], f"KEPT-RUN-{run}")
    kept: dict[str, tuple[str, str, datetime]] = {}  # key: text, answer, recorded at
    recorded = 0
    for move in moves:
        if move[0] == "restart":
            servers[move[1]].stop()
            servers[move[1]] = serve(open_store, clock)
        elif move[0] == "wait":
            clock.advance(timedelta(seconds=move[1]))
        else:
            _, number, sent_key, text = move
            key = f"{run}-{sent_key}"
            answer = servers[number].post(f"/cases/{case_id}/note", {"text": text}, key)
            first = kept.get(key)
            if first is not None and clock.now() - first[2] <= KEPT_FOR:
                if first[0] == text:
                    assert (answer.status_code, answer.text) == (200, first[1])
                else:
                    assert answer.status_code == 409, answer.text
                continue
            assert answer.status_code == 200, answer.text
            kept[key] = (text, answer.text, clock.now())
            recorded += 1
    assert servers[0].recorded(case_id, "noted") == recorded
    for served in servers:
        served.stop()
