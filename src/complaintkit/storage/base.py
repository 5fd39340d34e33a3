"""The storage interface every backend implements, built-in or plugin.

The contract (``complaintkit.testing.StorageContract`` checks it):

* ``intake`` stores a new case, its first events and its complaint's idempotency key in one
  transaction; when the key is already stored it stores nothing and returns the existing case.
  ``intake_many`` does the same for a batch in one transaction (group commit).
* ``save`` appends events and writes the case only if the stored version is the one the
  events follow; otherwise it raises ``Conflict`` and changes nothing.
* ``claim_due`` yields the cases whose ``next_deadline`` is at or before an instant, earliest
  first, and holds them until the block ends, so concurrent workers never process the same
  case at once (PostgreSQL: ``FOR UPDATE SKIP LOCKED``). Saves inside the block join it.
* ``transaction`` groups writes: ``intake``/``save`` and ``enqueue`` inside one block commit
  together or not at all; a nested block is a savepoint, undone alone if it raises.
* The outbox: ``enqueue`` stores what a change must send; ``hold_outbox`` elects one
  delivery worker (the hold dies with its process); ``due_deliveries`` and
  ``record_attempts`` drive it; a delivery that gives up is also written as a dead letter,
  and ``requeue_dead`` puts it back once its receiver is fixed.
* ``events_since(cursor)`` pages through every stored event in commit order, so a
  publisher can catch up; the returned cursor is opaque, pass it back for the next page.
* ``dead_letter`` keeps input that could not be taken in or delivered (an unparseable
  e-mail, a bad CSV row, a webhook that kept failing) with the reason and the raw bytes, so
  nothing is dropped silently; ``dead_letters`` lists them oldest first. The same source,
  raw bytes and reason are kept once.
"""

from __future__ import annotations

import abc
import contextlib
import functools
import inspect
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Self

import attrs

from complaintkit.errors import DamagedRecord, InvalidInput, StorageError
from complaintkit.model.case import Case
from complaintkit.model.compensation import given_amount, standing
from complaintkit.model.events import CaseEvent
from complaintkit.model.jsonvalues import printable, storable_text
from complaintkit.model.lifecycle import Status, parse_status
from complaintkit.model.money import Money
from complaintkit.storage.answer_blocks import keep_answers_with_blocks, on_undo
from complaintkit.storage.answer_shapes import declared
from complaintkit.storage.arguments import check_arguments, checked_as, page_size
from complaintkit.storage.plan_mark import PlanMark
from complaintkit.storage.plugin_calls import contain_methods
from complaintkit.storage.step_answers import KeptInMemory, StepAnswer

if TYPE_CHECKING:  # the outbox's types; delivery imports storage at run time
    from complaintkit.delivery.outgoing import Attempt, Delivery, Outgoing, State


@attrs.frozen
class DeadLetter:
    """Input complaintkit refused or could not deliver, kept with why and what it was.

    ``source`` says where it came from (``mail:inbox.mbox#12``, ``csv:rows.csv:7``,
    ``notify:webhook:<delivery id>``); ``raw`` is the input exactly as it arrived. ``at`` is
    ``None`` when the stored instant is no instant (edited outside complaintkit): the letter
    is still listed, retried and purged. ``retries`` counts the ``dead-letters retry`` runs
    that refused it again, the last at ``last_retry_at``: a letter failing again and again
    shows so.
    """

    id: int
    source: str
    raw: bytes
    reason: str
    at: datetime | None
    retries: int = 0
    last_retry_at: datetime | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "source": self.source,
            "reason": self.reason,
            "at": None if self.at is None else self.at.isoformat(),
            "retries": self.retries,
            "last_retry_at": None if self.last_retry_at is None else self.last_retry_at.isoformat(),
            "raw": self.raw.decode("utf-8", errors="replace"),
        }


def kept_at(value: object) -> datetime | None:
    """A dead letter's or outbox row's instant as its row keeps it (ISO 8601 text), so one
    row cannot fail the listing of every row kept beside it: one kept without an offset (by
    older versions) is read as UTC, and what is no instant at all (edited to
    ``'yesterday'``, a blob, PostgreSQL's ``infinity``) is unknown, ``None``."""
    if isinstance(value, str):
        with suppress(ValueError):
            value = datetime.fromisoformat(value)
    if not isinstance(value, datetime):
        return None
    return value if value.utcoffset() is not None else value.replace(tzinfo=UTC)


def raw_bytes(raw: bytes | str) -> bytes:
    """Dead letters keep bytes; text is stored as UTF-8, a lone surrogate (which UTF-8
    cannot write: one a payload edited outside complaintkit holds) as its escape,
    ``\\udcff``, which JSON reads back as it: raising here, a delivery pass recorded
    nothing, and what was queued behind the letter was never sent."""
    return raw.encode("utf-8", "backslashreplace") if isinstance(raw, str) else bytes(raw)


@attrs.frozen
class EventPage:
    """Events in commit order and the cursor to ask for the ones after them."""

    events: list[CaseEvent]
    cursor: str

    def to_json(
        self, published: Callable[[CaseEvent], dict[str, Any]] = CaseEvent.published_json
    ) -> dict[str, object]:
        """The page as ``GET /events`` sends it, each event as ``published`` writes it."""
        return {"events": [published(e) for e in self.events], "cursor": self.cursor}


#: Events per page when ``Storage.feed_head`` or ``openings_since`` page through the feed.
_HEAD_PAGE = 1000


def position_cursor(cursor: str | None) -> int:
    """The cursor of backends that number their events in commit order: the last position
    read (``None`` or empty: nothing read yet)."""
    if not cursor:
        return 0
    if not counter_text(cursor, 2**63):
        raise InvalidInput("cursor", f"{cursor!r:.80} is not a cursor this storage returned")
    return int(cursor)


def unmatchable(*values: object) -> bool:
    """Whether any of ``values`` is text no stored value holds: a NUL or a lone surrogate,
    which the model refuses and no driver sends (UTF-8 cannot encode the second). A look-up
    by one finds nothing without asking the database, as in the memory store."""
    return any(isinstance(value, str) and not storable_text(value) for value in values)


def past_the_head(cursor: str, head: str) -> InvalidInput:
    """The refusal of a cursor beyond every event stored: answered with an empty page, its
    reader would wait there and never see the events stored below it (a store re-created,
    or restored from an older backup, since the cursor was returned)."""
    return InvalidInput(
        "cursor",
        f"{cursor!r:.80} is past the last event this storage holds ({head}), so it is not a "
        "cursor this storage returned (was the store re-created or restored from an older "
        "backup?); read again from the start and skip the events already handled",
    )


def counter_text(text: str, bound: int) -> bool:
    """Whether ``text`` is a whole number below ``bound`` written in ASCII digits, as a
    cursor's parts are: ``isdigit`` alone lets "²" through, which ``int`` refuses, and a
    number a 64-bit column cannot hold."""
    return text.isascii() and text.isdigit() and len(text) <= len(str(bound)) and int(text) < bound


def _of_type(kind: type, wording: str) -> Callable[[object, attrs.Attribute[Any], Any], None]:
    """An attrs validator refusing, by the field's name, a given value not of ``kind``."""

    def check(_: object, field: attrs.Attribute[Any], value: Any) -> None:
        if value is not None and not isinstance(value, kind):
            raise InvalidInput(field.name, f"must be {wording} (got {value!r:.80})")

    return check


def _instant(_: object, field: attrs.Attribute[Any], value: Any) -> None:
    _of_type(datetime, "a datetime")(_, field, value)
    if value is not None and value.utcoffset() is None:
        raise InvalidInput(field.name, f"{value.isoformat()} has no timezone")


@attrs.frozen
class CaseQuery:
    """Filters for ``Storage.find``; every given filter must hold. Each is checked when
    the query is made, so every backend reads the same query."""

    status: Status | None = attrs.field(default=None, validator=_of_type(Status, "a Status"))
    customer_id: str | None = attrs.field(default=None, validator=_of_type(str, "text"))
    owner: str | None = attrs.field(default=None, validator=_of_type(str, "text"))
    category: str | None = attrs.field(default=None, validator=_of_type(str, "text"))
    opened_since: datetime | None = attrs.field(default=None, validator=_instant)
    #: Opened strictly before: a replay reads a customer's past as it stood then.
    opened_before: datetime | None = attrs.field(default=None, validator=_instant)
    open_only: bool = attrs.field(default=False, validator=_of_type(bool, "True or False"))
    limit: int | None = attrs.field(default=None)

    @limit.validator
    def _limit(self, _: attrs.Attribute[Any], value: int | None) -> None:
        if value is not None:
            page_size(value)

    @classmethod
    def given(cls, filters: Mapping[str, Any]) -> CaseQuery:
        """The query a caller's keyword filters ask for, a status given by its name."""
        known = attrs.fields_dict(cls)
        for name in filters.keys() - known:
            raise InvalidInput(name, f"is no filter; filter by {', '.join(known)}")
        status = filters.get("status")
        return cls(**{**filters, "status": None if status is None else parse_status(status)})


class LettersAsKept(StorageError):
    """The backend can neither remove a dead letter nor change its reason (the defaults of
    ``purge_dead_letters`` and ``refused_again``, for one written before them): what only
    tidies up after a letter, as intake and a refused retry do, goes on without it."""


class Storage(abc.ABC):
    """Durable home of cases and their event histories. Every subclass's methods named in
    ``arguments.CHECKS`` check their arguments there first, so backends refuse misuse alike."""

    url: str
    _plan_mark: PlanMark | None = None  # the default ``hold_plan_mark`` keeps it here
    _outdated_warned = False  # ``desk.replan`` warns once that a superseded version ticks

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        check_arguments(cls)
        keep_answers_with_blocks(cls, Storage)  # its answers go with its blocks
        for old, new in contain_methods(cls, _API, _answers()):  # a plugin's sys.exit is its bug
            checked_as(old, new)

    @abc.abstractmethod
    def intake(self, case: Case, events: Sequence[CaseEvent]) -> tuple[Case, bool]:
        """Store a new case unless its complaint key exists; return (case, created)."""

    def intake_many(
        self, items: Sequence[tuple[Case, Sequence[CaseEvent]]]
    ) -> list[tuple[Case, bool]]:
        """``intake`` for each item, in order, as ONE transaction: (case, created) for each.

        One commit for a batch is group commit: durable backends pay their sync once per
        batch instead of once per complaint. A key already stored, or repeated within the
        batch, yields the case that holds it and ``created`` False. The default takes the
        items one by one (one transaction each); backends override it to be atomic.
        """
        return [self.intake(case, events) for case, events in items]

    @abc.abstractmethod
    def save(self, case: Case, events: Sequence[CaseEvent]) -> None:
        """Append ``events`` and write ``case``; ``Conflict`` if the stored version moved on."""

    def save_many(self, changes: Sequence[tuple[Case, Sequence[CaseEvent]]]) -> None:
        """Save several cases at once (a tick's batch); ``Conflict`` on the first stale one.

        The default saves one by one; backends override it to batch their writes. Inside
        ``claim_due`` it joins the claim's transaction, so a conflict undoes the batch.
        """
        for case, events in changes:
            self.save(case, events)

    @abc.abstractmethod
    def get(self, case_id: str) -> Case:
        """The stored case, or ``NotFound``."""

    @abc.abstractmethod
    def find_by_key(self, channel: str, external_id: str) -> Case | None:
        """The case holding the complaint with this idempotency key, if any."""

    def find_by_keys(self, keys: Collection[tuple[str, str]]) -> dict[tuple[str, str], Case]:
        """The cases holding any of ``keys`` (channel, external id), by key; a key no case
        holds is left out. Batch intake asks once for the whole batch; the default asks
        ``find_by_key`` for each key, backends override it to ask in one query."""
        found = {key: self.find_by_key(*key) for key in keys}
        return {key: case for key, case in found.items() if case is not None}

    @abc.abstractmethod
    def find_by_token(self, token: str) -> Case | None:
        """The case whose ``status_token`` is ``token`` (the customer's status page), if any."""

    @abc.abstractmethod
    def find(self, query: CaseQuery) -> list[Case]:
        """Cases matching ``query``, oldest first."""

    def find_readable(self, query: CaseQuery) -> tuple[list[Case], list[DamagedRecord]]:
        """``find``, but a case whose stored body cannot be read is named, not the end:
        (the readable cases, the ``DamagedRecord`` of each damaged one), so ``cases list``
        shows the rest. This default, for a backend that reads its bodies in one piece, is
        ``find`` (which raises at a damaged body) and no damaged one."""
        return self.find(query), []

    @abc.abstractmethod
    def count(self, query: CaseQuery) -> int:
        """How many cases match ``query`` (customer-history facts use this)."""

    def openings(
        self, customer_ids: Collection[str], since: datetime
    ) -> Callable[[str, datetime], int]:
        """For a batch's customer-history facts: how many of a customer's cases were opened
        at or after an instant, as ``count`` answers it. The default asks ``count`` each
        time; a backend may read the cases of ``customer_ids`` opened since ``since`` in one
        query and answer for those customers, at ``since`` or later, from what it read."""

        def counted(customer_id: str, at: datetime) -> int:
            return self.count(CaseQuery(customer_id=customer_id, opened_since=at))

        return counted

    def acknowledged_since(self, since: datetime) -> list[str]:
        """Whom each acknowledgement queued at or after ``since`` went to (the ``to`` of a
        message for the customer on a case's ``opened``): what the e-mail channel's limit
        counts (``MailAcknowledgements``). This default reads the whole outbox; a backend
        may read the messages queued since only."""
        cutoff = since.timestamp()
        return [
            str(d.outgoing.payload.get("to", ""))
            for d in self.deliveries()
            if d.outgoing.kind == "message"
            and d.outgoing.created_at is not None
            and d.outgoing.created_at.timestamp() >= cutoff
            and d.outgoing.payload.get("role") == "customer"
            and d.outgoing.payload.get("event") == "opened"
        ]

    @abc.abstractmethod
    def events(self, case_id: str) -> list[CaseEvent]:
        """The case's full history in order."""

    def events_readable(self, case_id: str) -> tuple[list[CaseEvent], list[DamagedRecord]]:
        """``events``, but a stored event that cannot be read is named, not the end: (the
        readable events, the ``DamagedRecord`` of each damaged one), so ``cases show``
        shows the rest of the history. This default, for a backend that reads its events
        in one piece, is ``events`` (which raises at a damaged one) and no damaged one."""
        return self.events(case_id), []

    @abc.abstractmethod
    def case_ids(self) -> Iterator[str]:
        """Every stored case id, for audits and exports."""

    @abc.abstractmethod
    def claim_due(self, before: datetime, limit: int) -> AbstractContextManager[list[Case]]:
        """Hold the cases due at or before ``before`` (earliest first) for one block."""

    @contextmanager
    def hold_plan_mark(self) -> Iterator[PlanMark | None]:
        """A write transaction holding the store's ``PlanMark`` (``None``: none recorded)
        for the block, so one re-plan at a time reads and advances it (PostgreSQL locks its
        row). This default keeps it on the instance: a backend that does not store it
        records it again in each process, and re-plans nothing then."""
        with self.transaction():
            yield self._plan_mark

    def set_plan_mark(self, mark: PlanMark) -> None:
        """Record ``mark``; inside ``hold_plan_mark`` it commits with the block."""
        self._plan_mark = mark

    def open_case_versions(self) -> set[str]:
        """The policy versions the open cases record (``Case.policy_version``: the one each
        was opened under, or moved to by ``sla.migrate``): the versions that planned a
        store holding no ``PlanMark`` yet. The default answers none, since a backend that
        keeps no record of its own holds none in each new process: it re-plans nothing."""
        return set()

    def open_cases_after(self, after: str | None, limit: int) -> list[Case]:
        """Up to ``limit`` open cases whose id comes after ``after`` (``None``: from the
        first), in id order: what a re-plan reads. Inside ``hold_plan_mark``, a backend
        whose workers run at once holds them until the block ends, as ``claim_due`` does.
        The default reads the open cases through ``find``."""
        found = sorted(self.find(CaseQuery(open_only=True)), key=lambda case: case.id)
        return [case for case in found if after is None or case.id > after][:limit]

    def open_cases_planned_by(
        self, versions: Collection[str], after: str | None, limit: int
    ) -> list[Case]:
        """Up to ``limit`` open cases last saved with ``Case.planned_by`` one of
        ``versions``, whose id comes after ``after``, in id order: what a newer version
        re-plans of what superseded ones saved since its own re-plan. Held as
        ``open_cases_after`` holds them. The default, for a backend that keeps no
        ``planned_by``, answers none: the sweep finds them by their stored deadline."""
        return []

    def set_planned_by(self, case_ids: Collection[str], version: str) -> None:  # noqa: B027 -- optional
        """Record that ``version`` planned the cases ``case_ids`` (a re-plan read them,
        whether or not it changed them). Inside ``hold_plan_mark`` it commits with the
        block. The default keeps nothing, as it answers none above."""

    def compensation_total(
        self,
        customer_id: str,
        since: datetime,
        currency: str,
        kinds: Collection[str] | None = None,
    ) -> Money:
        """Money of remedy ``kinds`` (all when None) in ``currency`` standing on offer to
        ``customer_id``, or accepted by them at or after ``since``, across all their cases;
        an offer left unanswered on a case no longer open has lapsed and does not count
        (``standing``).

        Per-customer compensation caps read this. The default reads the customer's cases
        through ``find``; backends may answer it in their query language instead.
        """
        cases = self.find(CaseQuery(customer_id=customer_id))
        entries = (e for case in cases for e in standing(case.compensation, case.is_open))
        return Money(given_amount(entries, since, currency, kinds), currency)

    # --- transactions and the outbox ------------------------------------------------------

    @abc.abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """One write transaction: writes inside it commit together when it ends, or none
        of them if it raises. A block inside another is a savepoint of it: if the nested
        block raises, its own writes are undone and the outer block goes on (the storage
        contract's ``TransactionContract`` checks it)."""

    def hold_customer(self, customer_id: str) -> None:
        """Inside ``transaction``: keep every other writer from changing what
        ``customer_id`` was given until the block ends, so that a cap read in the block
        still holds when it commits. Backends whose write transactions already exclude
        each other (SQLite's, the memory store's) need do nothing."""
        return

    @abc.abstractmethod
    def enqueue(self, items: Sequence[Outgoing]) -> None:
        """Add ``items`` to the outbox, pending and due at once (their ``created_at``)."""

    @abc.abstractmethod
    def hold_outbox(self) -> AbstractContextManager[bool]:
        """Try to become the one delivery worker of this store for the block: yields True
        when this caller holds the outbox, False when another live worker does. The hold
        ends with the block or with the holder's process (a killed worker frees it)."""

    @abc.abstractmethod
    def due_deliveries(self, now: datetime, limit: int) -> list[Delivery]:
        """Pending deliveries due at or before ``now``, oldest due first."""

    def undated_deliveries(self) -> list[Delivery]:
        """Pending deliveries whose stored due time is no instant (edited so outside
        complaintkit), in outbox order: ``due_deliveries`` never yields them, and each
        delivery pass names them rather than leave them silently unsent."""
        return [d for d in self.deliveries("pending") if d.next_attempt_at is None]

    @abc.abstractmethod
    def record_attempts(self, attempts: Sequence[tuple[Delivery, Attempt]]) -> None:
        """Record attempts, in one transaction: each delivered, pending until its
        ``retry_at``, or dead (also written as a dead letter from
        ``Outgoing.dead_letter_source``, ``notify:<via>:<delivery id>``, with the payload as
        raw; a delivery given up on again after ``requeue_dead`` keeps that one letter, its
        reason the new one, its ``retries`` counted and ``last_retry_at`` the attempt's;
        delivered at last, its letter is deleted, as its message is refused no more).
        Each counts as one attempt but one not ``tried``, which counts none."""

    @abc.abstractmethod
    def requeue_dead(
        self, delivery_ids: Collection[str] | None, via: str | None, at: datetime
    ) -> int:
        """Put dead deliveries back to pending, due at ``at``, with a fresh count of
        attempts: those in ``delivery_ids`` (``None``: every dead one), sent through
        ``via`` if given. Returns how many; their dead letters stay until they are delivered
        (``record_attempts``) or purged."""

    @abc.abstractmethod
    def deliveries(self, state: State | None = None, case_id: str | None = None) -> list[Delivery]:
        """Every delivery (in one ``state``, for one case, if given), in outbox order."""

    def delivery(self, delivery_id: str) -> Delivery | None:
        """The delivery ``delivery_id``, whatever its state, or None: what a customer's
        e-mail reply names (``desk.replies``). This default reads the whole outbox; a
        backend answers it from its index on the id."""
        found = (d for d in self.deliveries() if d.outgoing.delivery_id == delivery_id)
        return next(found, None)

    @abc.abstractmethod
    def events_since(self, cursor: str | None, limit: int) -> EventPage:
        """Up to ``limit`` stored events after ``cursor`` (``None``: from the first), in the
        order they were committed, with the cursor to continue from. An event committed
        later never appears before the cursor of a page already read. A cursor past every
        stored event is refused (``past_the_head``), not answered with an empty page."""

    def feed_head(self) -> str:
        """A cursor past every event committed now: ``events_since`` from it answers only
        events committed later (a reader that wants what comes next, not the past). This
        default pages through the feed; a backend answers it with one query."""
        page = self.events_since(None, _HEAD_PAGE)
        while len(page.events) == _HEAD_PAGE:
            page = self.events_since(page.cursor, _HEAD_PAGE)
        return page.cursor

    def openings_since(self, cursor: str | None) -> EventPage:
        """Every case's first event (``seq`` 1: its ``opened``) committed after ``cursor``,
        and the cursor past every event read, whatever its kind: what the batch watcher
        reads of the cases other processes took in. This default pages through the feed;
        a backend may skip the other events in its query."""
        page, openings = self.events_since(cursor, _HEAD_PAGE), []
        while True:
            openings += [e for e in page.events if e.seq == 1]
            if len(page.events) < _HEAD_PAGE:
                return EventPage(openings, page.cursor)
            page = self.events_since(page.cursor, _HEAD_PAGE)

    # --- agents' steps under an Idempotency-Key ---------------------------------------------

    def claim_step_key(self, agent: str, key: str, since: datetime) -> StepAnswer | None:
        """Inside the ``transaction`` that records a step: the answer ``agent``'s ``key``
        was given at or after ``since``, if one was; else the key is held for the block (a
        second claim of it waits until the block ends, then finds the answer it kept).
        Answers kept before ``since`` may be forgotten (``storage.step_answers``). This
        default keeps answers in this process only (``KeptInMemory``): a backend that
        stores none answers a retry after a restart as a new step."""
        return self._answers_here().claim((agent, key), since)

    def keep_step_answer(self, agent: str, key: str, answer: StepAnswer) -> None:
        """Keep ``answer`` under ``agent``'s ``key``, in the transaction of its claim and of
        the step it answers, replacing an expired one. This default takes it back when
        that block raises, or its commit does (``storage.answer_blocks``)."""
        answers, slot = self._answers_here(), (agent, key)
        replaced = answers.keep(slot, answer)
        on_undo(self, functools.partial(answers.put_back, slot, replaced))

    def _answers_here(self) -> KeptInMemory:
        kept = self.__dict__.get("_step_answers")
        if kept is None:  # setdefault: two threads asking first get the same one
            kept = self.__dict__.setdefault("_step_answers", KeptInMemory())
        assert isinstance(kept, KeptInMemory)
        return kept

    # --- dead letters ----------------------------------------------------------------------

    @abc.abstractmethod
    def dead_letter(self, source: str, raw: bytes | str, reason: str, at: datetime) -> None:
        """Keep input that was refused or could not be delivered, with the reason; a letter
        with the same source, raw bytes and reason as one kept already is not kept again,
        so an import run twice (or re-run after a kill) doubles no letter. NUL and lone
        surrogates in ``source`` and ``reason`` are kept as escapes (``printable``); a naive
        ``at`` is refused (``InvalidInput``), as every instant kept carries its zone."""

    @abc.abstractmethod
    def dead_letters(self) -> list[DeadLetter]:
        """Every dead letter, oldest first."""

    def dead_letters_from(self, source_prefix: str) -> list[DeadLetter]:
        """The dead letters whose source starts with ``source_prefix`` (plain text, no
        wildcard; NUL and lone surrogates written as kept, ``printable``), oldest first: an
        intake run looks among its channel's letters only. This default filters
        ``dead_letters``; a backend answers it with one query."""
        prefix = printable(source_prefix)
        return [d for d in self.dead_letters() if d.source.startswith(prefix)]

    def refused_again(self, letter_id: int, reason: str) -> None:
        """Keep ``reason`` as why the letter ``letter_id`` is refused: ``dead-letters retry``
        refused it again, maybe for another cause than the one it was kept for, and the
        letter names the cause that holds now (its id, input and instant stay). Backends
        that cannot change a letter say so (``LettersAsKept``)."""
        raise LettersAsKept(f"{type(self).__name__} cannot change a dead letter's reason")

    def refused_on_retry(self, letter: DeadLetter, reason: str, at: datetime) -> None:
        """``dead-letters retry`` refused ``letter`` again at ``at``, for ``reason``: keep
        the reason (``refused_again``), count the retry and keep its instant. This default,
        for a backend written before the count, keeps the reason only, and one written
        before ``refused_again`` the reason it was kept for."""
        if reason != letter.reason:
            with contextlib.suppress(LettersAsKept):
                self.refused_again(letter.id, reason)

    def purge_dead_letters(self, ids: Collection[int]) -> int:
        """Delete the dead letters with these ids (handled, or retried into cases); return
        how many were deleted. Backends that cannot delete say so (``LettersAsKept``)."""
        raise LettersAsKept(f"{type(self).__name__} cannot purge dead letters")

    def close(self) -> None:  # noqa: B027 -- optional: backends without connections keep it
        """Release connections; the default holds none."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


check_arguments(Storage)  # its defaults, once: a subclass inherits them checked

#: The methods complaintkit calls on a backend: the ``Storage`` API and the optional ones.
_API = (
    *(n for n, value in vars(Storage).items() if inspect.isfunction(value) and n[0] != "_"),
    "report_source",
    "histories",
    "history_end",
    "audit_snapshot",
    "case_snapshot",
)


@functools.cache
def _answers() -> Mapping[str, Any]:
    """What each method of the API answers, as ``Storage`` declares it (read once)."""
    return declared(Storage, _API)
