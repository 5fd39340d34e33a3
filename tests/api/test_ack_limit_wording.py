"""The reason an acknowledgement was withheld reads as English for any count and period,
and names the limit of unsigned complaints, not only the form's (POST /complaints without
a secret shares it)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from complaintkit.api.ack_limit import AcknowledgementLimit

NOW = datetime(2026, 12, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("count", "period", "expected"),
    [
        (1, timedelta(hours=1), "1 acknowledgement was sent to this address in the last hour"),
        (2, timedelta(hours=2), "2 acknowledgements were sent to this address in the last 2 hours"),
        (1, timedelta(minutes=1), "in the last minute"),
        (3, timedelta(seconds=90), "in the last 90 seconds"),
        (1, timedelta(seconds=1), "in the last second"),
    ],
)
def test_the_reason_reads_as_english(count: int, period: timedelta, expected: str) -> None:
    limit = AcknowledgementLimit(count, period)
    for _ in range(count):
        assert limit.withheld("wang@example.com", NOW) is None
    reason = limit.withheld("wang@example.com", NOW)
    assert reason is not None
    assert expected in reason
    assert "form's limit" not in reason


def test_a_limit_of_none_says_no_acknowledgement_is_sent() -> None:
    reason = AcknowledgementLimit(0, timedelta(hours=1)).withheld("wang@example.com", NOW)
    assert reason is not None
    assert "0 acknowledgements were sent" not in reason
