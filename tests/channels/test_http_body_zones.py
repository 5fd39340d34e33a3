"""An unsigned complaint may be dated five real minutes back, whatever the server's zone.

The server's ``now`` is read in the policy's home zone, and five minutes taken from it on
the wall clock just after New York's clocks went forward landed in the skipped hour, read
an hour later: a complaint dated two minutes back was refused.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from complaintkit.channels.http_body import complaint_from_body
from complaintkit.errors import InvalidInput

NEW_YORK = ZoneInfo("America/New_York")
#: Two minutes after 02:00 EST became 03:00 EDT on 8 March 2026.
NOW = datetime(2026, 3, 8, 3, 2, tzinfo=NEW_YORK)


def _body(received: datetime) -> bytes:
    return json.dumps(
        {
            "external_id": "1",
            "received_at": received.isoformat(),
            "customer": {"id": "C1"},
            "text": "the bread was damaged",
        }
    ).encode()


def test_an_unsigned_complaint_dated_two_minutes_back_is_taken() -> None:
    received = NOW.astimezone(UTC) - timedelta(minutes=2)
    complaint = complaint_from_body(_body(received), "http", NOW, signed=False)
    assert complaint.received_at == received


def test_an_unsigned_complaint_dated_six_minutes_back_is_refused() -> None:
    received = NOW.astimezone(UTC) - timedelta(minutes=6)
    with pytest.raises(InvalidInput) as refused:
        complaint_from_body(_body(received), "http", NOW, signed=False)
    assert refused.value.field == "received_at"
