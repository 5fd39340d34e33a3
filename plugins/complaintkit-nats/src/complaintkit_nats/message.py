"""One JetStream message as a complaint, under the channel the reader is configured with.

The channel is half of the idempotency key ``(channel, external_id)``. Were a message to
choose it, any producer on the subject could claim another channel's keys (HTTP intake's,
say) before the genuine complaints arrive; so the ``channel`` option sets it, and a
message naming another channel is refused, as ``POST /complaints`` refuses a body that
does. The bytes are decoded by the rules every channel shares (``parse_json``).
"""

from __future__ import annotations

from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint
from complaintkit.model.jsonvalues import parse_json


def complaint_from_message(data: bytes, channel: str) -> Complaint:
    """The complaint ``data`` describes, in ``channel``; ``InvalidInput`` names the
    offending field (``message`` when it is no JSON object at all)."""
    record = parse_json(data, "message")
    if not isinstance(record, dict):
        raise InvalidInput("message", f"must be a JSON object (got {type(record).__name__})")
    declared = record.setdefault("channel", channel)
    if declared != channel:
        raise InvalidInput(
            "channel",
            f"is set by the reader's channel option ({channel!r}), not by the message "
            f"(got {declared!r}); leave it out of the message",
        )
    return Complaint.from_json(record)
