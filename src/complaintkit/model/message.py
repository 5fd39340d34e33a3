"""The message every notifier delivers (a model object, so the outbox can hold it)."""

from __future__ import annotations

from typing import Any

import attrs


@attrs.frozen
class Message:
    """One rendered notification for one recipient.

    ``to`` is the recipient's address as the notifier understands it (an e-mail address for
    ``smtp``; webhooks ignore it and post the whole message). ``role`` says who it is for
    (customer, owner, team_lead, manager); ``event`` is the case event kind that caused it.
    ``delivery_id`` is the same on every attempt to deliver this message: receivers
    deduplicate on it (delivery is at least once).
    """

    to: str
    subject: str
    body: str
    role: str = ""
    case_id: str = ""
    event: str = ""
    language: str = ""
    data: dict[str, Any] = attrs.field(factory=dict)
    delivery_id: str = ""

    def to_json(self) -> dict[str, Any]:
        """Every field, as ``attrs.asdict`` would give them, without its generic walk (a
        message is built for every notification intake sends)."""
        return {
            "to": self.to,
            "subject": self.subject,
            "body": self.body,
            "role": self.role,
            "case_id": self.case_id,
            "event": self.event,
            "language": self.language,
            "data": dict(self.data),
            "delivery_id": self.delivery_id,
        }
