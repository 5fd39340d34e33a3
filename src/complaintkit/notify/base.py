"""The notifier interface and the message every notifier delivers."""

from __future__ import annotations

from typing import Protocol

from complaintkit.model.events import CaseEvent
from complaintkit.model.message import Message

__all__ = ["Message", "Notifier", "Publisher"]


class Notifier(Protocol):
    """Delivers messages; registered by name through the ``register_notifiers`` hook.

    ``send`` makes one attempt: it returns once the message is delivered, or raises. The
    delivery worker that calls it retries later with backoff; raise
    ``complaintkit.delivery.DeliveryFailed(final=True)`` when retrying cannot help, or with
    ``retry_after`` when the receiver asked for a pause. After the last attempt the message
    becomes a dead letter.
    """

    def send(self, message: Message) -> None: ...


class Publisher(Protocol):
    """A notifier that can also publish case events (``notifications.publish`` names it).

    ``publish`` makes one attempt to publish one stored event, under the same contract as
    ``Notifier.send``; ``delivery_id`` is stable across attempts, so a broker can drop
    repeats (NATS JetStream's ``Nats-Msg-Id``).
    """

    def publish(self, event: CaseEvent, delivery_id: str) -> None: ...
