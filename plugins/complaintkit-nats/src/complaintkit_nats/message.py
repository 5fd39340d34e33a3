"""One JetStream message as a complaint, under the channel the reader is configured with.

The channel is half of the idempotency key ``(channel, external_id)``. Were a message to
choose it, any producer on the subject could claim another channel's keys (HTTP intake's,
say) before the genuine complaints arrive; so the ``channel`` option sets it, and a
message naming another channel is refused, as ``POST /complaints`` refuses a body that
does, by the same rule (``record_in_channel``).
"""

from __future__ import annotations

from complaintkit.channels.http_body import record_in_channel
from complaintkit.model.complaint import Complaint


def complaint_from_message(data: bytes, channel: str) -> Complaint:
    """The complaint ``data`` describes, in ``channel``; ``InvalidInput`` names the
    offending field (``message`` when it is no JSON object at all)."""
    record = record_in_channel(data, channel, "message", "the reader's channel option")
    return Complaint.from_json(record)
