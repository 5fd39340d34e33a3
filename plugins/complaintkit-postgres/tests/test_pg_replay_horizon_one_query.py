"""``replay`` on PostgreSQL without ``--at`` found where the history ends by asking the
server for each case's row in turn: two round trips a case, 10,000 on a store of 5,000
cases, before the replay itself began. Counted, never timed: the statements a replay sends
do not grow with the cases, and the horizon and the damaged cases it names are those the
case-by-case read gives."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
import pytest
from complaintkit_postgres import PostgresStorage
from pg_tampered import tampering

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import Plugins
from complaintkit.replay import replay_store
from complaintkit.replay.histories import history_end
from complaintkit.reports.scope import Scope

pytestmark = pytest.mark.postgres

START = datetime(2026, 11, 2, 1, tzinfo=UTC)


def _take_in(desk: Desk, clock: ManualClock, first: int, count: int) -> list[str]:
    ids = []
    for n in range(first, first + count):
        case = desk.intake(
            {
                "channel": "web",
                "external_id": f"H{n}",
                "received_at": clock.now().isoformat(),
                "customer": {"id": f"顾客{n}"},
                "text": f"快递三天没到 {n}",
            }
        )
        clock.advance(timedelta(hours=1))
        ids.append(case.id)
    return ids


@pytest.fixture
def statements(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A one-item list counting the statements sent through psycopg's cursors."""
    sent = [0]
    for cursor in (psycopg.Cursor, psycopg.ServerCursor):
        original = cursor.execute

        def counted(self: Any, *args: Any, _original: Any = original, **kwargs: Any) -> Any:
            sent[0] += 1
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(cursor, "execute", counted)
    return sent


@pytest.mark.parametrize("one_case", [False, True], ids=["store", "--case"])
def test_a_replay_sends_as_many_statements_for_many_cases_as_for_few(
    postgres_url: str, statements: list[int], one_case: bool
) -> None:
    clock = ManualClock(START)
    with PostgresStorage(postgres_url) as storage:
        desk = Desk(storage=storage, clock=clock)
        sent: list[int] = []
        for count in (2, 12):
            ids = _take_in(desk, clock, len(sent) * 100, count)
            statements[0] = 0
            result = replay_store(
                storage, desk.policy, Plugins(), case_id=ids[0] if one_case else None
            )
            sent.append(statements[0])
            assert result.damaged == []
    assert sent[0] == sent[1]


class _CaseByCase:
    """The store through the ``Storage`` methods alone, as a backend without a query of
    its own is read."""

    def __init__(self, storage: PostgresStorage) -> None:
        self._storage = storage

    def case_ids(self) -> Iterator[str]:
        return self._storage.case_ids()

    def get(self, case_id: str) -> Case:
        return self._storage.get(case_id)

    def events(self, case_id: str) -> list[CaseEvent]:
        return self._storage.events(case_id)


_LOST_STATUS = """UPDATE cases SET body = jsonb_set(body, '{status}', '"丢失"') WHERE id = %s"""
_NO_UPDATED_AT = "UPDATE cases SET body = body - 'updated_at' WHERE id = %s"
#: Which case (by its number) is damaged how: rows, then rows whose events are damaged too
#: (whose opening the events cannot say), on both sides of the scopes' bound.
_DAMAGE = (
    (0, _LOST_STATUS),
    (1, _NO_UPDATED_AT),
    (4, _LOST_STATUS),
    (4, """UPDATE events SET body = '{"kind": "opened"}'::jsonb WHERE case_id = %s"""),
    (5, _NO_UPDATED_AT),
    (5, "DELETE FROM events WHERE case_id = %s"),
    (6, _LOST_STATUS),
)


@pytest.mark.parametrize(
    "scope",
    [Scope(), Scope(since=START + timedelta(hours=3)), Scope(until=START + timedelta(hours=3))],
    ids=["all", "since", "until"],
)
def test_the_horizon_and_damaged_rows_are_those_read_case_by_case(
    postgres_url: str, scope: Scope
) -> None:
    clock = ManualClock(START)
    with PostgresStorage(postgres_url) as storage:
        desk = Desk(storage=storage, clock=clock)
        ids = _take_in(desk, clock, 0, 8)
        desk.respond(ids[7], "您好\uff0c我们已收到您的投诉", actor="li.na")
        with tampering(storage) as conn:
            conn.execute("ALTER TABLE events DROP CONSTRAINT events_case_id_fkey")
            for n, damage in _DAMAGE:
                conn.execute(damage, (ids[n],))
        ours = history_end(storage, scope)
        theirs = history_end(_CaseByCase(storage), scope)  # type: ignore[arg-type]
        latest = storage.get(ids[7]).updated_at
    assert ours[0] == theirs[0] == latest
    assert [(d.case_id, str(d.error)) for d in ours[1]] == [
        (d.case_id, str(d.error)) for d in theirs[1]
    ]
    assert ours[1]
