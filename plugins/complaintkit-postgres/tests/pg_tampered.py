"""A PostgreSQL store damaged by hand, for the replay tests (as tests/replay/answered_cases.py
is on SQLite): complaints taken in, one customer each, then SQL run behind complaintkit's
back on a connection of its own (a row deleted, events copied, a column edited)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import psycopg
from complaintkit_postgres import PostgresStorage

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk

RECEIVED = datetime(2026, 11, 23, 9, tzinfo=UTC)


def taken_in(
    desk: Desk, count: int, keys: str = "PG", text: str = "投诉", customer: str | None = None
) -> list[str]:
    """Take ``count`` complaints in at ``desk`` (keys ``keys`` + its number, customer
    ``顾客`` + its number or all ``customer``, text ``text`` + its number), a minute apart
    from ``RECEIVED``; the case ids, in that order."""
    return [
        desk.intake(
            {
                "channel": "web",
                "external_id": f"{keys}{n}",
                "received_at": RECEIVED.replace(minute=n).isoformat(),
                "customer": {"id": customer or f"顾客{n}"},
                "text": f"{text} {n}",
            }
        ).id
        for n in range(count)
    ]


def noted_case(desk: Desk, *notes: str) -> str:
    """The id of a case of spoiled milk taken in at ``desk`` at ``RECEIVED``, then given
    ``notes`` by li.na in turn: the history the ``cases show`` and ``export`` tests edit."""
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "W1",
            "received_at": RECEIVED.isoformat(),
            "customer": {"id": "C1"},
            "text": "The milk was spoiled",
        }
    )
    for note in notes:
        desk.note(case.id, note, actor="li.na")
    return case.id


def late_deliveries(desk: Desk, clock: ManualClock, step: Callable[[str], object]) -> list[str]:
    """Two complaints of a late delivery (keys D1 and D2, customers C1 and C2) taken in an
    hour apart on ``clock``, each then given ``step`` (an answer, an offer); the case ids."""
    ids = []
    for n in (1, 2):
        case = desk.intake(
            {
                "channel": "web",
                "external_id": f"D{n}",
                "received_at": clock.now().isoformat(),
                "customer": {"id": f"C{n}"},
                "text": "配送延误了三个小时 the delivery was late",
            }
        )
        clock.advance(timedelta(hours=1))
        step(case.id)
        ids.append(case.id)
    return ids


def offered_to_a_repeat_customer(desk: Desk, clock: ManualClock) -> list[str]:
    """Three late parcels of one customer (回头客), an hour apart from ``clock``'s now, each
    offered the compensation ``desk``'s policy proposes (under tests/fixtures'
    customer_history.yaml: 40, 40, then the 20 left under the cap); the case ids."""
    ids = []
    for n in range(3):
        case = desk.intake(
            {
                "channel": "web",
                "external_id": f"late-{n}",
                "received_at": clock.now().isoformat(),
                "customer": {"id": "回头客"},
                "text": "parcel is late",
                "amount": {"amount": "80.00", "currency": "CNY"},
            }
        )
        proposed = desk.propose_compensation(case.id, actor="ann").compensation[-1]
        desk.offer_compensation(case.id, proposed["id"], actor="ann")
        clock.advance(timedelta(hours=1))
        ids.append(case.id)
    return ids


@contextmanager
def tampering(storage: PostgresStorage) -> Iterator[psycopg.Connection[tuple[object, ...]]]:
    """A connection of its own to the store's schema, each statement committed as run:
    what someone editing the tables by hand would do."""
    with psycopg.connect(
        storage.options.conninfo, options=storage.options.server_options, autocommit=True
    ) as conn:
        yield conn
