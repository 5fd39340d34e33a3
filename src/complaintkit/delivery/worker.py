"""The delivery worker: sends what the outbox holds, records every attempt.

One worker at a time drains a store's outbox (``Storage.hold_outbox``: a lock the storage
releases when its holder dies), so two processes never send the same delivery at once;
others stand by. Each attempt is recorded as soon as it is made, so a worker killed mid-batch
leaves pending only what it had not sent yet and the delivery in flight — the next one sends
that again under the same ``delivery_id``: at least once, never lost.
"""

from __future__ import annotations

import inspect
import logging
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs

from complaintkit.clock import Clock
from complaintkit.delivery.deadline import NotifierCalls
from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.delivery.outgoing import Attempt, Delivery
from complaintkit.delivery.retry import SOONEST, RetryPolicy
from complaintkit.plugin_exit import PluginAbort, call_failure, contained

if TYPE_CHECKING:
    from complaintkit.model.events import CaseEvent
    from complaintkit.storage.base import Storage

log = logging.getLogger(__name__)


@attrs.frozen
class DeliveryReport:
    """What one pass did; ``busy`` means another worker holds the outbox. ``undated`` names
    the pending deliveries it could not send because their stored due time is no instant
    (``Storage.undated_deliveries``): never sent, so every pass names them."""

    delivered: int = 0
    retrying: int = 0
    dead: int = 0
    busy: bool = False
    undated: tuple[str, ...] = ()

    def __add__(self, other: DeliveryReport) -> DeliveryReport:
        return DeliveryReport(
            self.delivered + other.delivered,
            self.retrying + other.retrying,
            self.dead + other.dead,
            self.busy or other.busy,
            tuple(dict.fromkeys((*self.undated, *other.undated))),
        )

    def undated_warnings(self) -> list[str]:
        """One line for each delivery ``undated`` names."""
        return [
            f"delivery {id_} is pending with a due time that is no instant (edited outside "
            "complaintkit): not sent until its next_attempt_at holds one"
            for id_ in self.undated
        ]

    def to_json(self) -> dict[str, Any]:
        return {**attrs.asdict(self), "undated": list(self.undated)}


class DeliveryWorker:
    """Sends due deliveries through ``notifiers`` (by name) and records each attempt."""

    def __init__(
        self,
        storage: Storage,
        notifiers: Mapping[str, Any],
        clock: Clock,
        *,
        retry: RetryPolicy | None = None,
        batch: int = 100,
        calls: NotifierCalls | None = None,
    ) -> None:
        self.storage = storage
        self.notifiers = notifiers
        self.clock = clock
        self.retry = retry if retry is not None else RetryPolicy()
        self.batch = batch
        #: each notifier call timed and given a deadline (``delivery.deadline``); kept
        #: across passes by whoever makes the worker, with the calls left running
        self.calls = calls if calls is not None else NotifierCalls()

    def run_once(
        self,
        now: datetime | None = None,
        *,
        stop: threading.Event | None = None,
        sending: threading.Event | None = None,
    ) -> DeliveryReport:
        """Send everything due at ``now`` (default: the clock's now), batch after batch;
        once ``stop`` is set, no more than the attempt in flight (the rest stay pending).
        ``sending`` is set while a notifier is called (``_Calls``), so that whoever stops
        the worker knows whether it left a delivery in flight.

        Each attempt is recorded as soon as it is made, in a short transaction of its own
        (a run that ``publish_many`` confirms together, in one): a worker killed mid-batch
        sends again at most the delivery that was in flight. A notifier whose receiver did
        not answer in time (``DeliveryFailed.unanswered``) is not waited for again in the
        pass: its other deliveries due now go out when it is tried again, so the others' go
        out now; they were not sent, so they use none of their attempts."""
        now = now if now is not None else self.clock.now()
        report = DeliveryReport()
        with self.storage.hold_outbox() as held:
            if not held:
                return DeliveryReport(busy=True)
            undated = tuple(d.outgoing.delivery_id for d in self.storage.undated_deliveries())
            report = DeliveryReport(undated=undated)
            for line in report.undated_warnings():
                log.warning("%s", line)
            silent: dict[str, _Silence] = {}  # notifier: what its unanswered attempt found
            calls = _Calls(stop, sending)
            while True:
                due = self.storage.due_deliveries(now, self.batch)
                for attempts in self._send(due, now, silent, calls):
                    self.storage.record_attempts(attempts)
                    for _, attempt in attempts:
                        report += DeliveryReport(
                            delivered=int(attempt.state == "delivered"),
                            retrying=int(attempt.state == "pending"),
                            dead=int(attempt.state == "dead"),
                        )
                    if stop is not None and stop.is_set():
                        return report
                if len(due) < self.batch or (stop is not None and stop.is_set()):
                    return report

    def run_forever(
        self,
        stop: threading.Event,
        *,
        interval: float,
        wake: threading.Event | None = None,
        on_error: Callable[[Exception], None] | None = None,
        sending: threading.Event | None = None,
    ) -> None:
        """Pass after pass until ``stop`` is set (a pass under way then ends after its
        attempt in flight); between passes wait ``interval`` seconds or until ``wake`` is
        set (the Desk sets it when a change enqueued something). ``sending``: as ``run_once``'s."""
        while not stop.is_set():
            if wake is not None:
                wake.clear()  # before the pass: a change during it wakes the next one
            try:
                self.run_once(stop=stop, sending=sending)
            except Exception as exc:  # a storage hiccup must not end the loop
                log.exception("delivery pass failed")
                if on_error is not None:
                    on_error(exc)
            (wake or stop).wait(interval)

    def _send(
        self,
        due: Sequence[Delivery],
        now: datetime,
        silent: dict[str, _Silence],
        calls: _Calls,
    ) -> Iterator[list[tuple[Delivery, Attempt]]]:
        """One attempt at each delivery, yielded as soon as it is made; runs of events for a
        notifier with ``publish_many`` go to it in one call (a broker confirms them
        together) and are yielded together. A delivery through a notifier in ``silent`` (its
        receiver let an attempt of this pass run out of time) is put off untried, saying
        why: one unanswering receiver costs a pass one timeout, not one per delivery queued
        for it. Once stopped (``calls``) it calls no notifier more: the rest stay pending."""
        run: list[Delivery] = []
        for delivery in due:
            outgoing = delivery.outgoing
            if outgoing.via in silent:
                yield [(delivery, self._untried(outgoing.via, silent[outgoing.via], now))]
                continue
            if (held := self.calls.held(outgoing.via)) is not None:
                silent[outgoing.via] = _Silence(held, None, earlier=False)
                yield [(delivery, self._untried(outgoing.via, silent[outgoing.via], now))]
                continue
            notifier = self.notifiers.get(outgoing.via)
            if outgoing.kind == "event" and hasattr(notifier, "publish_many"):
                if run and run[0].outgoing.via != outgoing.via:
                    published = self._published(run, now, silent, calls)
                    if published is None:
                        return
                    yield published
                    run = []
                run.append(delivery)
                continue
            if run:
                published = self._published(run, now, silent, calls)
                if published is None:
                    return
                yield published
                run = []
            with calls.calling() as going:
                if not going:
                    return
                failure, theirs = self._attempt(delivery)
            outcome = self._outcome(delivery, failure, now, theirs=theirs)
            if isinstance(failure, DeliveryFailed) and getattr(failure, "unanswered", False):
                silent[outgoing.via] = _Silence(_reason(failure), outcome.retry_at)
            yield [(delivery, outcome)]
        if run:
            published = self._published(run, now, silent, calls)
            if published is not None:
                yield published

    def _published(
        self, run: Sequence[Delivery], now: datetime, silent: dict[str, _Silence], calls: _Calls
    ) -> list[tuple[Delivery, Attempt]] | None:
        """``_publish_many``'s attempts, or None once stopped (``run`` left pending)."""
        with calls.calling() as going:
            return self._publish_many(run, now, silent) if going else None

    def _publish_many(
        self, run: Sequence[Delivery], now: datetime, silent: dict[str, _Silence]
    ) -> list[tuple[Delivery, Attempt]]:
        """One call for ``run``; a broker that let it run out of time goes in ``silent``,
        as a notifier whose ``send`` did: its later runs in the pass wait untried."""
        via = run[0].outgoing.via
        notifier = self.notifiers[via]
        readable, unreadable = _read_events(run)
        items = [(event, d.outgoing.delivery_id) for d, event in readable]
        failures: Sequence[Exception | None] = []
        if items:
            try:
                with contained():
                    answered = self.calls.call(
                        via, "publish_many", _ids(run), notifier.publish_many, items
                    )
                failures = _one_per_event(answered, via, len(items))
            except (Exception, GeneratorExit) as exc:
                failures = [call_failure(exc)] * len(items)
        outcomes = zip([d for d, _ in readable], failures, strict=True)
        attempts = [(d, self._outcome(d, failure, now, theirs=True)) for d, failure in outcomes]
        attempts += [(d, self._outcome(d, failure, now)) for d, failure in unreadable]
        for (_, attempt), failure in zip(attempts, failures, strict=False):
            if isinstance(failure, DeliveryFailed) and getattr(failure, "unanswered", False):
                silent[via] = _Silence(_reason(failure), attempt.retry_at)
                break
        return attempts

    def _attempt(self, delivery: Delivery) -> tuple[Exception | None, bool]:
        """Send one delivery: the exception it failed with, or None, and whether the
        notifier's own code raised it (not a notifier missing, nor a message unreadable)."""
        outgoing = delivery.outgoing
        try:
            notifier = self.notifiers.get(outgoing.via)
            if notifier is None:
                raise DeliveryFailed(
                    f"no notifier named {outgoing.via!r} in the policy; "
                    f"defined: {', '.join(self.notifiers) or 'none'}"
                )
            with contained():
                if outgoing.kind == "event":
                    method, what = getattr(notifier, "publish", None), "publish"
                    if method is None:
                        raise DeliveryFailed(
                            f"notifier {outgoing.via!r} cannot publish case events", final=True
                        )
                    arguments: tuple[Any, ...] = (outgoing.as_event(), outgoing.delivery_id)
                else:
                    method, what = notifier.send, "send"
                    arguments = (outgoing.as_message(),)
        except (Exception, GeneratorExit) as exc:
            return call_failure(exc), False
        try:
            # sys.exit in a notifier, or in the thread whose Future it answered, fails this
            # attempt, not the worker
            with contained():
                answer = self.calls.call(outgoing.via, what, _ids([delivery]), method, *arguments)
                _delivered(answer, outgoing.via)
        except (Exception, GeneratorExit) as exc:
            return call_failure(exc), True
        return None, False

    def _untried(self, via: str, found: _Silence, pass_now: datetime) -> Attempt:
        """A delivery put off, unsent, because an attempt through ``via`` in this pass got
        no answer: due when that one is tried again, or, when that one gave up, at the
        soonest a failed delivery is retried (not again in this pass)."""
        now = max(self.clock.now(), pass_now, key=datetime.timestamp)
        retry_at = found.retry_at if found.retry_at is not None else now + SOONEST
        reason = f"an earlier delivery through {via!r} in this pass found: " * found.earlier
        return Attempt(now, f"not tried: {reason}{found.reason}", retry_at, tried=False)

    def _outcome(
        self,
        delivery: Delivery,
        failure: Exception | None,
        pass_now: datetime,
        *,
        theirs: bool = False,
    ) -> Attempt:
        """The attempt's record; a failure ``theirs`` (the notifier's own code raised it)
        that is no receiver's refusal is a bug of its plugin's, and its reason says so."""
        # a pass run for a later instant than the clock's happens then: a next try reckoned
        # from the clock would fall due within this same pass
        now = max(self.clock.now(), pass_now, key=datetime.timestamp)  # real time, not wall
        if failure is None:
            return Attempt(now)
        attempt = delivery.attempts + 1
        retry_at = self.retry.retry_at(attempt, now, failure)
        reason = _reason(failure)
        if theirs and not isinstance(failure, DeliveryFailed | OSError):
            reason += (
                f" (a bug in {self.calls.named(delivery.outgoing.via)}: fix or update the "
                "plugin; its messages are retried, and once dead letters, sent again with "
                "complaintkit dead-letters retry)"
            )
        if retry_at is None:
            reason = f"gave up after {attempt} attempt(s): {reason}"
            log.warning(  # the reason quoted: a receiver's words must not act on a terminal
                "delivery %s via %r: %r",
                delivery.outgoing.delivery_id,
                delivery.outgoing.via,
                reason,
            )
        return Attempt(now, reason, retry_at)


@attrs.frozen
class _Calls:
    """A pass's ``stop`` and ``sending`` events (either may be None)."""

    stop: threading.Event | None
    sending: threading.Event | None

    @contextmanager
    def calling(self) -> Iterator[bool]:
        """Whether a notifier may be called now (not once stopped), ``sending`` set for
        the block. It is set before ``stop`` is looked at: whoever sets ``stop`` and then
        finds ``sending`` clear knows that no call is under way and none starts."""
        if self.sending is not None:
            self.sending.set()
        try:
            yield self.stop is None or not self.stop.is_set()
        finally:
            if self.sending is not None:
                self.sending.clear()


@attrs.frozen
class _Silence:
    """Why a receiver did not answer in a pass, and when it is tried again (None: the
    delivery that found it gave up); ``earlier``: an attempt of the pass found it (not a
    call left running from before, ``NotifierCalls.held``)."""

    reason: str
    retry_at: datetime | None
    earlier: bool = True


def _delivered(answer: object, via: str) -> None:
    """Refuse the answers of a send that did not deliver though it raised nothing: an
    ``async def`` one's coroutine or a yielding one's generator (asynchronous too: an
    ``async def`` that yields), never run, a thread's ``Future`` not done, and a ``False``
    that says it failed; recorded as delivered, the message would be lost."""
    yields = inspect.isgenerator(answer) or inspect.isasyncgen(answer)
    if inspect.isawaitable(answer) or yields:
        close = getattr(answer, "close", None)
        if close is not None:
            close()  # never awaited: no "coroutine was never awaited" warning later
        what = "a generator (it yields)" if yields else "an awaitable (an async def)"
        raise DeliveryFailed(
            f"notifier {via!r} answered {what}: it must deliver before "
            "it returns, as a plain function",
            final=True,
        )
    if isinstance(answer, Future):  # handed to a thread: its outcome is the answer
        if not answer.done():  # sent again, it may arrive twice; counted, it may be lost
            raise DeliveryFailed(
                f"notifier {via!r} answered a Future still running: it must deliver before "
                "it returns (wait for the future); whether it delivered is unknown, so it "
                "is not sent again",
                final=True,
            )
        _delivered(answer.result(), via)  # raises what the thread's work raised
        return
    if answer is False:
        raise DeliveryFailed(f"notifier {via!r} answered False: it did not deliver")


def _ids(run: Sequence[Delivery]) -> str:
    """``delivery 3f…`` or ``deliveries 3f…, 9a… (+N)``: what a notifier's call was for."""
    ids = [d.outgoing.delivery_id for d in run]
    more = f" (+{len(ids) - 3})" if len(ids) > 3 else ""
    return f"delivery {ids[0]}" if len(ids) == 1 else f"deliveries {', '.join(ids[:3])}{more}"


def _reason(failure: Exception) -> str:
    """The failure as text every store keeps: a lone surrogate (a file name read with
    surrogateescape) and NUL (PostgreSQL refuses it) escaped, the type's name when it has
    no text; a reason the store refused would end the pass before the attempt is recorded.
    What is neither a ``DeliveryFailed`` nor an ``OSError`` (a network's failure) is a
    notifier's bug, named by its type too: a ``KeyError``'s text alone is ``'k'``. A huge
    text (a whole response quoted) is cut to ``MAX_REASON_CHARS``, saying its length."""
    try:
        text = str(failure)
    except Exception:  # a plugin's exception whose __str__ fails
        text = ""
    named = isinstance(failure, DeliveryFailed | OSError)
    text = text if named and text else f"{type(failure).__name__}: {text}".removesuffix(": ")
    if len(text) > MAX_REASON_CHARS:  # kept on the delivery, its dead letter and a log line
        text = f"{text[:MAX_REASON_CHARS]}… ({len(text):,} characters in all)"
    return text.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")


#: The most of a failure's text a delivery keeps as its reason.
MAX_REASON_CHARS = 2_000


def _read_events(
    run: Sequence[Delivery],
) -> tuple[list[tuple[Delivery, CaseEvent]], list[tuple[Delivery, Exception]]]:
    """The run's events, and the deliveries whose stored event cannot be read with why: each
    of those fails alone, as it would through ``publish``, instead of the whole pass."""
    readable: list[tuple[Delivery, CaseEvent]] = []
    unreadable: list[tuple[Delivery, Exception]] = []
    for delivery in run:
        try:
            readable.append((delivery, delivery.outgoing.as_event()))
        except Exception as exc:
            unreadable.append((delivery, exc))
    return readable, unreadable


def _one_per_event(answered: object, via: str, count: int) -> Sequence[Exception | None]:
    """``publish_many``'s outcomes, one per event, each read as ``send``'s answer is (an
    exception or ``False`` failed, anything else but what never ran was published: a
    ``True`` retried was the event published again on every attempt); an answer of
    another shape (a notifier's bug) fails each event of the run, saying so, instead of
    the whole delivery pass."""
    if isinstance(answered, list | tuple) and len(answered) == count:
        return [_failure_of(outcome, via) for outcome in answered]
    shape = (
        f"{len(answered)} outcome(s)"
        if isinstance(answered, list | tuple)
        else f"a {type(answered).__name__}"
    )
    return [
        DeliveryFailed(
            f"notifier {via!r}: publish_many answered {shape} for {count} event(s); it must "
            "answer a list with one outcome per event (None when published)"
        )
    ] * count


def _failure_of(outcome: object, via: str) -> Exception | None:
    """What one of ``publish_many``'s outcomes says: the failure, or None when published.
    A ``BaseException`` that is no ``Exception`` (asyncio's ``CancelledError`` gathered
    with ``return_exceptions=True``) failed too."""
    if isinstance(outcome, Exception):
        return outcome
    if isinstance(outcome, BaseException):
        return PluginAbort(outcome)
    try:
        with contained():  # a thread's Future raises what its work raised, sys.exit too
            _delivered(outcome, via)
    except Exception as failed:
        return failed
    return None
