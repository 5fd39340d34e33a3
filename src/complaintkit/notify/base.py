"""The notifier interface and the message every notifier delivers."""

from __future__ import annotations

from typing import Any, Protocol

import attrs


@attrs.frozen
class Message:
    """One rendered notification for one recipient.

    ``to`` is the recipient's address as the notifier understands it (an e-mail address for
    ``smtp``; webhooks ignore it and post the whole message). ``role`` says who it is for
    (customer, owner, team_lead, manager); ``event`` is the case event kind that caused it.
    """

    to: str
    subject: str
    body: str
    role: str = ""
    case_id: str = ""
    event: str = ""
    language: str = ""
    data: dict[str, Any] = attrs.field(factory=dict)

    def to_json(self) -> dict[str, Any]:
        return attrs.asdict(self)


class Notifier(Protocol):
    """Delivers messages; registered by name through the ``register_notifiers`` hook.

    ``send`` either delivers the message or raises (any exception); the delivery thread
    that calls it records the failure in the dead-letter store. Retrying is the notifier's
    business (the webhook notifier retries with backoff before it gives up).
    """

    def send(self, message: Message) -> None: ...
