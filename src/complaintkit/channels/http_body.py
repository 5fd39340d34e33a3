"""An HTTP intake body as a complaint: the server, not the body, names the channel.

The channel is half of the idempotency key ``(channel, external_id)``. Were the body to
choose it, an anonymous caller could claim another channel's keys before the genuine
complaints arrive; so the server's configuration sets it, and a body naming another
channel is refused.
"""

from __future__ import annotations

from datetime import datetime

from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint
from complaintkit.model.jsonvalues import parse_json

#: The channel of HTTP intake unless the server is configured otherwise.
DEFAULT_CHANNEL = "http"


def complaint_from_body(body: bytes, channel: str, received_at: datetime) -> Complaint:
    """The complaint a ``POST /complaints`` body describes; ``received_at`` fills in a
    missing ``received_at``. ``InvalidInput`` names the offending field."""
    data = parse_json(body, "body")
    if not isinstance(data, dict):
        raise InvalidInput("body", f"must be a JSON object (got {type(data).__name__})")
    declared = data.setdefault("channel", channel)
    if declared != channel:
        raise InvalidInput(
            "channel",
            f"is set by the server ({channel!r}), not by the request (got {declared!r}); "
            "leave it out of the body",
        )
    data.setdefault("received_at", received_at.isoformat())
    return Complaint.from_json(data)
