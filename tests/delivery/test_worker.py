"""The delivery worker on a Desk: what changes enqueue is sent, retried, dead-lettered."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker, Outgoing
from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.desk import Desk
from complaintkit.errors import Conflict, Location
from complaintkit.hookspecs import Register, hookimpl
from complaintkit.model.events import CaseEvent
from complaintkit.notify.base import Message
from complaintkit.notify.policy import NotificationPolicy, compile_notifications
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.assessment import EmptyPolicy
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.sqlite import SQLiteStorage

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
TEMPLATES = {"ack": {"en": {"subject": "Got {case.id}", "body": "Dear {customer.name}"}}}


class Scripted:
    """Fails with the scripted exceptions, one per attempt, then succeeds; keeps what it sent."""

    failures: ClassVar[list[Exception]] = []
    sent: ClassVar[list[Message]] = []
    published: ClassVar[list[tuple[CaseEvent, str]]] = []

    def send(self, message: Message) -> None:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append(message)

    def publish(self, event: CaseEvent, delivery_id: str) -> None:
        if self.failures:
            raise self.failures.pop(0)
        self.published.append((event, delivery_id))


class ScriptedPlugin:
    @hookimpl
    def register_notifiers(self, register: Register) -> None:
        register("scripted", Scripted)


@attrs.frozen
class PolicyWithNotifications(EmptyPolicy):
    notifications: NotificationPolicy | None = None


def policy(**extra: Any) -> PolicyWithNotifications:
    section = {
        "notifiers": {"hook": {"type": "scripted"}},
        "rules": [{"on": "opened", "notify": ["customer"], "via": "hook", "template": "ack"}],
        "delivery": {"attempts": 3, "backoff": 60, "max_backoff": 3600},
        **extra,
    }
    compiled = compile_notifications(TEMPLATES, section, locate=lambda p: Location("p", path=p))
    return PolicyWithNotifications(notifications=compiled)


@pytest.fixture
def plugins() -> Plugins:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(ScriptedPlugin())
    Scripted.failures, Scripted.sent, Scripted.published = [], [], []
    return Plugins(pm)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


@pytest.fixture
def desk(plugins: Plugins, clock: ManualClock) -> Desk:
    return Desk(policy(), storage="memory:", clock=clock, plugins=plugins)


def complaint(key: str = "a") -> dict[str, Any]:
    return {
        "channel": "web",
        "external_id": key,
        "received_at": T0.isoformat(),
        "customer": {"id": "C1", "name": "Sam", "contact": "sam@example.com"},
        "text": "the parcel is late",
    }


def test_a_message_is_sent_once_with_its_delivery_id(desk: Desk) -> None:
    desk.intake(complaint())
    assert desk.deliver().delivered == 1
    assert desk.deliver().delivered == 0
    (message,) = Scripted.sent
    (delivery,) = desk.storage.deliveries("delivered")
    assert message.delivery_id == delivery.outgoing.delivery_id != ""


def test_a_failure_is_retried_after_the_backoff(desk: Desk, clock: ManualClock) -> None:
    Scripted.failures = [DeliveryFailed("HTTP 503")]
    desk.intake(complaint())
    assert desk.deliver().retrying == 1
    (pending,) = desk.storage.deliveries("pending")
    assert pending.next_attempt_at is not None
    assert T0 + timedelta(seconds=30) <= pending.next_attempt_at <= T0 + timedelta(seconds=60)
    assert desk.deliver().delivered == 0  # not due yet
    clock.set(pending.next_attempt_at)
    assert desk.deliver().delivered == 1
    assert [m.delivery_id for m in Scripted.sent] == [pending.outgoing.delivery_id]


def test_after_the_last_attempt_the_message_is_a_dead_letter(
    desk: Desk, clock: ManualClock
) -> None:
    Scripted.failures = [OSError("connection refused")] * 3
    desk.intake(complaint())
    for _ in range(3):
        desk.deliver()
        clock.advance(timedelta(hours=1))
    (dead,) = desk.storage.deliveries("dead")
    assert dead.attempts == 3
    (letter,) = desk.storage.dead_letters()
    assert letter.source == f"notify:hook:{dead.outgoing.delivery_id}"
    assert letter.reason == "gave up after 3 attempt(s): connection refused"
    assert b"sam@example.com" in letter.raw
    assert Scripted.sent == []


def test_a_final_failure_is_dead_at_once(desk: Desk) -> None:
    Scripted.failures = [DeliveryFailed("HTTP 404", final=True)]
    desk.intake(complaint())
    assert desk.deliver().dead == 1
    (letter,) = desk.storage.dead_letters()
    assert "HTTP 404" in letter.reason


def test_retry_after_sets_the_next_attempt(desk: Desk) -> None:
    Scripted.failures = [DeliveryFailed("HTTP 429", retry_after=timedelta(seconds=900))]
    desk.intake(complaint())
    desk.deliver()
    (pending,) = desk.storage.deliveries("pending")
    assert pending.next_attempt_at == T0 + timedelta(seconds=900)


def test_published_events_reach_the_publisher_each_with_its_own_id(
    plugins: Plugins, clock: ManualClock
) -> None:
    desk = Desk(policy(publish=["hook"]), storage="memory:", clock=clock, plugins=plugins)
    case = desk.intake(complaint())
    desk.note(case.id, "called the courier", actor="li")
    desk.deliver()
    published = [(e.case_id, e.seq) for e, _ in Scripted.published]
    assert published == [(e.case_id, e.seq) for e in desk.history(case.id)]
    assert len({delivery_id for _, delivery_id in Scripted.published}) == len(published)


def test_a_known_complaint_enqueues_nothing_again(desk: Desk) -> None:
    desk.intake(complaint())
    desk.intake(complaint())
    desk.intake_many([complaint(), complaint("b")])
    assert len(desk.storage.deliveries()) == 2


def test_a_conflicting_change_enqueues_nothing(plugins: Plugins, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(policy(), storage=url, clock=ManualClock(T0), plugins=plugins)
    case = desk.intake(complaint())
    other = Desk(policy(), storage=url, clock=ManualClock(T0), plugins=plugins)
    stale = desk.storage.get(case.id)
    other.note(case.id, "first", actor="li")

    def stale_storage_get(case_id: str) -> Any:
        return stale.copy()  # a store reads a new object each time; every try is stale

    desk.storage.get = stale_storage_get  # type: ignore[method-assign]
    with pytest.raises(Conflict):
        desk.transition(case.id, "investigating", actor="li")
    assert len(desk.storage.deliveries()) == 1  # the acknowledgement only
    other.storage.close()
    desk.storage.close()


def test_a_notifier_gone_from_the_policy_keeps_its_messages_pending(
    desk: Desk, plugins: Plugins, clock: ManualClock
) -> None:
    desk.intake(complaint())
    renamed = policy(notifiers={"other": {"type": "scripted"}}, rules=[])
    later = Desk(renamed, storage=desk.storage, clock=clock, plugins=plugins)
    assert later.deliver().retrying == 1
    (pending,) = later.storage.deliveries("pending")
    assert "no notifier named 'hook'" in pending.last_error


def test_a_notifier_gone_from_the_policy_ends_in_a_dead_letter_naming_it(
    desk: Desk, plugins: Plugins, clock: ManualClock
) -> None:
    """Retried on the schedule (a worker still on the old policy may send it), then a dead
    letter naming the notifier missing, never retried for ever nor lost: requeued once a
    policy defines it again, it is sent."""
    desk.intake(complaint())
    renamed = policy(notifiers={"other": {"type": "scripted"}}, rules=[])
    later = Desk(renamed, storage=desk.storage, clock=clock, plugins=plugins)
    reports = []
    for _ in range(6):  # more passes than the policy's 3 attempts
        reports.append(later.deliver())
        clock.advance(timedelta(hours=2))
    assert [r.dead for r in reports] == [0, 0, 1, 0, 0, 0]
    ((dead, letter),) = zip(
        desk.storage.deliveries("dead"), desk.storage.dead_letters(), strict=True
    )
    assert letter.source == f"notify:hook:{dead.outgoing.delivery_id}"
    assert letter.reason == (
        "gave up after 3 attempt(s): no notifier named 'hook' in the policy; defined: other"
    )
    assert desk.storage.requeue_dead(None, "hook", clock.now()) == 1
    assert desk.deliver().delivered == 1
    assert [m.to for m in Scripted.sent] == ["sam@example.com"]


def test_a_second_worker_stands_by(desk: Desk) -> None:
    desk.intake(complaint())
    with desk.storage.hold_outbox():
        assert desk.deliver().busy
    assert Scripted.sent == []
    assert desk.deliver().delivered == 1


class Batching(Scripted):
    """A publisher that confirms runs of events at once and refuses the event of seq 2."""

    calls: ClassVar[list[int]] = []

    def publish_many(self, items: list[tuple[CaseEvent, str]]) -> list[Exception | None]:
        self.calls.append(len(items))
        return [DeliveryFailed("nack") if event.seq == 2 else None for event, _ in items]


class BatchingPlugin:
    @hookimpl
    def register_notifiers(self, register: Register) -> None:
        register("batching", Batching)


def test_a_run_of_events_goes_to_publish_many_and_each_gets_its_own_outcome(
    clock: ManualClock,
) -> None:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(BatchingPlugin())
    Batching.calls = []
    section = policy(notifiers={"bus": {"type": "batching"}}, rules=[], publish=["bus"])
    desk = Desk(section, storage="memory:", clock=clock, plugins=Plugins(pm))
    desk.intake_many([complaint("a"), complaint("b")])
    report = desk.deliver()
    assert Batching.calls == [6]  # three events of two cases, in one call
    assert (report.delivered, report.retrying) == (4, 2)
    assert {d.outgoing.payload["seq"] for d in desk.storage.deliveries("pending")} == {2}


failures = st.one_of(
    st.none(),
    st.builds(DeliveryFailed, st.just("HTTP 503")),
    st.builds(DeliveryFailed, st.just("HTTP 404"), final=st.just(True)),
    st.builds(OSError, st.just("connection reset")),
)


@settings(max_examples=40, deadline=None)
@given(script=st.lists(failures, max_size=12), complaints=st.integers(1, 4))
def test_every_delivery_ends_delivered_or_dead_lettered_never_lost(
    script: list[Exception | None], complaints: int
) -> None:
    pm = plugin_manager(load_entrypoints=False)
    pm.register(ScriptedPlugin())
    Scripted.failures = [f for f in script if f is not None]
    Scripted.sent, Scripted.published = [], []
    clock = ManualClock(T0)
    desk = Desk(policy(publish=["hook"]), storage="memory:", clock=clock, plugins=Plugins(pm))
    desk.intake_many([complaint(str(n)) for n in range(complaints)])
    for _ in range(10):  # more passes than attempts: everything settles
        desk.deliver()
        clock.advance(timedelta(hours=2))
    states = {d.outgoing.delivery_id: d.state for d in desk.storage.deliveries()}
    sent = {m.delivery_id for m in Scripted.sent} | {i for _, i in Scripted.published}
    dead = {d.outgoing.delivery_id for d in desk.storage.deliveries("dead")}
    assert set(states.values()) <= {"delivered", "dead"}
    assert sent | dead == set(states)
    assert not sent & dead
    assert len(desk.storage.dead_letters()) == len(dead)


def test_imported_history_is_not_announced_again(desk: Desk) -> None:
    imported = {
        **complaint("old"),
        "received_at": "2026-01-05T10:00:00+08:00",
        "history": {"status": "closed", "closed_at": "2026-01-07T10:00:00+08:00"},
    }
    desk.intake(imported)
    assert desk.storage.deliveries() == []  # it was notified where it happened


@pytest.mark.parametrize("wish", [timedelta(0), timedelta(seconds=-5), T0 - timedelta(hours=1)])
def test_a_receiver_asking_for_an_immediate_retry_gets_one_attempt_per_pass(
    clock: ManualClock, wish: timedelta | datetime
) -> None:
    """A pass that is still under way must not try a delivery again, whatever the receiver
    asks: with more due than one batch, each retry would use up another attempt at once."""
    storage = MemoryStorage()
    message = Message(to="sam@example.com", subject="s", body="b", case_id="CK-1")
    storage.enqueue([Outgoing.message("hook", message, T0) for _ in range(5)])
    Scripted.failures = [DeliveryFailed("HTTP 503", retry_after=wish) for _ in range(50)]
    worker = DeliveryWorker(storage, {"hook": Scripted()}, clock, batch=2)
    assert worker.run_once().retrying == 5
    Scripted.failures = []
    assert [d.attempts for d in storage.deliveries()] == [1] * 5


class Unprintable(Exception):
    def __str__(self) -> str:
        raise ValueError("no text")


@pytest.mark.parametrize(
    "failure",
    [
        OSError("cannot open /var/spool/\udcff.eml"),  # a file name read with surrogateescape
        DeliveryFailed("smtp: recipient refused: 550 no\x00user", final=True),  # a server's own
        Unprintable(),
    ],
)
def test_a_failure_of_any_text_is_recorded_and_the_pass_goes_on(
    tmp_path: Path, clock: ManualClock, failure: Exception
) -> None:
    """A reason no store can hold (a lone surrogate; NUL, which PostgreSQL refuses) made
    the pass crash before it recorded the attempt: every pass then tried that delivery
    first and crashed again, and nothing behind it in the outbox was ever sent."""
    storage = SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}")
    message = Message(to="sam@example.com", subject="s", body="b", case_id="CK-1")
    storage.enqueue([Outgoing.message("bad", message, T0), Outgoing.message("hook", message, T0)])

    class Failing:
        def send(self, message: Message) -> None:
            raise failure

    class Sending:
        def send(self, message: Message) -> None:
            pass

    worker = DeliveryWorker(storage, {"bad": Failing(), "hook": Sending()}, clock)
    report = worker.run_once()
    assert report.delivered == 1
    assert report.retrying + report.dead == 1
    failed = next(d for d in storage.deliveries() if d.outgoing.via == "bad")
    assert failed.attempts == 1
    assert "\x00" not in failed.last_error
    failed.last_error.encode("utf-8")  # no lone surrogate
    assert failed.last_error
    storage.close()


def test_giving_up_is_logged_with_the_receivers_words_inert(
    clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    """The warning reaches the operator's stderr during `deliver`: a receiver's answer
    with an escape sequence or a line break in it must not act on the terminal."""
    storage = MemoryStorage()
    message = Message(to="sam@example.com", subject="s", body="b", case_id="CK-1")
    storage.enqueue([Outgoing.message("hook", message, T0)])

    class Refusing:
        def send(self, message: Message) -> None:
            raise DeliveryFailed("550 \x1b[2J\x1b]0;pwned\x07\ndelivery forged", final=True)

    with caplog.at_level(logging.WARNING, logger="complaintkit.delivery.worker"):
        assert DeliveryWorker(storage, {"hook": Refusing()}, clock).run_once().dead == 1
    (record,) = caplog.records
    line = record.getMessage()
    assert "550" in line
    assert not {"\x1b", "\x07", "\n"} & set(line)


def test_a_pass_at_a_later_instant_tries_each_delivery_once(clock: ManualClock) -> None:
    """run_once(now) with a now past the clock's: the next try was reckoned from the
    clock, so it fell before that now and the same pass tried again, to the last attempt."""
    storage = MemoryStorage()
    message = Message(to="sam@example.com", subject="s", body="b", case_id="CK-1")
    storage.enqueue([Outgoing.message("hook", message, T0) for _ in range(5)])

    class Failing:
        def send(self, message: Message) -> None:
            raise DeliveryFailed("HTTP 503")

    worker = DeliveryWorker(storage, {"hook": Failing()}, clock, batch=2)
    later = T0 + timedelta(days=1)
    assert worker.run_once(later).retrying == 5
    deliveries = storage.deliveries()
    assert [d.attempts for d in deliveries] == [1] * 5
    assert all(d.next_attempt_at is not None and d.next_attempt_at > later for d in deliveries)


class HalfBuiltFailure(DeliveryFailed):
    """A plugin's failure whose ``__init__`` skips ``DeliveryFailed``'s: no ``final``, no
    ``retry_after``."""

    def __init__(self, why: str) -> None:
        Exception.__init__(self, why)


def test_a_plugins_failure_without_the_usual_fields_is_retried_and_the_pass_goes_on(
    clock: ManualClock,
) -> None:
    """Reading its missing ``final`` crashed the pass before the attempt was recorded:
    every pass sent that message again, and nothing behind it was ever sent."""
    storage = MemoryStorage()
    message = Message(to="sam@example.com", subject="s", body="b", case_id="CK-1")
    storage.enqueue([Outgoing.message("odd", message, T0), Outgoing.message("hook", message, T0)])
    attempts: list[str] = []

    class Odd:
        def send(self, message: Message) -> None:
            attempts.append(message.delivery_id)
            raise HalfBuiltFailure("HTTP 503")

    worker = DeliveryWorker(storage, {"odd": Odd(), "hook": Scripted()}, clock)
    report = worker.run_once()
    assert (report.delivered, report.retrying) == (1, 1)
    assert worker.run_once().delivered == 0  # not due again before its backoff
    assert len(attempts) == 1
    (pending,) = storage.deliveries("pending")
    assert (pending.outgoing.via, pending.attempts, pending.last_error) == ("odd", 1, "HTTP 503")


def test_an_event_that_cannot_be_read_fails_alone_in_a_publish_many_run(
    clock: ManualClock,
) -> None:
    """Reading the run's events was outside the attempt: one stored event no CaseEvent reads
    crashed every pass, and the events after it were never published."""
    storage = MemoryStorage()
    desk = Desk(storage=storage, clock=clock)
    case = desk.intake(complaint())
    (opened, *_) = desk.history(case.id)
    unreadable = Outgoing("d-bad", "bus", "event", case.id, {"kind": "opened"}, T0)
    storage.enqueue([unreadable, Outgoing.event("bus", opened, T0)])
    Batching.calls = []
    report = DeliveryWorker(storage, {"bus": Batching()}, clock).run_once()
    assert (report.delivered, report.dead) == (1, 1)  # no retry mends it: dead at once
    assert Batching.calls == [1]
    (dead,) = storage.deliveries("dead")
    assert (dead.outgoing.delivery_id, dead.attempts) == ("d-bad", 1)
    assert "no case event" in dead.last_error


def test_a_pass_for_a_later_instant_in_the_repeated_hour_reckons_from_it(
    plugins: Plugins,
) -> None:
    """01:10 EST comes 20 real minutes after 01:50 EDT, though its wall clock reads
    earlier: a pass run for it records its attempt then, and waits from then."""
    new_york = ZoneInfo("America/New_York")
    first = datetime(2026, 11, 1, 1, 50, tzinfo=new_york)  # EDT
    later = datetime(2026, 11, 1, 1, 10, fold=1, tzinfo=new_york)  # EST, 20 minutes on
    assert later.timestamp() - first.timestamp() == 20 * 60
    desk = Desk(policy(), storage="memory:", clock=ManualClock(first), plugins=plugins)
    Scripted.failures = [DeliveryFailed("HTTP 503")]
    desk.intake({**complaint(), "received_at": first.isoformat()})
    assert desk.deliver(now=later).retrying == 1
    (pending,) = desk.storage.deliveries("pending")
    assert pending.next_attempt_at is not None
    waited = pending.next_attempt_at.timestamp() - later.timestamp()
    assert 30 <= waited <= 60
