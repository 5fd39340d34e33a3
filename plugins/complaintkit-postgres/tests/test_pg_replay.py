"""``replay`` on PostgreSQL: the demo's day stored there, re-run under a tighter policy."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import LiteralString

import pytest
from complaintkit_postgres import PostgresStorage
from pg_tampered import tampering

from complaintkit.clock import ManualClock
from complaintkit.demo.script import demo_policy_path, load_day, play, ticks, timeline
from complaintkit.desk import Desk
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store
from complaintkit.replay.histories import DamagedCase
from complaintkit.reports.scope import Scope


def _play_demo_day(storage: PostgresStorage) -> None:
    day, policy = load_day(), load_policy(demo_policy_path())
    steps = timeline(day)
    clock = ManualClock(steps[0].at)
    desk = Desk(policy, storage=storage, clock=clock)
    for _ in play(desk, clock, steps):
        pass
    for _, at in ticks(day):
        clock.set(at)
        desk.tick(at)


def _snapshot(storage: PostgresStorage) -> list[object]:
    return [
        (storage.get(i).to_json(), [e.hash for e in storage.events(i)]) for i in storage.case_ids()
    ]


def test_replay_on_postgres_finds_the_breach_and_changes_nothing(
    postgres_url: str, tmp_path: Path
) -> None:
    text = demo_policy_path().read_text(encoding="utf-8")
    tight = tmp_path / "tight.yaml"
    tight.write_text(text.replace("    - first_response: 24h", "    - first_response: 1h"))
    with PostgresStorage(postgres_url) as storage:
        _play_demo_day(storage)
        before = _snapshot(storage)
        same = replay_store(storage, load_policy(demo_policy_path()), Plugins())
        tighter = replay_store(storage, load_policy(tight), Plugins())
        assert _snapshot(storage) == before
    assert (same.comparison.cases, same.comparison.changed) == (8, 0)
    (changed,) = tighter.comparison.listed
    assert "first_response breached" in changed.changes


def _by_case(histories: Iterator[list[CaseEvent] | DamagedCase]) -> dict[str, list[CaseEvent]]:
    """Each streamed history by its case, none of them damaged."""
    streamed: dict[str, list[CaseEvent]] = {}
    for history in histories:
        assert isinstance(history, list), history
        streamed[history[0].case_id] = history
    return streamed


def test_histories_stream_every_case_in_one_query_scoped_by_opening(postgres_url: str) -> None:
    with PostgresStorage(postgres_url) as storage:
        _play_demo_day(storage)
        stored = {i: storage.events(i) for i in storage.case_ids()}
        opened = {i: storage.get(i).opened_at for i in stored}
        streamed = _by_case(storage.histories())
        middle = sorted(opened.values())[len(opened) // 2]
        later = set(_by_case(storage.histories(since=middle)))
        earlier = set(_by_case(storage.histories(until=middle)))
    assert streamed == stored
    assert later == {i for i, at in opened.items() if at >= middle}
    assert earlier == {i for i, at in opened.items() if at < middle}


def _tamper(storage: PostgresStorage, statement: LiteralString, *params: object) -> None:
    with tampering(storage) as conn:
        conn.execute(statement, params)


@pytest.mark.parametrize(
    ("statement", "named"),
    [
        ("UPDATE events SET body = body - 'kind' WHERE case_id = %s AND seq = 2", "stored event 2"),
        (
            "UPDATE events SET body = jsonb_set(body, '{data}', '\"everything\"') "
            "WHERE case_id = %s AND seq = 2",
            "stored event 2",
        ),
        ("UPDATE cases SET body = body - 'status' WHERE id = %s", "is damaged"),
        (
            "UPDATE events SET body = jsonb_set(body, '{actor}', '\"someone.else\"') "
            "WHERE case_id = %s AND seq = 2",
            "stored event 2 is damaged: content was altered after it was recorded",
        ),
    ],
    ids=[
        "event without kind",
        "event data not an object",
        "case row without status",
        "event readable but edited",
    ],
)
def test_replay_on_postgres_names_a_damaged_record_and_compares_the_rest(
    postgres_url: str, statement: LiteralString, named: str
) -> None:
    with PostgresStorage(postgres_url) as storage:
        _play_demo_day(storage)
        victim = sorted(storage.case_ids())[0]
        _tamper(storage, statement, victim)
        result = replay_store(storage, load_policy(demo_policy_path()), Plugins())
    damaged = dict(result.damaged)
    assert f"case {victim}" in damaged[victim]
    assert named in damaged[victim]
    assert "audit verify" in damaged[victim]
    # another case of its customer reads it (for its customer's history): named with it
    assert all(f"case {victim}" in problem for problem in damaged.values())
    assert (result.comparison.cases + len(damaged), result.comparison.changed) == (8, 0)


def test_a_damaged_case_row_outside_the_time_range_asked_is_not_named(
    postgres_url: str,
) -> None:
    """As on SQLite: ``since`` keeps the cases opened from then on, so a case opened before
    is not replayed and its damaged row is none of this replay's business (``audit
    verify`` finds it); the others are compared."""
    with PostgresStorage(postgres_url) as storage:
        _play_demo_day(storage)
        cases = [storage.get(i) for i in storage.case_ids()]
        customers = [c.customer_id for c in cases]
        alone = sorted(  # read by no other case, for its customer's history
            (c for c in cases if customers.count(c.customer_id) == 1), key=lambda c: c.opened_at
        )
        victim = alone[0]
        since = victim.opened_at + timedelta(seconds=1)
        _tamper(storage, "UPDATE cases SET body = body - 'status' WHERE id = %s", victim.id)
        result = replay_store(storage, load_policy(demo_policy_path()), Plugins(), Scope(since))
    assert result.damaged == []
    assert result.comparison.cases == sum(c.opened_at >= since for c in cases) > 0
