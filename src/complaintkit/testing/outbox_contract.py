"""The outbox and event-feed half of the storage contract (``StorageContract`` includes it).

A change and what it must send commit together; one worker at a time holds the outbox;
every attempt is recorded; a delivery that gives up is a dead letter; ``events_since``
pages through every event once, in commit order.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from complaintkit.delivery.outgoing import Attempt, Outgoing, State
from complaintkit.desk import Desk
from complaintkit.model.message import Message
from complaintkit.storage.base import Storage

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def outgoing(case_id: str, n: int, at: datetime = T0) -> Outgoing:
    message = Message(to=f"c{n}@example.com", subject=f"s{n}", body="正文", case_id=case_id)
    return Outgoing.message("mail", message, at)


class OutboxContract:
    """Behaviour of ``transaction``, the outbox methods and ``events_since``."""

    def test_enqueued_deliveries_are_due_in_order(self, storage: Storage) -> None:
        items = [outgoing("CK-1", n, T0 + timedelta(seconds=n)) for n in range(3)]
        storage.enqueue(items)
        due = storage.due_deliveries(T0 + timedelta(seconds=1), limit=10)
        assert [d.outgoing for d in due] == items[:2]
        assert [d.state for d in due] == ["pending", "pending"]
        assert due[0].outgoing.as_message().delivery_id == items[0].delivery_id

    def test_deliveries_are_due_in_real_time_order_through_a_repeated_hour(
        self, storage: Storage
    ) -> None:
        """A clock reading in New York stamps 01:50 EDT, then 01:10 EST twenty minutes
        later: both are due at 01:20 EST, the 01:50 one first. Python compares datetimes
        of one zone on their wall clocks, and would have the EDT one wait an hour."""
        new_york = ZoneInfo("America/New_York")
        first = datetime(2026, 11, 1, 1, 50, tzinfo=new_york)
        second = datetime(2026, 11, 1, 1, 10, fold=1, tzinfo=new_york)
        items = [outgoing("CK-1", 1, second), outgoing("CK-1", 2, first)]
        storage.enqueue(items)
        now = datetime(2026, 11, 1, 1, 20, fold=1, tzinfo=new_york)
        due = [d.outgoing.delivery_id for d in storage.due_deliveries(now, 10)]
        assert due == [item.delivery_id for item in items[::-1]]

    def test_attempts_are_recorded_and_the_last_is_a_dead_letter(self, storage: Storage) -> None:
        storage.enqueue([outgoing("CK-1", n) for n in range(3)])
        first, second, third = storage.due_deliveries(T0, limit=10)
        later = T0 + timedelta(minutes=5)
        storage.record_attempts(
            [
                (first, Attempt(T0)),
                (second, Attempt(T0, "HTTP 503", retry_at=later)),
                (third, Attempt(T0, "gave up: HTTP 404")),
            ]
        )
        assert [d.outgoing for d in storage.due_deliveries(later, 10)] == [second.outgoing]
        assert storage.due_deliveries(T0, 10) == []
        states = [(d.state, d.attempts, d.last_error) for d in storage.deliveries()]
        assert states == [
            ("delivered", 1, ""),
            ("pending", 1, "HTTP 503"),
            ("dead", 1, "gave up: HTTP 404"),
        ]
        (letter,) = storage.dead_letters()
        source = f"notify:mail:{third.outgoing.delivery_id}"
        assert (letter.source, letter.reason) == (source, "gave up: HTTP 404")
        assert b"c2@example.com" in letter.raw

    def test_a_delivery_put_off_untried_uses_no_attempt(self, storage: Storage) -> None:
        storage.enqueue([outgoing("CK-1", 1)])
        (delivery,) = storage.due_deliveries(T0, limit=10)
        later = T0 + timedelta(minutes=5)
        storage.record_attempts([(delivery, Attempt(T0, "not tried", later, tried=False))])
        (put_off,) = storage.due_deliveries(later, 10)
        assert (put_off.state, put_off.attempts, put_off.last_error) == ("pending", 0, "not tried")
        storage.record_attempts([(put_off, Attempt(later, "HTTP 503", later))])
        assert [d.attempts for d in storage.deliveries()] == [1]

    def test_each_dead_delivery_is_a_dead_letter_naming_it(self, storage: Storage) -> None:
        """Two deliveries of one message that give up alike are two letters, each naming
        the delivery to requeue."""
        twins = [outgoing("CK-1", 1), outgoing("CK-1", 1)]
        storage.enqueue(twins)
        storage.record_attempts(
            [(d, Attempt(T0, "gave up: 550")) for d in storage.due_deliveries(T0, 10)]
        )
        sources = [letter.source for letter in storage.dead_letters()]
        assert sources == [f"notify:mail:{twin.delivery_id}" for twin in twins]

    def test_dead_deliveries_are_requeued_by_id_or_notifier(self, storage: Storage) -> None:
        mail = [outgoing("CK-1", n) for n in range(3)]
        hook = Outgoing.message("hook", mail[0].as_message(), T0)
        storage.enqueue([*mail, hook])
        first, second, third, fourth = storage.due_deliveries(T0, limit=10)
        gave_up = Attempt(T0, "gave up: 550 no such user")
        storage.record_attempts(
            [(first, gave_up), (second, gave_up), (third, Attempt(T0)), (fourth, gave_up)]
        )
        later = T0 + timedelta(hours=1)
        ids = [item.delivery_id for item in mail]
        assert storage.requeue_dead([ids[0], ids[2], "no-such-id"], None, later) == 1
        assert storage.requeue_dead(None, "mail", later) == 1  # the other dead mail
        assert storage.requeue_dead(None, "mail", later) == 0
        due = storage.due_deliveries(later, 10)
        assert [d.outgoing for d in due] == mail[:2]
        assert [(d.state, d.attempts, d.next_attempt_at) for d in due] == [
            ("pending", 0, later),
            ("pending", 0, later),
        ]
        assert [d.outgoing for d in storage.deliveries("dead")] == [hook]
        assert storage.requeue_dead(None, None, later) == 1
        assert storage.deliveries("dead") == []

    def test_a_requeued_delivery_given_up_again_keeps_its_one_letter(
        self, storage: Storage
    ) -> None:
        """Its letter names the cause that holds now, with the retry counted: a second
        letter would count one message refused twice, its first reason stale."""
        storage.enqueue([outgoing("CK-1", 1)])
        (delivery,) = storage.due_deliveries(T0, 10)
        storage.record_attempts([(delivery, Attempt(T0, "gave up: 552 mailbox full"))])
        (first,) = storage.dead_letters()
        later = T0 + timedelta(hours=1)
        assert storage.requeue_dead(None, None, later) == 1
        (again,) = storage.due_deliveries(later, 10)
        storage.record_attempts([(again, Attempt(later, "gave up: 550 no such user"))])
        (letter,) = storage.dead_letters()
        assert (letter.id, letter.source, letter.raw) == (first.id, first.source, first.raw)
        assert (letter.reason, letter.retries) == ("gave up: 550 no such user", 1)
        assert letter.last_retry_at == later

    def test_a_requeued_delivery_delivered_at_last_leaves_no_letter(self, storage: Storage) -> None:
        """A message delivered is no refused input: its letter would be counted as refused
        until someone thought to purge it. Other letters stay."""
        storage.enqueue([outgoing("CK-1", 1), outgoing("CK-1", 2)])
        storage.record_attempts(
            [(d, Attempt(T0, "gave up: 552 mailbox full")) for d in storage.due_deliveries(T0, 10)]
        )
        storage.dead_letter("jsonl:in.jsonl:3", b"{", "line: is not JSON", T0)
        first, second = storage.deliveries("dead")
        later = T0 + timedelta(hours=1)
        assert storage.requeue_dead([first.outgoing.delivery_id], None, later) == 1
        (again,) = storage.due_deliveries(later, 10)
        storage.record_attempts([(again, Attempt(later))])
        kept = [letter.source for letter in storage.dead_letters()]
        assert kept == [second.outgoing.dead_letter_source, "jsonl:in.jsonl:3"]

    def test_deliveries_are_listed_by_state_and_case(self, storage: Storage) -> None:
        items = [outgoing(case_id, n) for n, case_id in enumerate(["CK-1", "CK-2", "CK-1"])]
        storage.enqueue(items)
        first, *_ = storage.due_deliveries(T0, limit=10)
        storage.record_attempts([(first, Attempt(T0))])

        def listed(state: State | None = None, case_id: str | None = None) -> list[str]:
            return [d.outgoing.delivery_id for d in storage.deliveries(state, case_id)]

        ids = [item.delivery_id for item in items]
        assert listed() == ids
        assert listed(case_id="CK-1") == [ids[0], ids[2]]
        assert listed(state="pending") == ids[1:]
        assert listed(state="pending", case_id="CK-1") == [ids[2]]
        assert listed(state="delivered", case_id="CK-2") == []

    def test_a_delivery_is_found_by_its_id_in_any_state(self, storage: Storage) -> None:
        """What a customer's e-mail reply names (its In-Reply-To): the letter, and so its
        case; an id no delivery has, or no stored text could be, finds none."""
        items = [outgoing("CK-1", 1), outgoing("CK-2", 2)]
        storage.enqueue(items)
        first, _ = storage.due_deliveries(T0, limit=10)
        storage.record_attempts([(first, Attempt(T0))])
        found = [storage.delivery(item.delivery_id) for item in items]
        assert [(d.outgoing, d.state) for d in found if d is not None] == [
            (items[0], "delivered"),
            (items[1], "pending"),
        ]
        assert [storage.delivery(i) for i in ("no-such-id", "", "a\x00b", "\udcff")] == [None] * 4

    def test_a_failed_transaction_keeps_neither_case_nor_outbox(self, storage: Storage) -> None:
        scratch = Desk(storage="memory:")
        made = scratch.intake(_complaint("a"))

        def crash_after_both_writes() -> None:
            with storage.transaction():
                storage.intake(made, scratch.history(made.id))
                storage.enqueue([outgoing(made.id, 1)])
                raise RuntimeError("crash before the commit")

        with pytest.raises(RuntimeError, match="crash before the commit"):
            crash_after_both_writes()
        assert list(storage.case_ids()) == []
        assert storage.deliveries() == []

    def test_one_holder_of_the_outbox_at_a_time(self, storage: Storage) -> None:
        with storage.hold_outbox() as first, storage.hold_outbox() as second:
            assert (first, second) == (True, False)
        with storage.hold_outbox() as again:
            assert again

    def test_events_since_pages_through_every_event_once(self, desk: Desk) -> None:
        cases = [desk.intake(_complaint(key)) for key in ("a", "b")]
        desk.note(cases[0].id, "later", actor="li")
        expected = [(e.case_id, e.seq) for c in cases for e in desk.history(c.id)]
        expected.remove((cases[0].id, len(desk.history(cases[0].id))))
        expected.append((cases[0].id, len(desk.history(cases[0].id))))
        seen, cursor = [], None
        while True:
            page = desk.storage.events_since(cursor, limit=2)
            if not page.events:
                break
            seen += [(e.case_id, e.seq) for e in page.events]
            cursor = page.cursor
        assert seen == expected
        desk.note(cases[1].id, "after the cursor", actor="li")
        (event,) = desk.storage.events_since(cursor, limit=10).events
        assert event.data == {"text": "after the cursor"}

    def test_acknowledgements_since_an_instant_are_read_in_real_time(
        self, storage: Storage
    ) -> None:
        """What the e-mail acknowledgement limit counts: the ``to`` of each message for a
        customer on ``opened`` queued at or after the instant, whatever zone stamped it."""
        shanghai = ZoneInfo("Asia/Shanghai")

        def said(n: int, at: datetime, role: str = "customer", event: str = "opened") -> Outgoing:
            message = Message(f"c{n}@example.com", "s", "b", role, "CK-1", event)
            return Outgoing.message("mail", message, at)

        storage.enqueue(
            [
                said(1, T0 - timedelta(minutes=61)),
                said(2, (T0 - timedelta(minutes=59)).astimezone(shanghai)),
                said(3, T0 - timedelta(hours=9), role="owner"),
                said(4, T0, event="responded"),
                said(5, T0.astimezone(shanghai)),
            ]
        )
        assert sorted(storage.acknowledged_since(T0 - timedelta(hours=1))) == [
            "c2@example.com",
            "c5@example.com",
        ]


def _complaint(key: str) -> dict[str, object]:
    return {
        "channel": "web",
        "external_id": key,
        "received_at": T0.isoformat(),
        "customer": {"id": "C1"},
        "text": "快递三天没到",
    }
