"""An instant written with a leap second (``23:59:60``, valid ISO 8601 and RFC 3339) or
with midnight as ``24:00`` is refused saying so and what to write, not as "not an ISO
8601 timestamp", which it is."""

from __future__ import annotations

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint
from complaintkit.model.instants import parse_instant


@pytest.mark.parametrize(
    "written",
    ["2016-12-31T23:59:60Z", "2016-12-31T23:59:60+00:00", "2016-12-31 23:59:60.5+08:00"],
)
def test_a_leap_second_is_named(written: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_instant(written, "received_at")
    assert "leap second" in str(refused.value)
    assert "23:59:59" in str(refused.value)
    assert refused.value.field == "received_at"


@pytest.mark.parametrize("written", ["2026-03-02T24:00:00+08:00", "2026-03-02T24:00Z"])
def test_midnight_written_24_00_is_named(written: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_instant(written, "received_at")
    assert "24:00" in str(refused.value)
    assert "00:00 of the next day" in str(refused.value)


def test_a_complaint_received_at_a_leap_second_says_so() -> None:
    data = {
        "channel": "email",
        "external_id": "m-1",
        "received_at": "2016-12-31T23:59:60Z",
        "customer": {"id": "c-1"},
        "text": "x",
    }
    with pytest.raises(InvalidInput, match="leap second"):
        Complaint.from_json(data)


def test_other_malformed_times_are_still_not_iso() -> None:
    with pytest.raises(InvalidInput, match="not an ISO 8601 timestamp"):
        parse_instant("2016-12-31T23:61:00Z", "received_at")
    with pytest.raises(InvalidInput, match="not an ISO 8601 timestamp"):
        parse_instant("2016-12-31T25:00:00Z", "received_at")
