"""An outbox row whose instant was edited by raw SQL to what no Python instant holds:
psycopg's DataError failed the whole listing, and a ``-infinity`` due time the delivery pass."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import psycopg
import pytest
from complaintkit_postgres import PostgresStorage
from psycopg import sql

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker, Outgoing
from complaintkit.model.message import Message

AT = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


class Keeping:
    def __init__(self) -> None:
        self.sent: list[str] = []

    def send(self, message: Message) -> None:
        self.sent.append(message.delivery_id)


def message(case_id: str) -> Outgoing:
    sent = Message(to="sam@example.com", subject="s", body="b", case_id=case_id)
    return Outgoing.message("mail", sent, AT)


@pytest.mark.parametrize("column", ["created_at", "next_attempt_at"])
@pytest.mark.parametrize(
    "kept", ["infinity", "-infinity", "0044-03-15 00:00+00 BC", "12000-01-01 00:00+00", None]
)
def test_a_delivery_whose_instant_python_cannot_hold_lists_unknown_and_is_named(
    postgres_url: str,
    postgres_server_url: str,
    column: str,
    kept: str | None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    if kept is None and column == "created_at":
        pytest.skip("created_at is NOT NULL")
    with PostgresStorage(postgres_url) as storage:
        storage.enqueue([message("CK-1"), message("CK-2")])
        damaged, sound = storage.deliveries()
        with psycopg.connect(postgres_server_url, autocommit=True) as conn:
            conn.execute(
                sql.SQL("UPDATE {}.outbox SET {} = %s WHERE position = %s").format(
                    sql.Identifier(storage.options.schema), sql.Identifier(column)
                ),
                (kept, damaged.position),
            )
        listed = storage.deliveries()
        assert [d.outgoing.delivery_id for d in listed] == [
            damaged.outgoing.delivery_id,
            sound.outgoing.delivery_id,
        ]
        unknown = listed[0].to_json()
        assert unknown[column] is None
        assert listed[1] == sound
        keeping = Keeping()
        worker = DeliveryWorker(storage, {"mail": keeping}, ManualClock(AT))
        undated = column == "next_attempt_at"
        for _ in range(2):  # named on every pass, never sent nor dropped
            caplog.clear()
            with caplog.at_level(logging.WARNING):
                worker.run_once()
            assert (damaged.outgoing.delivery_id in caplog.text) is undated
        expected = (
            [sound.outgoing.delivery_id]
            if undated
            else [damaged.outgoing.delivery_id, sound.outgoing.delivery_id]
        )
        assert keeping.sent == expected
        assert [d.state for d in storage.deliveries()] == (
            ["pending", "delivered"] if undated else ["delivered", "delivered"]
        )


@pytest.mark.parametrize("kept", ["infinity", "-infinity", "0044-03-15 00:00+00 BC"])
def test_a_finished_delivery_whose_due_time_is_no_instant_is_told_from_one_without(
    postgres_url: str, postgres_server_url: str, kept: str
) -> None:
    """A delivered or dead row has no due time (NULL); one edited to what is no instant was
    read as that same None, and listed as if nothing were wrong with it."""
    with PostgresStorage(postgres_url) as storage:
        storage.enqueue([message("CK-1"), message("CK-2")])
        damaged, sound = storage.deliveries()
        with psycopg.connect(postgres_server_url, autocommit=True) as conn:
            for position, due in ((damaged.position, kept), (sound.position, None)):
                conn.execute(
                    sql.SQL(
                        "UPDATE {}.outbox SET state = 'dead', next_attempt_at = %s "
                        "WHERE position = %s"
                    ).format(sql.Identifier(storage.options.schema)),
                    (due, position),
                )
        listed = storage.deliveries()
        assert [(d.next_attempt_at, d.due_damaged) for d in listed] == [(None, True), (None, False)]
