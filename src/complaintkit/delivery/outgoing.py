"""What the outbox holds: a message or a case event to send, and its delivery record."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal

import attrs

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.errors import StorageError
from complaintkit.model.events import CaseEvent
from complaintkit.model.message import Message

Kind = Literal["message", "event"]
State = Literal["pending", "delivered", "dead"]


@attrs.frozen
class Outgoing:
    """One thing to send through the notifier named ``via``, enqueued with its cause.

    ``kind`` is ``message`` (a rendered ``Message``, for ``Notifier.send``) or ``event`` (a
    stored ``CaseEvent``, for ``Publisher.publish``); ``payload`` is its JSON.
    ``delivery_id`` is unique and travels with every attempt, so a receiver that sees it
    twice knows it is the same delivery. ``created_at`` is None when read from a row whose
    stored instant is no instant (edited so outside complaintkit): unknown, not a failure.
    """

    delivery_id: str
    via: str
    kind: Kind
    case_id: str
    payload: Mapping[str, Any]
    created_at: datetime | None

    @classmethod
    def message(cls, via: str, message: Message, at: datetime) -> Outgoing:
        return cls(_new_id(), via, "message", message.case_id, message.to_json(), at)

    @classmethod
    def event(
        cls, via: str, event: CaseEvent, at: datetime, published: Mapping[str, Any] | None = None
    ) -> Outgoing:
        """``event`` to publish as ``published`` gives it (``delivery.published``: status
        tokens cut from its text), else as ``published_json``."""
        body = event.published_json() if published is None else dict(published)
        return cls(_new_id(), via, "event", event.case_id, body, at)

    @property
    def queued_at(self) -> datetime:
        """``created_at`` of an item to enqueue: one read back without it cannot be queued."""
        if self.created_at is None:
            raise StorageError(f"delivery {self.delivery_id} has no created_at to enqueue it at")
        return self.created_at

    @property
    def dead_letter_source(self) -> str:
        """``notify:<via>:<delivery id>``: the source of its dead letter when it gives up,
        naming the delivery ``complaintkit outbox requeue`` sends again."""
        return f"notify:{self.via}:{self.delivery_id}"

    def as_message(self) -> Message:
        """The message to send; a payload that holds none (damaged in the store) fails its
        delivery for good, as no retry can mend it."""
        _refuse_damaged(self.payload)
        fields = {k: v for k, v in self.payload.items() if k in _MESSAGE_FIELDS}
        untyped = [name for name in _MESSAGE_TEXT if not isinstance(fields.get(name), str)]
        wrong = [f"{', '.join(untyped)} missing or not text"] if untyped else []
        wrong += [
            f"{name} not {'an object' if kind is dict else 'text'}"
            for name, kind in _MESSAGE_TYPED.items()
            if name in fields and not isinstance(fields[name], kind)
        ]
        if not _writable(fields):  # rare: each field looked at only then
            wrong += [
                f"{name} holds a lone surrogate (text UTF-8 cannot write)"
                for name, value in fields.items()
                if not _writable(value)
            ]
        if wrong:
            raise DeliveryFailed(
                f"its stored payload is no message: {'; '.join(wrong)} (damaged or edited "
                "outside complaintkit)",
                final=True,
            )
        return Message(**{**fields, "delivery_id": self.delivery_id})

    def as_event(self) -> CaseEvent:
        """The event to publish; an event an older version enqueued, data and all, loses
        what is never published here. A payload that holds none (no JSON object, or one
        missing a field or holding one no event holds) fails for good."""
        _refuse_damaged(self.payload)
        try:
            stored = CaseEvent.from_json(dict(self.payload))
            return CaseEvent.from_json(stored.published_json())
        except (KeyError, TypeError, ValueError, AttributeError) as exc:  # InvalidInput too
            why = f"{exc} missing" if isinstance(exc, KeyError) else str(exc)
            raise DeliveryFailed(
                f"its stored payload is no case event: {why} (damaged or edited outside "
                "complaintkit)",
                final=True,
            ) from None


_MESSAGE_FIELDS = frozenset(a.name for a in attrs.fields(Message))
#: The fields a message cannot be sent without.
_MESSAGE_TEXT = ("to", "subject", "body")
#: The fields a message may go without, and what each holds when given: a notifier handed
#: another (``case_id: 5``, ``data: null``) failed every attempt as a bug of its own.
_MESSAGE_TYPED: dict[str, type] = {
    "role": str,
    "case_id": str,
    "event": str,
    "language": str,
    "data": dict,
}


class DamagedPayload(dict[str, str]):
    """A payload read back that is no JSON object (damaged or edited in the store): its
    stored text under ``stored_payload``, kept in the dead letter its delivery becomes."""

    def __init__(self, stored: object) -> None:
        if isinstance(stored, bytes):  # SQLite text that is not UTF-8
            text = stored.decode("utf-8", "backslashreplace")
        else:
            text = str(stored).encode("utf-8", "backslashreplace").decode("utf-8")
        super().__init__(stored_payload=text)


def stored_payload(stored: object) -> Mapping[str, Any]:
    """A row's payload as read back: its JSON object, else a ``DamagedPayload``, so that
    one damaged row fails its own delivery instead of every read of the outbox."""
    try:
        payload = json.loads(stored)  # type: ignore[arg-type] # checked by what it raises
    except (TypeError, ValueError, RecursionError):  # no text, no JSON, nested too deep
        return DamagedPayload(stored)
    return payload if isinstance(payload, dict) else DamagedPayload(stored)


def _writable(value: Any) -> bool:
    """Whether ``value``'s text can be written in UTF-8: a lone surrogate (a ``\\udcff``
    edited into the store, a Message an application built) cannot, at any attempt."""
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _refuse_damaged(payload: Mapping[str, Any]) -> None:
    if isinstance(payload, DamagedPayload):
        raise DeliveryFailed(
            "its stored payload is no JSON object (damaged or edited outside complaintkit); "
            "the dead letter keeps the text as stored",
            final=True,
        )


def _new_id() -> str:
    return str(uuid.uuid4())


def _count(count: int) -> int:
    """A count of attempts as read: one below zero (edited so) as none."""
    return max(count, 0)


@attrs.frozen
class Delivery:
    """An ``Outgoing`` as the outbox keeps it: its state and what its attempts did.

    ``position`` orders the outbox (the order things were enqueued); ``next_attempt_at`` is
    when a pending delivery is due (None for a pending one: its stored due time is no
    instant, so it is never due, and each delivery pass names it); ``last_error`` is why the
    last attempt failed. ``due_damaged`` says the row holds a due time that is no instant
    (edited so outside complaintkit), which a delivered or dead one's ``None`` cannot say
    apart from the none it normally has. A count of ``attempts`` below zero (edited so) is
    damaged and reads as none, as the stores count on from none (it bought extra tries).
    """

    position: int
    outgoing: Outgoing
    state: State = "pending"
    attempts: int = attrs.field(default=0, converter=_count)
    next_attempt_at: datetime | None = None
    last_error: str = ""
    due_damaged: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "position": self.position,
            "delivery_id": self.outgoing.delivery_id,
            "via": self.outgoing.via,
            "kind": self.outgoing.kind,
            "case_id": self.outgoing.case_id,
            "created_at": _iso(self.outgoing.created_at),
            "state": self.state,
            "attempts": self.attempts,
            "next_attempt_at": _iso(self.next_attempt_at),
            "last_error": self.last_error,
        }


def _iso(at: datetime | None) -> str | None:
    return None if at is None else at.isoformat()


@attrs.frozen
class Attempt:
    """What one attempt did: delivered (no ``error``), or failed and is retried at
    ``retry_at``, or failed for good (``retry_at`` None: the storage dead-letters it).

    ``tried`` False: the delivery was not sent at all (its receiver let an earlier one of
    the pass run out of time), only put off to ``retry_at``; it uses none of its attempts."""

    at: datetime
    error: str = ""
    retry_at: datetime | None = None
    tried: bool = True

    @property
    def state(self) -> State:
        if not self.error:
            return "delivered"
        return "dead" if self.retry_at is None else "pending"
